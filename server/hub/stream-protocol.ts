import 'server-only';
import type { FleetDelta, FleetSnapshot } from '@/lib/fleet-model/types';
import type { RolloutProgress, RolloutSample } from '@/lib/rollout-progress';
import type { WatchedResource } from '../watch/resources';

/** Per-resource sync state as the stream's `status` event carries it. */
export interface ResourceStatus {
  synced: boolean;
  count: number;
  error?: string;
}

/** `event: status`: Live while every watch is current, Stale (since when) while one is not. */
export interface StreamStatus {
  state: 'Live' | 'Stale';
  /** Epoch ms of the last Live↔Stale transition (for Stale: since when data may be behind). */
  since?: number;
  resources: Record<WatchedResource, ResourceStatus>;
}

/** `event: rollout` (only on `?daemonset=` streams): samples to append, and the current verdict. */
export interface StreamRollout {
  daemonset: string;
  /** True on the first rollout event of a stream: `samples` is then the whole ring, else only new ones. */
  reset: boolean;
  capacity: number;
  samples: RolloutSample[];
  progress: RolloutProgress;
  /**
   * Epoch ms (the cluster's clock) since when this server has taken samples. They are kept in memory,
   * so a server restart starts the history again; the UI says since when it has samples. Absent
   * until every watch has synced once.
   */
  recordingSince?: number;
}

/** `event: delta`: one batch of changes. */
export interface DeltaData {
  seq: number;
  /**
   * Wall-clock epoch ms (the server machine's, not the cluster's) at which the server received the
   * earliest watch event of this batch: a client on the same machine can tell event → pixel latency.
   * Absent when the batch holds only changes due to time passing (minReadySeconds), not to an event.
   */
  receivedAt?: number;
  deltas: FleetDelta[];
}

/** One message of the stream, before encoding. */
export type StreamMessage =
  | { event: 'snapshot'; data: { seq: number } & FleetSnapshot }
  | { event: 'delta'; data: DeltaData }
  | { event: 'status'; data: StreamStatus }
  | { event: 'rollout'; data: StreamRollout }
  | { event: 'heartbeat'; data: { at: number } };

/** The SSE text of one message. */
export function encodeMessage(message: StreamMessage): string {
  return `event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/** An SSE comment line (the initial `: connected`). */
export function encodeComment(text: string): string {
  return `: ${text}\n\n`;
}
