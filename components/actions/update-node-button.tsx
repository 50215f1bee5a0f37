'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { canIQuery } from '../auth/auth-queries';
import type { CanIAnswer } from '../auth/auth-session';
import { actionButtonState, type ButtonState } from '../auth/button-state';
import { podDeleteUrl } from '../data/mutations';
import { nodeDetailQuery, sessionQuery, type Session } from '../data/queries';
import { parseNodeDetail } from '../why/node-detail';
import { ActionDialog } from './action-dialog';

/** Whether the per-node button is offered and, when it is, how it shows. */
export type UpdateNodeAccess = { isShown: false } | { isShown: true; state: ButtonState };

/**
 * The button is absent in read-only mode (and while the session is unread, like the action bar);
 * otherwise it is judged by can-i's `delete-pod` verdict, since updating a node deletes its old pod.
 */
export function updateNodeAccess(
  session: Session | undefined,
  canI: CanIAnswer | undefined,
): UpdateNodeAccess {
  if (session?.readOnly !== false) return { isShown: false };
  return { isShown: true, state: actionButtonState(canI, 'delete-pod') };
}

/** {@link updateNodeAccess} for one DaemonSet, from the same session and can-i queries the action bar reads. */
export function useUpdateNodeAccess(cluster: string, namespace: string, name: string): UpdateNodeAccess {
  const session = useQuery(sessionQuery());
  const canI = useQuery({
    ...canIQuery(cluster, namespace, name),
    enabled: session.data?.readOnly === false,
  });
  return updateNodeAccess(session.data, canI.data);
}

/**
 * Why every "Update this node" button is disabled (or the note can-i added), said once above the list;
 * each button points at it with `aria-describedby`.
 */
export function UpdateNodeReason(props: { id: string; access: UpdateNodeAccess }) {
  if (!props.access.isShown || props.access.state.reason === undefined) return null;
  return (
    <p id={props.id} className="text-xs break-words text-slate-600 dark:text-slate-400">
      Update this node: {props.access.state.reason}
    </p>
  );
}

/**
 * "Update this node" under OnDelete: deletes the node's old daemon pod so the controller recreates it
 * from the current template. The pod's name comes from the node's detail, read when the button is used.
 * Disabled, with the reason as its title and description, when the user's RBAC refuses deleting pods.
 */
export function UpdateNodeButton(props: {
  cluster: string;
  namespace: string;
  name: string;
  node: string;
  state: ButtonState;
  /** The id of the {@link UpdateNodeReason} that explains `state.reason`. */
  reasonId: string;
  isStillOld: () => boolean;
}) {
  const [isOpen, setOpen] = useState(false);
  const detail = useQuery({
    ...nodeDetailQuery(props.cluster, props.node),
    enabled: isOpen,
    refetchInterval: false,
  });
  const key = `${props.namespace}/${props.name}`;
  const pod = detail.data
    ? parseNodeDetail(detail.data, props.node)
        .verdicts.find((v) => v.daemonSet === key)
        ?.pods.find((p) => !p.isUpdated && !p.isTerminating)
    : undefined;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={props.state.disabled}
        title={props.state.reason}
        aria-describedby={props.state.reason === undefined ? undefined : props.reasonId}
        className="rounded border border-slate-300 px-1.5 text-xs disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700"
        aria-label={`Update this node: ${props.node}`}
      >
        Update this node
      </button>
      {isOpen && detail.isFetched && !pod ? (
        <span role="alert" className="text-xs">
          no old pod on {props.node} any more
        </span>
      ) : null}
      {isOpen && pod ? (
        <ActionDialog
          title={`Update ${props.node}: delete pod ${pod.name} so ${key} recreates it from the current template`}
          url={podDeleteUrl(props.cluster, props.namespace, pod.name)}
          resolveBody={async () => (pod.resourceVersion ? { resourceVersion: pod.resourceVersion } : {})}
          isConfirmed={() => !props.isStillOld()}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
