'use client';

/** Any page that throws while rendering: say so plainly and offer a retry, never a blank screen. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="flex flex-col gap-3 p-6">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="text-sm">{error.message || 'The page failed to render.'}</p>
      <button
        type="button"
        onClick={reset}
        className="w-fit rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
      >
        Try again
      </button>
    </main>
  );
}
