import type { FleetDelta, FleetSnapshot } from '@/lib/fleet-model/types';
import type { RolloutProgress, RolloutSample } from '@/lib/rollout-progress';
import type { ResourceProgress, ServerStatus, StreamEvent } from './stream-state';

/**
 * Turns one Server-Sent Event (name + data text) into a {@link StreamEvent}. Input from the wire is
 * checked for shape, not trusted: a malformed event yields a reason and leaves the grid as it was.
 */

/** A parsed event, or why the event was dropped. */
export type ParsedStreamEvent = { ok: true; event: StreamEvent } | { ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Parses the data of a `snapshot`, `delta`, `status` or `heartbeat` event received at `at`. */
export function parseStreamEvent(name: string, data: string, at: number): ParsedStreamEvent {
  let body: unknown;
  try {
    body = data.trim() === '' ? {} : JSON.parse(data);
  } catch {
    return { ok: false, error: `${name} event is not JSON` };
  }
  if (!isRecord(body)) return { ok: false, error: `${name} event is not an object` };
  switch (name) {
    case 'snapshot':
      if (!isSeq(body.seq) || !Array.isArray(body.rows) || !Array.isArray(body.columns)) {
        return { ok: false, error: 'snapshot event lacks seq, rows or columns' };
      }
      return {
        ok: true,
        event: {
          type: 'snapshot',
          at,
          seq: body.seq,
          snapshot: { rows: body.rows, columns: body.columns } as FleetSnapshot,
        },
      };
    case 'delta':
      if (!isSeq(body.seq) || !Array.isArray(body.deltas) || !body.deltas.every(isRecord)) {
        return { ok: false, error: 'delta event lacks seq or deltas' };
      }
      // `receivedAt` (the server's stamp, for the bench's event → pixel timing) is not needed to draw the grid.
      return { ok: true, event: { type: 'delta', at, seq: body.seq, deltas: body.deltas as FleetDelta[] } };
    case 'status':
      return parseStatus(body, at);
    case 'heartbeat':
      return { ok: true, event: { type: 'heartbeat', at } };
    case 'rollout':
      return parseRollout(body, at);
    default:
      return { ok: false, error: `unknown event "${name}"` };
  }
}

function parseRollout(body: Record<string, unknown>, at: number): ParsedStreamEvent {
  if (!Array.isArray(body.samples) || !isRecord(body.progress))
    return { ok: false, error: 'rollout event lacks samples or progress' };
  const samples = body.samples.filter(
    (sample): sample is RolloutSample => isRecord(sample) && isSeq(sample.at),
  );
  const capacity = isSeq(body.capacity) && body.capacity > 0 ? body.capacity : Math.max(samples.length, 1);
  const progress = {
    ...body.progress,
    done: body.progress.done === true,
    stuck: body.progress.stuck === true,
  } as RolloutProgress;
  const since = isSeq(body.recordingSince) ? { recordingSince: body.recordingSince } : {};
  return {
    ok: true,
    event: {
      type: 'rollout',
      at,
      reset: body.reset === true,
      feed: { capacity, samples, progress, ...since },
    },
  };
}

function parseStatus(body: Record<string, unknown>, at: number): ParsedStreamEvent {
  if (body.state !== 'Live' && body.state !== 'Stale')
    return { ok: false, error: 'status event has no Live/Stale state' };
  const status: ServerStatus = { state: body.state, resources: parseResources(body.resources) };
  if (typeof body.since === 'string' || typeof body.since === 'number') status.since = body.since;
  return { ok: true, event: { type: 'status', at, status } };
}

// Accepts `{ nodes: 12 }` as well as `{ nodes: { count: 12, synced: true } }`.
function parseResources(value: unknown): Record<string, ResourceProgress> {
  if (!isRecord(value)) return {};
  const resources: Record<string, ResourceProgress> = {};
  for (const [kind, entry] of Object.entries(value)) {
    if (typeof entry === 'number') {
      resources[kind] = { count: entry };
      continue;
    }
    if (!isRecord(entry)) continue;
    const progress: ResourceProgress = {};
    const count = entry.count ?? entry.items ?? entry.loaded;
    if (typeof count === 'number') progress.count = count;
    if (typeof entry.synced === 'boolean') progress.synced = entry.synced;
    if (typeof entry.error === 'string') progress.error = entry.error;
    resources[kind] = progress;
  }
  return resources;
}
