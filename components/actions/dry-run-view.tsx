/**
 * What a dry run says an action will change: the template diff, the strategy switch, the predicted
 * rollout, or kubectl's "skipped" message. Reads the server's result defensively.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function RolloutPreview({ rollout }: { rollout: Record<string, unknown> }) {
  const waves = Array.isArray(rollout.waves) ? rollout.waves.filter(isRecord) : [];
  const created = waves.reduce((sum, wave) => sum + strings(wave.createNewOn).length, 0);
  const first = waves[0] ? strings(waves[0].createNewOn).concat(strings(waves[0].deleteOldOn)) : [];
  return (
    <div>
      <p>
        Rollout ({String(rollout.strategy ?? 'RollingUpdate')}): {created} of{' '}
        {String(rollout.desiredNumberScheduled ?? '?')} nodes get a new pod
        {waves.length > 0 ? ` in ${waves.length} step${waves.length === 1 ? '' : 's'}` : ''}
        {typeof rollout.maxUnavailable === 'number' ? `, maxUnavailable ${rollout.maxUnavailable}` : ''}
        {typeof rollout.maxSurge === 'number' ? `, maxSurge ${rollout.maxSurge}` : ''}.
      </p>
      {first.length > 0 ? (
        <p className="text-xs break-all">
          First step: {[...new Set(first)].slice(0, 12).join(', ')}
          {first.length > 12 ? ', …' : ''}
        </p>
      ) : null}
      {typeof rollout.note === 'string' ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">{rollout.note}</p>
      ) : null}
    </div>
  );
}

/** The dry-run result of one action. */
export function DryRunView({ result }: { result: Record<string, unknown> }) {
  const strategy = isRecord(result.updateStrategy) ? result.updateStrategy : undefined;
  const diff = typeof result.templateDiff === 'string' ? result.templateDiff : '';
  const doesNotStop = strings(result.doesNotStop);
  return (
    <div className="flex flex-col gap-2 text-sm">
      {result.skipped === true ? (
        <p>Nothing to change: {typeof result.message === 'string' ? result.message : 'skipped'}</p>
      ) : null}
      {typeof result.fromRevision === 'number' || typeof result.toRevision === 'number' ? (
        <p>
          Revision {String(result.fromRevision ?? '?')} → {String(result.toRevision ?? 'a new revision')}
        </p>
      ) : null}
      {strategy ? (
        <p>
          Update strategy: {String(strategy.from)} → {String(strategy.to)}
        </p>
      ) : null}
      {doesNotStop.length > 0 ? (
        <div>
          <p>Pausing does not stop:</p>
          <ul className="list-disc pl-5 text-xs">
            {doesNotStop.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {isRecord(result.rollout) ? <RolloutPreview rollout={result.rollout} /> : null}
      {diff !== '' ? (
        <pre
          aria-label="Template diff"
          className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900"
        >
          {diff}
        </pre>
      ) : null}
    </div>
  );
}
