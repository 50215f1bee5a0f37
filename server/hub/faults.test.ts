import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedGrid } from '@/lib/fleet-model/reducer';
import { connectCluster, type ClusterConnection } from '../clusters/connection';
import { makeKubeClient, type KubeClient } from '../clusters/kube-http';
import { kubeConfigForUrl } from '../clusters/url-access';
import { startSimulatedCluster, type SimulatedCluster } from '../simulator/cluster';
import { duplicateSlots, freshGrid } from './fresh-grid';
import { emptyView, readStream, type StreamView } from './sse-client';
import { sseResponse } from './sse';

/*
 * The faults of README's "Faults" table against the hub with the supervisor's production backoff
 * (0.5 s doubling to 30 s): during each the stream says what it knows (Stale while a watch is down),
 * and after each it equals a fresh list within the stated bound, each node and DaemonSet once.
 */

/** README "Faults": after a fault clears, Live and equal to a fresh list within this long. */
const CONVERGE_BOUND_MS = 10_000;

let sim: SimulatedCluster;
let connection: ClusterConnection;
let client: KubeClient;
const streams = new AbortController();
let view: StreamView;

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', manual: true });
  sim.plane.advance(60_000, 1_000);
  const kc = kubeConfigForUrl('demo', sim.url);
  client = makeKubeClient(kc);
  connection = connectCluster('demo', { kc, now: () => sim.clock.now() }, { progressDeadlineSeconds: 600 });
  view = emptyView();
  void readStream(sseResponse(connection.hub, undefined, streams.signal), view, streams.signal);
});

afterAll(async () => {
  streams.abort();
  connection?.stop();
  await sim?.close();
});

const lastState = () => view.statuses[view.statuses.length - 1]?.state;

async function equalsFreshList(): Promise<void> {
  const expected = await freshGrid(client, sim.clock.now());
  await expect.poll(() => (view.grid === undefined ? undefined : namedGrid(view.grid)), { timeout: CONVERGE_BOUND_MS, interval: 50 }).toEqual(expected);
  expect(duplicateSlots(view.grid ?? { rows: [], columns: [] })).toEqual([]);
  await expect.poll(lastState, { timeout: CONVERGE_BOUND_MS, interval: 20 }).toBe('Live');
}

function labelFirstNode(value: string): void {
  const node = sim.store.list('nodes').items[0];
  if (node === undefined) throw new Error('no nodes');
  node.metadata.labels = { ...node.metadata.labels, 'example.com/fault': value };
  sim.store.update('nodes', node);
  sim.plane.settle();
}

const readyOf = (name: string) =>
  (sim.store.get('nodes', undefined, name)?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('faults against the hub', () => {
  it('starts equal to a fresh list', async () => {
    await equalsFreshList();
  });

  // The hub sends its status once per batch (100 ms): a relist over within one batch is never Stale
  // on the stream, which is right (the client's grid was never behind at a batch). Each request
  // here takes 300 ms, so the relist outlasts a batch and the stream must say Stale meanwhile.
  it.each([
    ['dropped watch connections', () => sim.faults.dropWatches()],
    ['410 Gone on every open watch', () => sim.faults.compact({ expireOpenWatches: true })],
  ])('%s: Stale, then equal to a fresh list', async (_name, inject) => {
    const statusesBefore = view.statuses.length;
    sim.faults.setLatency(300);
    try {
      inject();
      labelFirstNode(`after-${Date.now()}`);
      const saidStale = () => view.statuses.slice(statusesBefore).some((status) => status.state === 'Stale');
      await expect.poll(saidStale, { timeout: 5_000, interval: 5 }).toBe(true);
    } finally {
      sim.faults.setLatency(0);
    }
    await equalsFreshList();
  });

  it('a node flapping Ready/NotReady: the grid follows every flip, the stream stays Live and never stalls', async () => {
    const node = 'worker-03';
    const statusesBefore = view.statuses.length;
    for (let flip = 0; flip < 6; flip++) {
      const seqBefore = view.seq;
      const ready = sim.faults.setNodeReady(node);
      expect(readyOf(node)).toBe(ready);
      sim.plane.advance(2_000, 500);
      // Each flip reaches the stream as deltas within one bound: nothing waits for the flapping to stop.
      await expect.poll(() => view.seq, { timeout: CONVERGE_BOUND_MS, interval: 20 }).toBeGreaterThan(seqBefore);
      await equalsFreshList();
    }
    // A flapping node is news about the cluster, not a broken watch.
    expect(view.statuses.slice(statusesBefore).every((status) => status.state === 'Live')).toBe(true);
    if (readyOf(node) !== 'True') sim.faults.setNodeReady(node, true);
    sim.plane.advance(2_000, 500);
    await equalsFreshList();
  });

  it('429 with Retry-After 2 s on every reconnect: Stale meanwhile, no retry before 2 s, then equal to a fresh list', async () => {
    sim.faults.failNext({ count: 4, status: 429, retryAfterSeconds: 2 });
    const droppedAt = Date.now();
    sim.faults.dropWatches();
    labelFirstNode('after-429');
    await expect.poll(lastState, { timeout: 5_000, interval: 20 }).toBe('Stale');
    await expect.poll(lastState, { timeout: 2_000 + CONVERGE_BOUND_MS, interval: 20 }).toBe('Live');
    // The four refused watches waited out the hint: Live came no sooner (the backoff alone retries after 0.25–0.5 s).
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(2_000);
    await equalsFreshList();
  });

  it('500/503/504 answers while reconnecting: Stale until one reconnect succeeds, then equal to a fresh list', async () => {
    for (const status of [500, 503, 504] as const) {
      sim.faults.failNext({ count: 4, status });
      sim.faults.dropWatches();
      labelFirstNode(`after-${status}`);
      await expect.poll(lastState, { timeout: 5_000, interval: 20 }).toBe('Stale');
      await equalsFreshList();
    }
  });

  it('300 ms of latency on every request, with watches dropped under it: still converges, Live afterwards', async () => {
    sim.faults.setLatency(300);
    try {
      sim.faults.dropWatches();
      labelFirstNode('under-latency');
      await equalsFreshList();
    } finally {
      sim.faults.setLatency(0);
    }
  });
});
