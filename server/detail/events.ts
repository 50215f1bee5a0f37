import 'server-only';
import type { KubeEvent } from '@/lib/k8s-types';
import type { KubeClient } from '../clusters/kube-http';
import { slimEvent } from '../watch/slim';

/** Events shown per object at most; the newest win. */
const MAX_EVENTS = 100;

const eventTime = (event: KubeEvent) => Date.parse(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '') || 0;

/**
 * Recent events of a namespace about the given objects (kind + name), newest first. Fetched on
 * demand for the detail views rather than watched: only an open detail page needs them.
 */
export async function recentEvents(client: KubeClient, namespace: string, objects: { kind: string; name: string }[]): Promise<KubeEvent[]> {
  const wanted = new Set(objects.map((o) => `${o.kind}/${o.name}`));
  const list = await client<{ items?: unknown[] }>({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/events` });
  return (list?.items ?? [])
    .map(slimEvent)
    .filter((event) => wanted.has(`${event.involvedObject?.kind ?? ''}/${event.involvedObject?.name ?? ''}`))
    .sort((a, b) => eventTime(b) - eventTime(a))
    .slice(0, MAX_EVENTS);
}
