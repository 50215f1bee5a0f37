import type { OpenAction } from '../actions/action-bar';
import type { RevisionView } from './daemonset-detail';

/** The ControllerRevision history, newest first, with each revision's change and a rollback to it. */
export function RevisionHistory(props: {
  revisions: readonly RevisionView[];
  daemonSet: string;
  canAct: boolean;
  onRollback: (open: OpenAction) => void;
}) {
  if (props.revisions.length === 0) return <p className="text-sm text-slate-500">No revision history.</p>;
  return (
    <ol className="flex flex-col gap-2" aria-label="Revision history">
      {props.revisions.map((revision) => (
        <li
          key={revision.revision}
          className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">Revision {revision.revision}</span>
            {revision.isCurrent ? (
              <span className="rounded bg-slate-900 px-1.5 text-xs text-white dark:bg-slate-100 dark:text-slate-900">
                current
              </span>
            ) : null}
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {revision.changeCause ?? '<none>'}
            </span>
            {revision.createdAt ? (
              <time className="text-xs text-slate-500" dateTime={revision.createdAt}>
                {revision.createdAt}
              </time>
            ) : null}
            {props.canAct && !revision.isCurrent ? (
              <button
                type="button"
                className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700"
                onClick={() =>
                  props.onRollback({
                    action: 'rollback',
                    title: `Roll back ${props.daemonSet} to revision ${revision.revision}`,
                    body: { toRevision: revision.revision },
                  })
                }
              >
                Restore revision {revision.revision}
              </button>
            ) : null}
          </div>
          {revision.diffFromCurrent ? (
            <details>
              <summary className="cursor-pointer text-xs">What restoring it changes</summary>
              <pre className="max-h-64 overflow-auto bg-slate-50 p-2 text-xs dark:bg-slate-900">
                {revision.diffFromCurrent}
              </pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
