'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import {
  daemonSetActionUrl,
  type ActionAnswer,
  type ActionBody,
  type DaemonSetAction,
} from '../data/mutations';
import { daemonSetDetailQuery, sessionQuery } from '../data/queries';
import { parseDaemonSetDetail } from '../daemonset/daemonset-detail';
import { ActionDialog } from './action-dialog';

/** An action the operator opened: which, with which body, under which title. */
export interface OpenAction {
  action: DaemonSetAction;
  body: ActionBody;
  title: string;
}

/** True once the stream shows the DaemonSet at (or past) the generation the action produced. */
export function reachedGeneration(summary: DaemonSetSummary | undefined, answer: ActionAnswer): boolean {
  if (answer.result.skipped === true) return true;
  const generation = answer.result.generation;
  if (typeof generation !== 'number') return summary !== undefined;
  return (summary?.generation ?? 0) >= generation;
}

/**
 * The precondition an action carries: the spec generation the operator is reviewing, so status writes
 * during a rollout (which bump resourceVersion every few seconds) do not turn Confirm into a 409; the
 * resourceVersion only when no generation is known.
 */
export function withPrecondition(
  body: ActionBody,
  detail: { generation?: number; resourceVersion?: string },
): ActionBody {
  if (detail.generation !== undefined) return { ...body, generation: detail.generation };
  return detail.resourceVersion ? { ...body, resourceVersion: detail.resourceVersion } : body;
}

const BUTTON =
  'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800';

/** The one-click actions of a DaemonSet, each behind a dry-run dialog; absent in read-only mode. */
export function ActionBar(props: {
  cluster: string;
  summary: DaemonSetSummary;
  open: OpenAction | undefined;
  onOpen: (open: OpenAction | undefined) => void;
}) {
  const session = useQuery(sessionQuery());
  const queryClient = useQueryClient();
  const { summary, cluster, open } = props;
  if (session.data?.readOnly !== false) return null;
  const key = `${summary.namespace}/${summary.name}`;
  const isOnDelete = summary.updateStrategy.type === 'OnDelete';
  const start = (action: DaemonSetAction, title: string, body: ActionBody = {}) =>
    props.onOpen({ action, title, body });
  // The precondition is the DaemonSet as the dashboard sees it when the dialog opens, not when the page
  // loaded; the dry run and Confirm both send it.
  const resolveBody = async (body: ActionBody): Promise<ActionBody> => {
    const detail = parseDaemonSetDetail(
      await queryClient.fetchQuery({
        ...daemonSetDetailQuery(cluster, summary.namespace, summary.name),
        staleTime: 0,
      }),
    );
    return withPrecondition(body, detail);
  };
  return (
    <div className="flex flex-wrap gap-2" aria-label="Actions">
      <button
        type="button"
        className={BUTTON}
        onClick={() => start('rollback', `Roll back ${key} to the previous revision`, { toRevision: 0 })}
      >
        Roll back
      </button>
      {isOnDelete ? (
        <button
          type="button"
          className={BUTTON}
          onClick={() => start('resume', `Resume the rollout of ${key}`)}
        >
          Resume rollout
        </button>
      ) : (
        <button
          type="button"
          className={BUTTON}
          onClick={() => start('pause', `Pause the rollout of ${key}`)}
        >
          Pause rollout
        </button>
      )}
      <button
        type="button"
        className={BUTTON}
        onClick={() => start('restart', `Restart every pod of ${key}`)}
      >
        Restart
      </button>
      {open ? (
        <ActionDialog
          key={`${open.action}-${open.body.toRevision ?? ''}`}
          title={open.title}
          url={daemonSetActionUrl(cluster, summary.namespace, summary.name, open.action)}
          resolveBody={() => resolveBody(open.body)}
          isConfirmed={(answer) => reachedGeneration(summary, answer)}
          onClose={() => props.onOpen(undefined)}
        />
      ) : null}
    </div>
  );
}
