import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDaemonSet, makeNode } from '@/lib/fleet-model/builders';
import { FIXTURE_NOW } from '@/lib/fleet-model/fixture';
import { namedGrid } from '@/lib/fleet-model/reducer';
import { WATCHED_RESOURCES } from '../watch/resources';
import { ClusterHub } from './cluster-hub';
import { emptyView, foldSse, type StreamView } from './sse-client';
import { sseResponse } from './sse';

/*
 * A stream client that stops reading must not slow the others or grow the server's memory. Over real
 * TCP (a node:http server piping the SSE body with backpressure; Next's server also waits for 'drain'
 * between writes, see next/dist/server/pipe-readable.js, but is not started here): one client
 * reads, one never does while thousands of cell changes flow. The reader keeps up; the other's
 * backlog stays bounded and is replaced by a fresh snapshot, with a comment saying why.
 */

const NODES = 2_000;
const MAX_QUEUED = 64;
/** How far behind the hub the reading client may be once the churn stops (README "Faults"). */
const KEEP_UP_BOUND_MS = 2_000;

let hub: ClusterHub;
let server: Server;
let url: string;

beforeAll(async () => {
  hub = new ClusterHub({ cluster: 'slow', now: () => FIXTURE_NOW, progressDeadlineSeconds: 600, batchMs: 5, maxQueued: MAX_QUEUED });
  for (const resource of WATCHED_RESOURCES) hub.setState(resource, { synced: true, count: 0 });
  hub.ingest({ kind: 'daemonset', type: 'ADDED', object: makeDaemonSet('agent', { nodeSelector: { pool: 'a' } }) });
  for (let i = 0; i < NODES; i++) hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode(`n${i}`, { labels: { pool: 'a' } }) });
  hub.flush();
  server = createServer((req, res) => {
    const closed = new AbortController();
    req.on('close', () => closed.abort());
    const response = sseResponse(hub, undefined, closed.signal);
    res.writeHead(200, Object.fromEntries(response.headers));
    // pipe() stops pulling the body while the socket's buffers are full: TCP backpressure reaches the hub's queue.
    Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  hub?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** Moves the next `count` nodes out of the DaemonSet's pool, or back in on the next pass: each a cell change. */
function churn(round: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const position = round * count + i;
    const pool = Math.floor(position / NODES) % 2 === 0 ? 'b' : 'a';
    hub.ingest({ kind: 'node', type: 'MODIFIED', object: makeNode(`n${position % NODES}`, { labels: { pool } }) });
  }
  hub.flush();
}

/** A stream request whose response head is in; its body is not read until `follow`. */
const open = (target: string) => new Promise<IncomingMessage>((resolve, reject) => get(target, resolve).on('error', reject));

/** Reads a stream response into `view` as the browser would. */
function follow(response: IncomingMessage, view: StreamView): void {
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => (buffer = foldSse(view, buffer + chunk)));
  response.on('error', () => {});
  response.resume();
}

const gridOf = (view: StreamView) => namedGrid(view.grid ?? { rows: [], columns: [] });

describe('a stream client that never reads', () => {
  it('does not hold back a reading client, stays bounded in memory, and is resynced with a reason', async () => {
    const reading = emptyView();
    const readingResponse = await open(url);
    follow(readingResponse, reading);
    const stalled = emptyView();
    const stalledResponse = await open(url);
    stalledResponse.pause();
    await expect.poll(() => reading.snapshots).toBe(1);
    await expect.poll(() => hub.subscriberCount()).toBe(2);

    const worstBacklog: number[] = [];
    for (let round = 0; round < 5_000 && hub.backlogs().every((backlog) => backlog.resyncs === 0); round++) {
      churn(round, 500);
      worstBacklog.push(Math.max(...hub.backlogs().map((backlog) => backlog.queued)));
      // Let the sockets move between rounds.
      if (round % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(hub.backlogs().some((backlog) => backlog.resyncs > 0)).toBe(true);
    // Bounded: never more queued than the limit (plus the resync's own comment, snapshot and status).
    expect(Math.max(...worstBacklog)).toBeLessThanOrEqual(MAX_QUEUED + 3);
    // The reading client was never resynced: it kept up with every batch.
    await expect.poll(() => reading.seq, { timeout: KEEP_UP_BOUND_MS, interval: 20 }).toBe(hub.sequence());
    expect(reading.snapshots).toBe(1);
    expect(reading.deltas).toBeGreaterThan(10);

    // The stalled client reads again: a comment says why, a fresh snapshot resets it, and it ends where the reader is.
    follow(stalledResponse, stalled);
    churn(1, 1);
    await expect.poll(() => stalled.seq, { timeout: KEEP_UP_BOUND_MS, interval: 20 }).toBe(hub.sequence());
    await expect.poll(() => reading.seq, { timeout: KEEP_UP_BOUND_MS, interval: 20 }).toBe(hub.sequence());
    expect(stalled.snapshots).toBeGreaterThan(1);
    expect(stalled.comments.some((comment) => comment.startsWith(`resync: this client fell ${MAX_QUEUED} messages behind`))).toBe(true);
    expect(gridOf(stalled)).toEqual(gridOf(reading));
    readingResponse.destroy();
    stalledResponse.destroy();
  });
});
