import 'server-only';
import type { Pod } from '@/lib/k8s-types';
import { withCondition } from '../controllers/pod-status';
import type { SimStore } from '../store';
import { badRequest } from './status-error';

/** Pods one `POST /_sim/unready` may name: a bound on the work of one request. */
export const MAX_UNREADY_PODS = 5_000;

/** What `POST /_sim/unready` did. */
export interface UnreadyResult {
  /** `namespace/name` of every pod whose Ready condition turned False. */
  changed: string[];
  /** Named pods that were not Ready (left alone) or do not exist. */
  skipped: string[];
}

/** `{ pods: ["namespace/name", …] }`, checked. */
export function parseUnreadyBody(body: unknown): string[] {
  const pods = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).pods : undefined;
  if (!Array.isArray(pods) || !pods.every((pod): pod is string => typeof pod === 'string' && /^[^/]+\/[^/]+$/.test(pod))) {
    throw badRequest('expected {"pods": ["namespace/name", …]}');
  }
  if (pods.length > MAX_UNREADY_PODS) throw badRequest(`at most ${MAX_UNREADY_PODS} pods per request, got ${pods.length}`);
  return pods;
}

/**
 * A failing readiness probe on many pods at once: each named pod that is Ready gets Ready=False in
 * one status write, as the kubelet reports it; the simulated kubelet makes it Ready again after its
 * readiness delay. One request instead of a PATCH per pod, so a load test can drive the watch-event
 * rate of a large fleet without the HTTP cost of each write.
 */
export function markUnready(store: SimStore, pods: readonly string[]): UnreadyResult {
  const result: UnreadyResult = { changed: [], skipped: [] };
  const now = store.clock.now();
  for (const key of pods) {
    const [namespace = '', name = ''] = key.split('/');
    const pod = store.get('pods', namespace, name) as unknown as Pod | undefined;
    const ready = pod?.status?.conditions?.find((condition) => condition.type === 'Ready');
    if (pod === undefined || ready?.status !== 'True') {
      result.skipped.push(key);
      continue;
    }
    const status = { ...pod.status, conditions: withCondition(pod.status?.conditions, 'Ready', 'False', now, 'ReadinessProbeFailed') };
    store.update('pods', { ...pod, status } as unknown as Parameters<SimStore['update']>[1], { subresource: 'status' });
    result.changed.push(key);
  }
  return result;
}
