'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { canIQuery } from '../auth/auth-queries';
import type { CanIAnswer } from '../auth/auth-session';
import { actionButtonState, distinctReasons, type ButtonState } from '../auth/button-state';
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
  'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent dark:border-slate-700 dark:hover:bg-slate-800';

/** One action button; when the user may not use it, disabled, with the reason as its title and description. */
function ActionButton(props: { state: ButtonState; reasonIds: Map<string, string>; onClick: () => void; children: ReactNode }) {
  const { state } = props;
  return (
    <button
      type="button"
      className={BUTTON}
      disabled={state.disabled}
      title={state.reason}
      aria-describedby={state.reason === undefined ? undefined : props.reasonIds.get(state.reason)}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/**
 * The buttons and, beside them, why some are disabled: the reasons can-i gave, each sentence once (the
 * DaemonSet actions share one PATCH verdict) and referenced by every button it explains.
 */
export function ActionButtons(props: { canI: CanIAnswer | undefined; isOnDelete: boolean; onAction: (action: DaemonSetAction) => void }) {
  const baseId = useId();
  const middle: DaemonSetAction = props.isOnDelete ? 'resume' : 'pause';
  const rollback = actionButtonState(props.canI, 'rollback');
  const pauseOrResume = actionButtonState(props.canI, middle);
  const restart = actionButtonState(props.canI, 'restart');
  const reasons = distinctReasons([rollback, pauseOrResume, restart]);
  const reasonIds = new Map(reasons.map((reason, i) => [reason, `${baseId}-reason-${i}`]));
  return (
    <>
      <div className="flex flex-wrap gap-2" aria-label="Actions">
        <ActionButton state={rollback} reasonIds={reasonIds} onClick={() => props.onAction('rollback')}>
          Roll back
        </ActionButton>
        <ActionButton state={pauseOrResume} reasonIds={reasonIds} onClick={() => props.onAction(middle)}>
          {props.isOnDelete ? 'Resume rollout' : 'Pause rollout'}
        </ActionButton>
        <ActionButton state={restart} reasonIds={reasonIds} onClick={() => props.onAction('restart')}>
          Restart
        </ActionButton>
      </div>
      {reasons.map((reason) => (
        <p key={reason} id={reasonIds.get(reason)} className="text-xs break-words text-slate-600 dark:text-slate-400">
          {reason}
        </p>
      ))}
    </>
  );
}

/**
 * The one-click actions of a DaemonSet, each behind a dry-run dialog; absent in read-only mode. A button
 * the user's RBAC refuses (can-i) is disabled with the reason beside it; while can-i is unanswered every
 * button is usable and the API server decides.
 */
export function ActionBar(props: {
  cluster: string;
  summary: DaemonSetSummary;
  open: OpenAction | undefined;
  onOpen: (open: OpenAction | undefined) => void;
}) {
  const session = useQuery(sessionQuery());
  const queryClient = useQueryClient();
  const { summary, cluster, open } = props;
  const canI = useQuery({
    ...canIQuery(cluster, summary.namespace, summary.name),
    enabled: session.data?.readOnly === false,
  });
  if (session.data?.readOnly !== false) return null;
  const key = `${summary.namespace}/${summary.name}`;
  const titles: Record<DaemonSetAction, string> = {
    rollback: `Roll back ${key} to the previous revision`,
    pause: `Pause the rollout of ${key}`,
    resume: `Resume the rollout of ${key}`,
    restart: `Restart every pod of ${key}`,
  };
  const start = (action: DaemonSetAction) =>
    props.onOpen({ action, title: titles[action], body: action === 'rollback' ? { toRevision: 0 } : {} });
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
    <div className="flex flex-col gap-1">
      <ActionButtons canI={canI.data} isOnDelete={summary.updateStrategy.type === 'OnDelete'} onAction={start} />
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
