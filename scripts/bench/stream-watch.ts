/**
 * Following the dashboard's fleet stream like a browser tab does: the time the grid is complete
 * (a snapshot, and a `Live` status after it, so the deltas in between are in) and the snapshot's bytes.
 */
import { performance } from 'node:perf_hooks';
import { sleep } from './net';
import { openSse, type SseConnection, type SseEvent } from './sse';

/** The shape of a snapshot event the bench checks. */
interface SnapshotData {
  seq?: number;
  rows?: (string | null)[];
  columns?: unknown[];
}

/** A stream client and what it has seen. */
export interface StreamClient {
  connection: SseConnection;
  /** performance.now() of the first snapshot event, and its size. */
  snapshotAt?: number;
  snapshotBytes?: number;
  rows?: number;
  columns?: number;
  /** performance.now() when the grid became complete (snapshot, then Live). */
  completeAt?: number;
  events: number;
  lastError?: string;
}

/** Whether an event is a `status` event saying `Live`. */
export function isLiveStatus(event: SseEvent): boolean {
  if (event.event !== 'status') return false;
  try {
    return (JSON.parse(event.data) as { state?: unknown }).state === 'Live';
  } catch {
    return false;
  }
}

/** Counts of non-null rows and columns of a snapshot event's data; undefined if it is not one. */
export function snapshotSize(data: string): { rows: number; columns: number } | undefined {
  try {
    const parsed = JSON.parse(data) as SnapshotData;
    if (!Array.isArray(parsed.rows) || !Array.isArray(parsed.columns)) return undefined;
    return { rows: parsed.rows.filter((row) => row !== null).length, columns: parsed.columns.filter((column) => column !== null).length };
  } catch {
    return undefined;
  }
}

/** Opens one stream client on `url`. */
export function followStream(url: string): StreamClient {
  const client: Omit<StreamClient, 'connection'> = { events: 0 };
  const connection = openSse(url, (event, at) => {
    client.events++;
    if (event.event === 'snapshot' && client.snapshotAt === undefined) {
      client.snapshotAt = at;
      client.snapshotBytes = event.bytes;
      const size = snapshotSize(event.data);
      client.rows = size?.rows;
      client.columns = size?.columns;
    } else if (client.snapshotAt !== undefined && client.completeAt === undefined && isLiveStatus(event)) {
      client.completeAt = at;
    }
  }, (status) => {
    if (status !== 200) client.lastError = `HTTP ${status}`;
  });
  return Object.assign(client, { connection });
}

/** Keeps opening a stream until one delivers a complete grid; the server may not be listening yet. */
export async function firstCompleteGrid(url: string, timeoutMs: number, isAlive: () => boolean): Promise<StreamClient> {
  const deadline = performance.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (performance.now() < deadline) {
    if (!isAlive()) throw new Error(`the dashboard server exited while the bench waited for its first snapshot (${lastProblem})`);
    const client = followStream(url);
    let ended: string | undefined;
    void client.connection.closed.then((reason) => (ended = reason));
    while (ended === undefined && client.completeAt === undefined && performance.now() < deadline) await sleep(20);
    if (client.completeAt !== undefined) return client;
    lastProblem = client.lastError ?? ended ?? 'timed out';
    client.connection.close();
    await sleep(100);
  }
  throw new Error(`no complete snapshot from ${url} within ${Math.round(timeoutMs / 1000)} s (${lastProblem})`);
}

/** Waits until `client` has a snapshot (not necessarily Live); false on timeout. */
export async function waitForSnapshot(client: StreamClient, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (client.snapshotAt === undefined && performance.now() < deadline) await sleep(20);
  return client.snapshotAt !== undefined;
}
