import { setMaxListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedGrid } from '@/lib/fleet-model/reducer';
import { connectCluster, type ClusterConnection } from '../clusters/connection';
import { makeKubeClient, type KubeClient } from '../clusters/kube-http';
import { kubeConfigForUrl } from '../clusters/url-access';
import { startSimulatedCluster, type SimulatedCluster } from '../simulator/cluster';
import { freshGrid } from './fresh-grid';
import { emptyView, readStream, type StreamView } from './sse-client';
import { sseResponse } from './sse';

let sim: SimulatedCluster;
let connection: ClusterConnection;
let client: KubeClient;
const streams = new AbortController();
let view: StreamView;

async function streamEqualsFreshList(): Promise<void> {
  const expected = await freshGrid(client, sim.clock.now());
  await expect.poll(() => (view.grid === undefined ? undefined : namedGrid(view.grid)), { timeout: 10_000, interval: 50 }).toEqual(expected);
}

const nodeNames = () => sim.store.list('nodes').items.map((node) => node.metadata.name);

function mutateNode(name: string, change: (node: Record<string, unknown> & { metadata: Record<string, unknown>; spec?: Record<string, unknown> }) => void): void {
  const node = sim.store.get('nodes', undefined, name);
  if (node === undefined) throw new Error(`no node ${name}`);
  change(node as Parameters<typeof change>[0]);
  sim.store.update('nodes', node);
  sim.plane.settle();
}

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', manual: true });
  sim.plane.advance(60_000, 1_000);
  const kc = kubeConfigForUrl('demo', sim.url);
  client = makeKubeClient(kc);
  connection = connectCluster('demo', { kc, now: () => sim.clock.now() }, { progressDeadlineSeconds: 600, backoff: { initialMs: 20, maxMs: 200 } });
  view = emptyView();
  void readStream(sseResponse(connection.hub, undefined, streams.signal), view, streams.signal);
  await waitFor(() => Object.values(connection.hub.syncStates()).every((s) => s?.synced));
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the watches to sync');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  streams.abort();
  connection?.stop();
  await sim?.close();
});

describe('hub against the simulated cluster', () => {
  it('starts from a snapshot equal to a fresh list', async () => {
    await streamEqualsFreshList();
    expect(view.snapshots).toBe(1);
    expect(Object.keys(namedGrid(view.grid ?? { rows: [], columns: [] }).cells).length).toBeGreaterThan(3);
  });

  it('follows a rollout (new image) to the same grid as a fresh list', async () => {
    await client({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/kube-system/daemonsets/node-agent',
      contentType: 'application/merge-patch+json',
      body: { spec: { template: { metadata: { annotations: { 'example.com/rev': '2' } } } } },
    });
    sim.plane.advance(30_000, 1_000);
    await streamEqualsFreshList();
    expect(view.deltas).toBeGreaterThan(0);
  });

  it('follows a NoExecute node taint and a node deletion', async () => {
    const [first, second] = nodeNames();
    mutateNode(first ?? '', (node) => {
      node.spec = { ...node.spec, taints: [{ key: 'example.com/drain', effect: 'NoExecute' }] };
    });
    sim.plane.advance(10_000, 1_000);
    sim.store.delete('nodes', undefined, second ?? '');
    sim.plane.advance(10_000, 1_000);
    await streamEqualsFreshList();
  });

  it.each([
    ['a dropped connection', () => sim.faults.dropWatches()],
    ['410 Gone on every open watch', () => sim.faults.compact({ expireOpenWatches: true })],
    ['5xx answers while reconnecting', () => (sim.faults.failNext({ count: 4, status: 503 }), sim.faults.dropWatches())],
  ])('after %s, the stream equals a fresh list again', async (_name, inject) => {
    inject();
    const name = nodeNames()[2] ?? '';
    mutateNode(name, (node) => {
      node.metadata.labels = { ...(node.metadata.labels as Record<string, string>), 'example.com/fault': String(Date.now()) };
    });
    sim.plane.advance(5_000, 1_000);
    await streamEqualsFreshList();
    await expect.poll(() => connection.hub.status().state, { timeout: 10_000 }).toBe('Live');
  });

  it('says Stale (since the first failure) while every reconnect meets a 503, and Live once all kinds re-sync', async () => {
    const before = view.statuses.length;
    sim.faults.failNext({ count: 10_000, status: 503 });
    sim.faults.dropWatches();
    try {
      await expect.poll(() => view.statuses.slice(before).some((status) => status.state === 'Stale'), { timeout: 5_000, interval: 20 }).toBe(true);
      // Retries keep failing for a while: the stream must not flip back to Live in between.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const during = view.statuses.slice(before);
      expect(during[during.length - 1]?.state).toBe('Stale');
      expect(new Set(during.filter((status) => status.state === 'Stale').map((status) => status.since)).size).toBe(1);
      expect(connection.hub.status().state).toBe('Stale');
    } finally {
      // The next tests need a healthy cluster even if this one failed.
      sim.faults.reset();
    }
    await expect.poll(() => view.statuses[view.statuses.length - 1]?.state, { timeout: 10_000 }).toBe('Live');
    await streamEqualsFreshList();
  });

  it('50 concurrent stream clients share one watch per resource kind', async () => {
    const clients = new AbortController();
    setMaxListeners(200, clients.signal);
    const views = Array.from({ length: 50 }, () => emptyView());
    for (const v of views) void readStream(sseResponse(connection.hub, undefined, clients.signal), v, clients.signal);
    await expect.poll(() => views.every((v) => v.snapshots === 1), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => sim.faults.openWatches(), { timeout: 10_000 }).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.faults.openWatches()).toBe(4);
    expect(connection.hub.subscriberCount()).toBe(51);
    clients.abort();
    await expect.poll(() => connection.hub.subscriberCount(), { timeout: 5_000 }).toBe(1);
  });
});
