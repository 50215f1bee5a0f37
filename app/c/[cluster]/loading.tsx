/** While a cluster page's server part loads (the grid itself streams in on the client). */
export default function Loading() {
  return (
    <main className="p-4" aria-busy="true">
      <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
    </main>
  );
}
