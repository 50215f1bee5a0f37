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
  /** Whether the server sends heartbeat events, so that silence means trouble. */
  hasHeartbeats: boolean;
  /** Why the stream failed, when the server said (e.g. unknown cluster). */
  error: string | undefined;
  /** Only on `?daemonset=` streams. */
  rollout: RolloutFeed | undefined;
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
  hasHeartbeats: false,
  error: undefined,
  rollout: undefined,
};

/** The next state after one event. Deltas older than the snapshot (seq ≤ current) are dropped. */
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
      };
    case 'delta': {
      if (state.snapshot === undefined || event.seq <= state.seq) return seen;
      const snapshot = event.deltas.reduce(applyDelta, state.snapshot);
      return { ...seen, snapshot, seq: event.seq };
    }
    case 'status':
      return { ...seen, status: event.status };
    case 'heartbeat':
      return { ...seen, hasHeartbeats: true };
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

/** Without a heartbeat for this long, a stream that sends heartbeats is no longer current. */
export const HEARTBEAT_TIMEOUT_MS = 45_000;

/** What the Live/Stale indicator says. */
export type Liveness =
  { state: 'Live' } | { state: 'Stale'; since: number | undefined } | { state: 'Connecting' };

/** Live only while connected, the server says Live, and heartbeats (if any) keep coming. */
export function liveness(state: StreamState, now: number): Liveness {
  if (state.connection === 'closed') return { state: 'Stale', since: state.disconnectedAt };
  if (state.snapshot === undefined && state.status === undefined) return { state: 'Connecting' };
  const lastEventAt = state.lastEventAt ?? now;
  if (state.hasHeartbeats && now - lastEventAt > HEARTBEAT_TIMEOUT_MS)
    return { state: 'Stale', since: lastEventAt };
  if (state.status?.state === 'Stale') return { state: 'Stale', since: parseSince(state.status.since) };
  return { state: 'Live' };
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
  return {
    capacity: feed.capacity,
    samples: samples.slice(Math.max(0, samples.length - feed.capacity)),
    progress: feed.progress,
  };
}
