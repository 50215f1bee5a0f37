import type { RolloutProgress, RolloutSample } from '@/lib/rollout-progress';

/** "about 4 min" for an ETA. */
export function formatEta(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** Stuck flag with its likeliest cause, the ETA at the current pace, and daemon pods per revision. */
export function RolloutVerdict({
  progress,
  latest,
}: {
  progress: RolloutProgress | undefined;
  latest: RolloutSample | undefined;
}) {
  const revisions = Object.entries(latest?.revisions ?? {}).sort(([a], [b]) => Number(b) - Number(a));
  return (
    <div className="flex flex-col gap-1 text-sm">
      {progress?.stuck ? (
        <p role="alert" className="font-semibold text-[#B34700] dark:text-[#E69F00]">
          ⚠ Rollout stuck{progress.cause ? `: ${progress.cause}` : ''}
          {progress.lastProgressAt
            ? ` (no progress since ${new Date(progress.lastProgressAt).toLocaleTimeString()})`
            : ''}
        </p>
      ) : null}
      {progress && !progress.stuck && !progress.done && progress.cause ? (
        <p>Likeliest hold-up: {progress.cause}</p>
      ) : null}
      {progress?.etaSeconds !== undefined ? (
        <p>
          ETA: {formatEta(progress.etaSeconds)}
          {progress.pacePerMinute !== undefined ? ` at ${progress.pacePerMinute.toFixed(1)} pods/min` : ''}
        </p>
      ) : null}
      {revisions.length > 0 ? (
        <p>
          Pods per revision:{' '}
          {revisions.map(([revision, count]) => `revision ${revision}: ${count}`).join(', ')}
        </p>
      ) : null}
    </div>
  );
}
