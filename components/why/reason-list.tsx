import { CopyButton } from '../copy-button';
import type { ReasonView } from './node-detail';

/** Each failing constraint in plain words with its fix: what to change, the YAML to copy, the command. */
export function ReasonList({
  reasons,
  shouldContinueRunning,
}: {
  reasons: readonly ReasonView[];
  shouldContinueRunning: boolean;
}) {
  if (reasons.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h3 className="font-medium">Why not</h3>
      {shouldContinueRunning ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          A pod already running here may stay (only NoSchedule taints keep new pods off).
        </p>
      ) : null}
      <ol className="flex flex-col gap-2">
        {reasons.map((reason, i) => (
          <li key={`${reason.kind}-${i}`} className="flex flex-col gap-1">
            <p>{reason.message}</p>
            {reason.fix ? (
              <div className="flex flex-col gap-1 rounded bg-slate-50 p-2 dark:bg-slate-900">
                <p className="text-xs">Fix: {reason.fix.description}</p>
                {reason.fix.yaml ? (
                  <>
                    <pre className="max-h-48 overflow-auto text-xs whitespace-pre">{reason.fix.yaml}</pre>
                    <CopyButton text={reason.fix.yaml} label="Copy YAML" />
                  </>
                ) : null}
                {reason.fix.command ? <code className="text-xs break-all">{reason.fix.command}</code> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
