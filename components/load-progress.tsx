import type { ServerStatus } from './data/stream-state';

/** While the first lists load: a bar and the count of objects received per resource kind. */
export function LoadProgress({
  status,
  hasSnapshot,
}: {
  status: ServerStatus | undefined;
  hasSnapshot: boolean;
}) {
  const kinds = Object.entries(status?.resources ?? {});
  const synced = kinds.filter(([, progress]) => progress.synced).length;
  const isDone = hasSnapshot && (kinds.length === 0 || synced === kinds.length);
  if (isDone) return null;
  return (
    <div className="flex flex-col gap-1 text-xs" aria-label="Loading the cluster">
      <progress
        className="h-1.5 w-64"
        max={Math.max(kinds.length, 1)}
        value={synced}
        aria-label="Resource kinds listed"
      />
      <p className="text-slate-600 dark:text-slate-400">
        {kinds.length === 0
          ? 'Connecting to the cluster…'
          : kinds
              .map(
                ([kind, progress]) =>
                  `${kind}: ${progress.count ?? 0}${progress.synced ? ' ✓' : '…'}${progress.error ? ` (${progress.error})` : ''}`,
              )
              .join(' · ')}
      </p>
    </div>
  );
}
