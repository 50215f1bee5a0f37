import { afterEach, describe, expect, it } from 'vitest';
import { namedGrid } from '@/lib/fleet-model/reducer';
import { connectCluster, type ClusterConnection } from '../clusters/connection';
import { makeKubeClient, type KubeClient } from '../clusters/kube-http';
import { kubeConfigForUrl } from '../clusters/url-access';
import { startSimulatedCluster, type SimulatedCluster } from '../simulator/cluster';
import type { SimStore } from '../simulator/store';
import { type RESOURCE_KINDS } from '../simulator/store-types';
import { duplicateSlots, freshGrid } from './fresh-grid';
import { emptyView, readStream, type StreamView } from './sse-client';
import { sseResponse } from './sse';

/*
 * Restarts, on either side, with the supervisor's production backoff (0.5 s doubling to 30 s): an API
 * server that comes back over the same store (watch history lost: 410) or with its resourceVersions
 * started over (504 "Too large resource version"), and a dashboard that restarts mid-rollout. After
 * each, the stream must equal a fresh list within README's bound, with no row or column twice.
 */

/** README "Faults": Live and equal to a fresh list within this long after the server answers again. */
const RESTART_BOUND_MS = 10_000;

interface Dashboard {
  connection: ClusterConnection;
  view: StreamView;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSim(options: Parameters<typeof startSimulatedCluster>[0]): Promise<SimulatedCluster> {
  const sim = await startSimulatedCluster({ manual: true, ...options });
  let closed = false;
  cleanups.push(() => (closed ? undefined : sim.close()));
  const close = sim.close.bind(sim);
  sim.close = async () => {
    closed = true;
    await close();
  };
  return sim;
}

function startDashboard(url: string, now: () => number, daemonSet?: string): Dashboard {
  const connection = connectCluster('demo', { kc: kubeConfigForUrl('demo', url), now }, { progressDeadlineSeconds: 60 });
  cleanups.push(() => connection.stop());
  return { connection, view: openStream(connection, daemonSet) };
}

/** One more stream client of a running hub. */
function openStream(connection: ClusterConnection, daemonSet?: string): StreamView {
  const streams = new AbortController();
  const view = emptyView();
  void readStream(sseResponse(connection.hub, daemonSet, streams.signal), view, streams.signal);
  cleanups.push(() => streams.abort());
  return view;
}

const lastState = (view: StreamView) => view.statuses[view.statuses.length - 1]?.state;

/** The stream is Live and shows what a fresh list shows, each node and DaemonSet once. */
async function equalsFreshList(view: StreamView, client: KubeClient, sim: SimulatedCluster): Promise<void> {
  const expected = await freshGrid(client, sim.clock.now());
  await expect.poll(() => (view.grid === undefined ? undefined : namedGrid(view.grid)), { timeout: RESTART_BOUND_MS, interval: 50 }).toEqual(expected);
  expect(duplicateSlots(view.grid ?? { rows: [], columns: [] })).toEqual([]);
  await expect.poll(() => lastState(view), { timeout: RESTART_BOUND_MS, interval: 20 }).toBe('Live');
}

/** Starts a new template on kube-system/edge-proxy (4 healthy edge nodes, so it can finish) and lets a few seconds of it happen. */
async function startRollout(client: KubeClient, sim: SimulatedCluster): Promise<void> {
  await client({
    method: 'PATCH',
    path: '/apis/apps/v1/namespaces/kube-system/daemonsets/edge-proxy',
    contentType: 'application/merge-patch+json',
    body: { spec: { template: { metadata: { annotations: { 'example.com/rev': String(Date.now()) } } } } },
  });
  sim.plane.advance(3_000, 500);
}

/** Labels a node straight in the store (no API server needed: the change happens while it is down). */
function labelNode(store: SimStore, label: string): void {
  const node = store.list('nodes').items[0];
  if (node === undefined) throw new Error('no nodes');
  node.metadata.labels = { ...node.metadata.labels, 'example.com/while-down': label };
  store.update('nodes', node);
}

/** The smallest resourceVersion a converged dashboard may hold for any watched kind: each kind's newest object. */
function lowestWatchedResourceVersion(store: SimStore): number {
  const newest = (kind: (typeof RESOURCE_KINDS)[number]) => Math.max(0, ...store.list(kind).items.map((object) => Number(object.metadata.resourceVersion)));
  return Math.min(...(['nodes', 'pods', 'daemonsets', 'controllerrevisions'] as const).map(newest));
}

describe('restarts', () => {
  it('API server restart over the same store mid-rollout: Stale while down, then a relist (410) equal to a fresh list', async () => {
    let sim = await startSim({ scenario: 'demo' });
    const port = Number(new URL(sim.url).port);
    sim.plane.advance(60_000, 1_000);
    const client = makeKubeClient(kubeConfigForUrl('demo', sim.url));
    const { view } = startDashboard(sim.url, () => sim.clock.now());
    await equalsFreshList(view, client, sim);
    await startRollout(client, sim);
    await equalsFreshList(view, client, sim);

    const before = view.statuses.length;
    await sim.close();
    await expect.poll(() => lastState(view), { timeout: RESTART_BOUND_MS, interval: 20 }).toBe('Stale');
    // Written while the API server is down: the dashboard can learn of it only by a relist.
    labelNode(sim.store, 'yes');
    sim = await startSim({ restoreFrom: sim.store, port });
    sim.plane.advance(30_000, 1_000);
    await equalsFreshList(view, client, sim);
    expect(view.statuses.slice(before).map((status) => status.state)).toContain('Stale');
    expect(Object.values(namedGrid(view.grid ?? { rows: [], columns: [] }).cells['kube-system/edge-proxy'] ?? {})).not.toContain('Updating');
  });

  it('API server restart whose resourceVersions start over (a reseeded store): the dashboard relists instead of resuming', async () => {
    let sim = await startSim({ scenario: 'demo' });
    const port = Number(new URL(sim.url).port);
    sim.plane.advance(60_000, 1_000);
    const client = makeKubeClient(kubeConfigForUrl('demo', sim.url));
    const { view } = startDashboard(sim.url, () => sim.clock.now());
    await startRollout(client, sim);
    labelNode(sim.store, 'before-restart');
    await equalsFreshList(view, client, sim);
    const held = lowestWatchedResourceVersion(sim.store);

    await sim.close();
    sim = await startSim({ scenario: 'demo', port });
    // The premise: every resourceVersion the dashboard holds is one the new server has not reached.
    expect(Number(sim.store.currentResourceVersion())).toBeLessThan(held);
    await equalsFreshList(view, client, sim);
    sim.plane.advance(60_000, 1_000);
    await equalsFreshList(view, client, sim);
  });

  it('dashboard restart mid-rollout: the new hub starts from a fresh list and rollout tracking resumes (samples restart)', async () => {
    const sim = await startSim({ scenario: 'demo' });
    sim.plane.advance(60_000, 1_000);
    const client = makeKubeClient(kubeConfigForUrl('demo', sim.url));
    const first = startDashboard(sim.url, () => sim.clock.now());
    await startRollout(client, sim);
    await equalsFreshList(first.view, client, sim);
    first.connection.stop();

    const second = startDashboard(sim.url, () => sim.clock.now());
    await equalsFreshList(second.view, client, sim);
    const rollout = openStream(second.connection, 'kube-system/edge-proxy');
    await expect.poll(() => rollout.rollouts[0], { timeout: RESTART_BOUND_MS }).toBeDefined();
    const resumed = rollout.rollouts[0];
    // The ring lives in the dashboard's memory: after a restart it starts again (the UI says so).
    expect(resumed).toMatchObject({ daemonset: 'kube-system/edge-proxy', reset: true });
    expect(resumed?.samples.length ?? 0).toBeLessThanOrEqual(1);

    const updatedAtRestart = resumed?.samples.at(-1)?.updated ?? 0;
    expect(updatedAtRestart).toBeLessThan(4);
    sim.plane.advance(120_000, 1_000);
    await equalsFreshList(second.view, client, sim);
    // Samples follow the rollout again, to the end.
    await expect.poll(() => rollout.rollouts.at(-1)?.progress, { timeout: RESTART_BOUND_MS }).toMatchObject({ done: true, stuck: false });
    expect(rollout.rollouts.at(-1)?.samples.at(-1)).toMatchObject({ desired: 4, updated: 4, available: 4 });

    // metrics-agent's rollout to a broken image stays stuck: the new hub, sampling since its start, says so
    // once its progress deadline (60 s of simulated time) has passed.
    const stuck = openStream(second.connection, 'monitoring/metrics-agent');
    await expect.poll(() => stuck.rollouts[0]?.progress, { timeout: RESTART_BOUND_MS }).toMatchObject({ done: false, stuck: true });
    expect(stuck.rollouts[0]?.progress.cause).toMatch(/ImagePullBackOff|ErrImagePull/);
  });
});
