import Link from 'next/link';

/** Unknown paths: point back to the fleet. */
export default function NotFound() {
  return (
    <main className="flex flex-col gap-3 p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="text-sm">
        Daemonscope serves <code>/c/&#123;cluster&#125;</code>,{' '}
        <code>/c/&#123;cluster&#125;/daemonsets/&#123;namespace&#125;/&#123;name&#125;</code> and{' '}
        <code>/c/&#123;cluster&#125;/nodes/&#123;name&#125;</code>.
      </p>
      <Link href="/" className="underline">
        Open the fleet
      </Link>
    </main>
  );
}
