/**
 * A bench-side listener on the dashboard's `?daemonset=` stream that records every delta changing one
 * cell, with the server's `receivedAt` stamp. The stream's batches (seq and stamp) are the hub's, the
 * same for every client, so the delta found here is the one that carried the change to the page too.
 */
import { performance } from 'node:perf_hooks';
import { cellAddress, cellChange, type CellAddress, type CellDelta } from './cell-deltas';
import { sleep } from './net';
import { openSse } from './sse';

/** A delta that changed the cell, and when it reached this listener. */
export interface ArrivedCellDelta extends CellDelta {
  /** Date.now() when the listener read it: receivedAt → here is the server's batching plus SSE. */
  arrivedAt: number;
}

/** An open listener. */
export interface CellStream {
  /** Deltas that changed the cell, in arrival order. */
  readonly changes: readonly ArrivedCellDelta[];
  close(): void;
}

/** Opens the listener and waits for its snapshot to locate the cell; rejects when it cannot. */
export async function watchCellDeltas(streamUrl: string, node: string, namespace: string, name: string, timeoutMs: number): Promise<CellStream> {
  const changes: ArrivedCellDelta[] = [];
  let address: CellAddress | undefined;
  let snapshots = 0;
  const connection = openSse(`${streamUrl}?daemonset=${encodeURIComponent(`${namespace}/${name}`)}`, (event) => {
    if (event.event === 'snapshot') {
      // A resync snapshot may come at any time; slots are stable, but read them again anyway.
      snapshots++;
      address = cellAddress(event.data, node, namespace, name);
    } else if (event.event === 'delta' && address !== undefined) {
      const change = cellChange(event.data, address);
      if (change) changes.push({ ...change, arrivedAt: Date.now() });
    }
  });
  let ended: string | undefined;
  void connection.closed.then((reason) => (ended = reason));
  const deadline = performance.now() + timeoutMs;
  while (address === undefined && ended === undefined && performance.now() < deadline) await sleep(20);
  if (address === undefined) {
    connection.close();
    const why = ended ?? (snapshots > 0 ? `the snapshot has no cell ${node} ${namespace}/${name}` : `no snapshot within ${timeoutMs} ms`);
    throw new Error(`stream listener for ${namespace}/${name}: ${why}`);
  }
  return { changes, close: () => connection.close() };
}

/** Waits until `stream` has more than `count` changes; the one at index `count`, or undefined on timeout. */
export async function nextChange(stream: CellStream, count: number, timeoutMs: number): Promise<ArrivedCellDelta | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (stream.changes.length <= count && performance.now() < deadline) await sleep(20);
  return stream.changes[count];
}
