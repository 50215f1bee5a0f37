import { queryOptions } from '@tanstack/react-query';
import type { Node } from '@/lib/k8s-types';
import { apiPath, fetchJson } from './fetch-json';

/**
 * Query options factories for the dashboard's read endpoints. Answers are checked for the fields the
 * UI reads; anything else passes through untyped (`unknown`) to the component that knows its shape.
 */

/** One entry of `GET /api/clusters`. */
export interface ClusterInfo {
  name: string;
  source: string;
  reachable: boolean;
  message?: string;
}

/** `GET /api/session`: the CSRF token to echo on POSTs, and whether mutations are possible at all. */
export interface Session {
  csrfToken: string;
  readOnly: boolean;
  user?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The clusters the dashboard knows, in the server's order (`demo` first). */
export function parseClusters(body: unknown): ClusterInfo[] {
  if (!Array.isArray(body)) return [];
  return body.filter(isRecord).flatMap((entry) =>
    typeof entry.name === 'string'
      ? [
          {
            name: entry.name,
            source: String(entry.source ?? ''),
            reachable: entry.reachable !== false,
            ...(typeof entry.message === 'string' ? { message: entry.message } : {}),
          },
        ]
      : [],
  );
}

/** `GET /api/clusters`. */
export const clustersQuery = () =>
  queryOptions({
    queryKey: ['clusters'],
    queryFn: async () => parseClusters(await fetchJson('/api/clusters')),
    refetchInterval: 15_000,
  });

/** `GET /api/session`; read-only when the session cannot be read, so no button promises what fails. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: ['session'],
    queryFn: async (): Promise<Session> => {
      const body = await fetchJson('/api/session');
      if (!isRecord(body) || typeof body.csrfToken !== 'string') return { csrfToken: '', readOnly: true };
      return {
        csrfToken: body.csrfToken,
        readOnly: body.readOnly === true,
        ...(typeof body.user === 'string' ? { user: body.user } : {}),
      };
    },
    staleTime: Infinity,
  });

/** `GET /api/c/{cluster}/daemonsets/{ns}/{name}` (shape read by components/daemonset). */
export const daemonSetDetailQuery = (cluster: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: ['daemonset', cluster, namespace, name],
    queryFn: () => fetchJson(apiPath(cluster, 'daemonsets', namespace, name)),
    refetchInterval: 5_000,
  });

/** `GET /api/c/{cluster}/nodes/{name}` (shape read by components/why). */
export const nodeDetailQuery = (cluster: string, name: string) =>
  queryOptions({
    queryKey: ['node', cluster, name],
    queryFn: () => fetchJson(apiPath(cluster, 'nodes', name)),
    refetchInterval: 10_000,
  });

/** The nodes' labels and taints, for label/taint filters, grouping and What-if (`GET /api/c/{cluster}/nodes`). */
export const nodeListQuery = (cluster: string) =>
  queryOptions({
    queryKey: ['nodes', cluster],
    queryFn: async (): Promise<Node[]> => {
      const body = await fetchJson(apiPath(cluster, 'nodes'));
      const items = isRecord(body) && Array.isArray(body.items) ? body.items : body;
      return Array.isArray(items) ? items.filter(isRecord).map((item) => item as Node) : [];
    },
    refetchInterval: 30_000,
  });

/** `GET /api/c/{cluster}/cost`: DaemonSets' requests and limits × nodes, and their share of nodes (shape read by components/fleet). */
export const fleetCostQuery = (cluster: string) =>
  queryOptions({
    queryKey: ['cost', cluster],
    queryFn: () => fetchJson(apiPath(cluster, 'cost')),
    refetchInterval: 30_000,
  });
