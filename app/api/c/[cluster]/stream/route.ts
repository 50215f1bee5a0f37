/**
 * `GET /api/c/{cluster}/stream[?daemonset=ns/name]` — the live fleet as Server-Sent Events.
 *
 * Protocol (text/event-stream, UTF-8):
 * 1. `: connected` — a comment, sent at once so headers flush.
 * 2. `event: snapshot`, data `{ seq, rows, columns }` — a lib/fleet-model FleetSnapshot plus the hub's
 *    sequence number. Replace all state with it. It is sent again, unasked, when this client fell
 *    behind (its queue passed a bound; a `: resync: …` comment comes first) and instead of a burst of more than 2000 deltas (a relist):
 *    treat every snapshot as a reset.
 * 3. `event: status`, data `{ state: 'Live' | 'Stale', since, resources: { nodes | daemonsets | pods |
 *    controllerrevisions: { synced, count, error? } } }` — after the snapshot and on every change.
 *    Stale as soon as any watch fails (refused, dropped, 5xx, 429, a failing relist, a 410 until its
 *    relist is in), Live again only once
 *    every kind has re-synced. `since` is epoch ms of the last Live↔Stale transition (for Stale: the
 *    first failure, since when data may be behind).
 * 4. `event: delta`, data `{ seq, receivedAt?, deltas: FleetDelta[] }` — at most every 100 ms; apply the deltas in
 *    order with lib/fleet-model `applyDelta`. `seq` is the hub's own counter (never a resourceVersion):
 *    it increases by exactly one per batch on every stream (filtered streams get `deltas: []` for a
 *    batch that does not touch their DaemonSet). Ignore a delta whose seq is not above the last
 *    snapshot's or delta's; a delta whose seq is above last + 1 means something was lost: reconnect
 *    for a fresh snapshot rather than apply it. `receivedAt` is the server machine's wall clock (epoch ms,
 *    not the cluster's) when the batch's earliest watch event reached this server, so a client on the
 *    same machine can time event → pixel; absent for a batch caused only by time passing (minReadySeconds).
 * 5. `event: rollout` — only with `?daemonset=ns/name`: data `{ daemonset, reset, capacity, samples,
 *    progress, recordingSince? }`. The first one (`reset: true`, right after the snapshot) carries the DaemonSet's whole
 *    ring of lib/rollout-progress `RolloutSample`s; later ones (`reset: false`) carry only new samples
 *    to append (keep at most `capacity`). `progress` is the current `RolloutProgress` (done, stuck,
 *    lastProgressAt, cause, pacePerMinute, etaSeconds). The same ring and verdict are in
 *    `GET /api/c/{cluster}/daemonsets/{ns}/{name}` under `rollout`. `recordingSince` (the cluster's
 *    clock, epoch ms) is when this server began taking samples: they live in its memory, so after a
 *    server restart the history starts again from there. Absent until every watch has synced once.
 * 6. `event: heartbeat`, data `{ at }` (the hub's clock, epoch ms) every 15 s. A client that hears
 *    nothing at all (heartbeats included) for 45 s should treat the stream as Stale and reconnect.
 * With `?daemonset=ns/name` the snapshot holds only that column (other column slots are null) and
 * deltas only its cells and summary; row slots are the full stream's, so ids match.
 * Errors before the stream starts are JSON `{ code, reason, message }` (404 unknown cluster, 503
 * unreachable, 422 malformed `daemonset`).
 */
import { sseResponse } from '@/server/hub/sse';
import { clusterConnection, daemonSetFilter, signedInRoute } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = signedInRoute<{ cluster: string }>(async (request, { cluster }) => {
  const daemonSet = daemonSetFilter(new URL(request.url).searchParams.get('daemonset'));
  const connection = await clusterConnection(cluster);
  return sseResponse(connection.hub, daemonSet, request.signal);
});
