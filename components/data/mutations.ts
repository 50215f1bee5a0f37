'use client';

import { useQueryClient } from '@tanstack/react-query';
import { apiPath, fetchJson, toApiError } from './fetch-json';
import { sessionQuery } from './queries';

/**
 * The POST actions. They never write the grid: the change comes back through the watch and the stream
 * (DESIGN.md); a caller shows "pending" until it does. Every POST carries the CSRF token of the session.
 */

/** The actions on a DaemonSet, as the API names them. */
export type DaemonSetAction = 'rollback' | 'pause' | 'resume' | 'restart';

/** The body every action accepts. */
export interface ActionBody {
  toRevision?: number;
  resourceVersion?: string;
  /** The spec generation reviewed: refused (409) only if the spec changed since, not on status writes. */
  generation?: number;
  dryRun?: boolean;
}

/** A successful answer: the equivalent kubectl command and what happened (or would, for a dry run). */
export interface ActionAnswer {
  kubectl: string;
  dryRun: boolean;
  result: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an action answer; a 2xx body without `ok: true` is an error too. */
export function parseActionAnswer(body: unknown): ActionAnswer {
  if (!isRecord(body) || body.ok !== true) throw toApiError(200, body);
  return {
    kubectl: typeof body.kubectl === 'string' ? body.kubectl : '',
    dryRun: body.dryRun === true,
    result: isRecord(body.result) ? body.result : {},
  };
}

/** `POST /api/c/{cluster}/daemonsets/{ns}/{name}/{action}`. */
export const daemonSetActionUrl = (
  cluster: string,
  namespace: string,
  name: string,
  action: DaemonSetAction,
) => apiPath(cluster, 'daemonsets', namespace, name, action);

/** `POST /api/c/{cluster}/pods/{ns}/{name}/delete`. */
export const podDeleteUrl = (cluster: string, namespace: string, pod: string) =>
  apiPath(cluster, 'pods', namespace, pod, 'delete');

/** A function that POSTs an action body to a URL with the session's CSRF token and reads the answer. */
export function useActionPost(): (url: string, body: ActionBody) => Promise<ActionAnswer> {
  const queryClient = useQueryClient();
  return async (url, body) => {
    const session = await queryClient.fetchQuery(sessionQuery());
    const answer = await fetchJson(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(body),
    });
    return parseActionAnswer(answer);
  };
}
