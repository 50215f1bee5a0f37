import { applyDelta } from '@/lib/fleet-model/reducer';
import type { FleetDelta, FleetSnapshot } from '@/lib/fleet-model/types';
import type { RolloutProgress, RolloutSample } from '@/lib/rollout-progress';

/**
 * The browser's copy of one fleet stream: the grid (snapshot + applied deltas), the server's Live/Stale
 * status and the connection state. Changed only through {@link reduceStream}, one event at a time,
 * the way the server's own model changes (STYLE.md: one writer of truth, one direction).
 */

/** Progress of one resource kind's first list, as the server reports it. */
export interface ResourceProgress {
  count?: number;
  synced?: boolean;
  error?: string;
}

/** The server's `status` event. */
export interface ServerStatus {
  state: 'Live' | 'Stale';
  /** When the stream stopped being current (RFC 3339 or epoch ms), for Stale. */
  since?: string | number;
  resources: Record<string, ResourceProgress>;
}

/** A DaemonSet stream's rollout history: samples (oldest first, at most `capacity`) and the verdict. */
export interface RolloutFeed {
  capacity: number;
  samples: RolloutSample[];
  progress: RolloutProgress;
  /** Since when the server has taken samples (its clock, epoch ms): history restarts with the server. */
  recordingSince?: number;
}

/** Everything the UI knows about one stream. */
export interface StreamState {
  snapshot: FleetSnapshot | undefined;
  /** The server's sequence number of the last applied snapshot or delta (-1 before the first). */
  seq: number;
  status: ServerStatus | undefined;
  connection: 'connecting' | 'open' | 'closed';
  /** Epoch ms of the last event of any kind (heartbeats included). */
  lastEventAt: number | undefined;
  /** Epoch ms when the connection was lost, while it is lost. */
  disconnectedAt: number | undefined;
  /** A delta skipped a sequence number: something was lost, the grid is behind until a fresh snapshot. */
  gap: SequenceGap | undefined;
  /** Why the stream failed, when the server said (e.g. unknown cluster). */
  error: string | undefined;
  /** Only on `?daemonset=` streams. */
  rollout: RolloutFeed | undefined;
}

/** A delta whose seq was not the last one + 1 (`at`: when it arrived). */
export interface SequenceGap {
  after: number;
  got: number;
  at: number;
}

/** One thing that happened on the stream, stamped with the browser's clock. */
export type StreamEvent =
  | { type: 'open'; at: number }
  | { type: 'snapshot'; at: number; seq: number; snapshot: FleetSnapshot }
  | { type: 'delta'; at: number; seq: number; deltas: readonly FleetDelta[] }
  | { type: 'status'; at: number; status: ServerStatus }
  | { type: 'heartbeat'; at: number }
  | { type: 'rollout'; at: number; reset: boolean; feed: RolloutFeed }
  | { type: 'disconnected'; at: number; error?: string };

/** The state before the stream opens. */
export const INITIAL_STREAM_STATE: StreamState = {
  snapshot: undefined,
  seq: -1,
  status: undefined,
  connection: 'connecting',
  lastEventAt: undefined,
  disconnectedAt: undefined,
  gap: undefined,
  error: undefined,
  rollout: undefined,
};

/**
 * The next state after one event. Deltas older than the snapshot (seq ≤ current) are dropped; a delta
 * past a gap (seq > current + 1) is not applied on top of what is missing: it records the gap, and
 * the stream hook reopens the connection for a fresh snapshot ({@link streamResync}).
 */
export function reduceStream(state: StreamState, event: StreamEvent): StreamState {
  const seen = { ...state, lastEventAt: event.at };
  switch (event.type) {
    case 'open':
      return { ...seen, connection: 'open', disconnectedAt: undefined, error: undefined };
    case 'snapshot':
      // A snapshot replaces everything: it is what the server has now, whatever we held before.
      return {
        ...seen,
        connection: 'open',
        disconnectedAt: undefined,
        snapshot: event.snapshot,
        seq: event.seq,
        gap: undefined,
      };
    case 'delta': {
      if (state.snapshot === undefined || state.gap !== undefined || event.seq <= state.seq) return seen;
      if (event.seq !== state.seq + 1)
        return { ...seen, gap: { after: state.seq, got: event.seq, at: event.at } };
      const snapshot = event.deltas.reduce(applyDelta, state.snapshot);
      return { ...seen, snapshot, seq: event.seq };
    }
    case 'status':
      return { ...seen, status: event.status };
    case 'heartbeat':
      return seen;
    case 'rollout':
      return { ...seen, rollout: mergeRollout(state.rollout, event.reset, event.feed) };
    case 'disconnected':
      return {
        ...state,
        connection: 'closed',
        disconnectedAt: state.disconnectedAt ?? event.at,
        error: event.error ?? state.error,
      };
  }
}

/** The server sends a heartbeat every 15 s: hearing nothing for this long means a half-open stream. */
export const HEARTBEAT_TIMEOUT_MS = 45_000;

/** What the Live/Stale indicator says. */
export type Liveness =
  { state: 'Live' } | { state: 'Stale'; since: number | undefined } | { state: 'Connecting' };

/** Live only while connected, the server says Live, events (heartbeats included) keep coming, and no delta was lost. */
export function liveness(state: StreamState, now: number): Liveness {
  if (state.connection === 'closed') return { state: 'Stale', since: state.disconnectedAt };
  if (state.snapshot === undefined && state.status === undefined) return { state: 'Connecting' };
  const lastEventAt = state.lastEventAt ?? now;
  if (now - lastEventAt > HEARTBEAT_TIMEOUT_MS) return { state: 'Stale', since: lastEventAt };
  if (state.gap !== undefined) return { state: 'Stale', since: state.gap.at };
  if (state.status?.state === 'Stale') return { state: 'Stale', since: parseSince(state.status.since) };
  return { state: 'Live' };
}

/**
 * Why the EventSource must be closed and reopened now, if it must: a sequence gap seen on the current
 * connection (opened at `connectedAt`), or an open stream silent for {@link HEARTBEAT_TIMEOUT_MS}
 * since the later of its last event and that connection attempt.
 */
export function streamResync(
  state: StreamState,
  now: number,
  connectedAt: number,
): 'gap' | 'silence' | undefined {
  if (state.gap !== undefined && state.gap.at >= connectedAt) return 'gap';
  if (state.connection !== 'open') return undefined;
  const heardAt = Math.max(state.lastEventAt ?? connectedAt, connectedAt);
  return now - heardAt > HEARTBEAT_TIMEOUT_MS ? 'silence' : undefined;
}

function parseSince(since: string | number | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = typeof since === 'number' ? since : Date.parse(since);
  return Number.isFinite(ms) ? ms : undefined;
}

// A reset event carries the whole ring; later ones only the samples added since.
function mergeRollout(current: RolloutFeed | undefined, reset: boolean, feed: RolloutFeed): RolloutFeed {
  if (reset || current === undefined) return feed;
  const samples = [...current.samples, ...feed.samples];
  const recordingSince = feed.recordingSince ?? current.recordingSince;
  return {
    capacity: feed.capacity,
    samples: samples.slice(Math.max(0, samples.length - feed.capacity)),
    progress: feed.progress,
    ...(recordingSince === undefined ? {} : { recordingSince }),
  };
}
