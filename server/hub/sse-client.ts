import 'server-only';
import { applyDelta } from '@/lib/fleet-model/reducer';
import type { FleetDelta, FleetSnapshot } from '@/lib/fleet-model/types';
import type { StreamRollout, StreamStatus } from './stream-protocol';

/**
 * A minimal stream reader for tests and the bench: parses SSE text and folds snapshot + deltas with
 * lib's reducer exactly as the browser does.
 */
export interface StreamView {
  grid: FleetSnapshot | undefined;
  seq: number;
  snapshots: number;
  deltas: number;
  statuses: StreamStatus[];
  rollouts: StreamRollout[];
  /** The `at` of every heartbeat event. */
  heartbeats: number[];
  comments: string[];
}

/** An empty view. */
export function emptyView(): StreamView {
  return { grid: undefined, seq: 0, snapshots: 0, deltas: 0, statuses: [], rollouts: [], heartbeats: [], comments: [] };
}

/** Parses complete SSE messages from `buffer` into `view`; returns the unparsed rest. */
export function foldSse(view: StreamView, buffer: string): string {
  let rest = buffer;
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    foldBlock(view, block);
  }
  return rest;
}

function foldBlock(view: StreamView, block: string): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) view.comments.push(line.slice(1).trim());
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return;
  const payload: unknown = JSON.parse(data.join('\n'));
  switch (event) {
    case 'snapshot': {
      const { seq, ...grid } = payload as { seq: number } & FleetSnapshot;
      view.grid = grid;
      view.seq = seq;
      view.snapshots += 1;
      break;
    }
    case 'delta': {
      const { seq, deltas } = payload as { seq: number; deltas: FleetDelta[] };
      if (view.grid === undefined) throw new Error('delta before snapshot');
      // The protocol is gap-free on every stream: anything but last + 1 means a lost batch.
      if (seq !== view.seq + 1) throw new Error(`delta seq ${seq} does not follow ${view.seq}`);
      for (const delta of deltas) view.grid = applyDelta(view.grid, delta);
      view.seq = seq;
      view.deltas += 1;
      break;
    }
    case 'status':
      view.statuses.push(payload as unknown as StreamStatus);
      break;
    case 'rollout':
      view.rollouts.push(payload as unknown as StreamRollout);
      break;
    case 'heartbeat':
      view.heartbeats.push((payload as { at: number }).at);
      break;
  }
}

/** Reads a stream Response into `view` until `signal` aborts or the body ends. */
export async function readStream(response: Response, view: StreamView, signal: AbortSignal): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) return;
  const decoder = new TextDecoder();
  let buffer = '';
  signal.addEventListener('abort', () => void reader.cancel(), { once: true });
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done || value === undefined) return;
    buffer = foldSse(view, buffer + decoder.decode(value, { stream: true }));
  }
}
