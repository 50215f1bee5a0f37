import { afterEach, describe, expect, it } from 'vitest';
import { makeDaemonPod, makeDaemonSet, makeNode, makeRevision, taint } from '@/lib/fleet-model/builders';
import { FleetModel } from '@/lib/fleet-model/model';
import { namedGrid } from '@/lib/fleet-model/reducer';
import type { FleetEvent } from '@/lib/fleet-model/types';
import type { DaemonSet, Node, Pod } from '@/lib/k8s-types';
import { ClusterHub } from './cluster-hub';
import { emptyView, foldSse, readStream, type StreamView } from './sse-client';
import { sseResponse } from './sse';

const NOW = Date.UTC(2026, 5, 1, 12);
const hubs: ClusterHub[] = [];

function makeHub(options: { maxQueued?: number; snapshotInsteadOfCells?: number } = {}): ClusterHub {
  const hub = new ClusterHub({ cluster: 'test', now: () => NOW, progressDeadlineSeconds: 600, batchMs: 5, ...options });
  hubs.push(hub);
  return hub;
}

afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

const ds = makeDaemonSet('agent');
const rev1 = makeRevision(ds, 'h1', 1);
const readyPod = (node: string) => makeDaemonPod(ds, node, { hash: 'h1', readySince: '2026-01-01T00:00:00Z' });

/** The fleet the events below build, kept as lists so a fresh model can be built from them. */
function world() {
  const nodes = new Map<string, Node>();
  const pods = new Map<string, Pod>();
  const daemonSets = new Map<string, DaemonSet>();
  const events: FleetEvent[] = [];
  return {
    node(node: Node, type: 'ADDED' | 'MODIFIED' | 'DELETED' = 'ADDED') {
      if (type === 'DELETED') nodes.delete(node.metadata?.name ?? '');
      else nodes.set(node.metadata?.name ?? '', node);
      events.push({ kind: 'node', type, object: node });
    },
    pod(pod: Pod, type: 'ADDED' | 'MODIFIED' | 'DELETED' = 'ADDED') {
      if (type === 'DELETED') pods.delete(pod.metadata?.uid ?? '');
      else pods.set(pod.metadata?.uid ?? '', pod);
      events.push({ kind: 'pod', type, object: pod });
    },
    daemonSet(daemonSet: DaemonSet) {
      daemonSets.set(daemonSet.metadata?.uid ?? '', daemonSet);
      events.push({ kind: 'daemonset', type: 'ADDED', object: daemonSet });
    },
    drain: () => events.splice(0),
    rebuild: () =>
      FleetModel.fromObjects({ nodes: [...nodes.values()], pods: [...pods.values()], daemonSets: [...daemonSets.values()], controllerRevisions: [rev1] }, NOW).snapshot(),
  };
}

/** Reads everything the subscription has queued into a view. */
function read(view: StreamView, queue: { drain(): string | undefined }): StreamView {
  foldSse(view, queue.drain() ?? '');
  return view;
}

describe('ClusterHub', () => {
  it('snapshot + batched deltas equal a full rebuild after node taint, deletion and pod churn', () => {
    const hub = makeHub();
    const w = world();
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: rev1 });
    w.daemonSet(ds);
    for (const name of ['n1', 'n2', 'n3']) w.node(makeNode(name));
    for (const name of ['n1', 'n2']) w.pod(readyPod(name));
    for (const event of w.drain()) hub.ingest(event);
    const sub = hub.subscribe();
    const view = read(emptyView(), sub.queue);
    expect(view.snapshots).toBe(1);

    w.node(makeNode('n2', { taints: [taint('dedicated', 'NoExecute')] }), 'MODIFIED');
    w.node(makeNode('n3'), 'DELETED');
    w.pod(readyPod('n1'), 'DELETED');
    w.node(makeNode('n4'));
    for (const event of w.drain()) hub.ingest(event);
    hub.flush();
    read(view, sub.queue);

    expect(view.deltas).toBe(1);
    expect(view.grid && namedGrid(view.grid)).toEqual(namedGrid(w.rebuild()));
  });

  it('a second subscriber joining mid-stream starts from a snapshot that already holds pending deltas', () => {
    const hub = makeHub();
    const first = hub.subscribe();
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const second = hub.subscribe();
    const a = read(emptyView(), first.queue);
    const b = read(emptyView(), second.queue);
    expect(b.seq).toBe(a.seq);
    expect(namedGrid(b.grid ?? { rows: [], columns: [] })).toEqual(namedGrid(a.grid ?? { rows: [], columns: [] }));
  });

  it('gives a client that falls behind a fresh snapshot instead of an unbounded queue', () => {
    const hub = makeHub({ maxQueued: 4 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    const slow = hub.subscribe();
    for (let i = 0; i < 20; i++) {
      hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode(`n${i}`) });
      hub.flush();
    }
    expect(slow.queue.size()).toBeLessThanOrEqual(4);
    expect(slow.queue.resyncs).toBeGreaterThan(0);
    const view = read(emptyView(), slow.queue);
    expect(view.grid?.rows.filter((row) => row !== null)).toHaveLength(20);
  });

  it('sends a batch that changes more cells than the threshold (a relist) as one fresh snapshot', () => {
    const hub = makeHub({ snapshotInsteadOfCells: 1_000 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    const sub = hub.subscribe();
    const view = read(emptyView(), sub.queue);
    for (let i = 0; i < 2500; i++) hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode(`n${i}`) });
    hub.flush();
    read(view, sub.queue);
    expect(view).toMatchObject({ snapshots: 2, deltas: 0, seq: hub.sequence() });
    expect(view.grid?.rows.filter((row) => row !== null)).toHaveLength(2500);
  });

  it('sends a batch under the threshold as deltas', () => {
    const hub = makeHub({ snapshotInsteadOfCells: 1_000 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    const sub = hub.subscribe();
    const view = read(emptyView(), sub.queue);
    for (let i = 0; i < 500; i++) hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode(`n${i}`) });
    hub.flush();
    read(view, sub.queue);
    expect(view).toMatchObject({ snapshots: 1, deltas: 1, seq: hub.sequence() });
    expect(view.grid?.rows.filter((row) => row !== null)).toHaveLength(500);
  });

  it('narrows a ?daemonset= stream to that column and sends rollout samples', () => {
    const hub = makeHub();
    const other = makeDaemonSet('other');
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: rev1 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: other });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const sub = hub.subscribe('kube-system/agent');
    for (const resource of ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const) hub.setState(resource, { synced: true, count: 0 });
    const view = read(emptyView(), sub.queue);
    expect(view.grid?.columns.filter((c) => c !== null).map((c) => c?.name)).toEqual(['agent']);
    expect(view.rollouts[0]).toMatchObject({ daemonset: 'kube-system/agent', reset: true });

    hub.ingest({ kind: 'pod', type: 'ADDED', object: readyPod('n1') });
    hub.ingest({ kind: 'pod', type: 'ADDED', object: makeDaemonPod(other, 'n1') });
    hub.flush();
    read(view, sub.queue);
    const last = view.rollouts[view.rollouts.length - 1];
    expect(last).toMatchObject({ reset: false, samples: [{ desired: 1, updated: 1, available: 1, revisions: { '1': 1 } }] });
    expect(Object.keys(namedGrid(view.grid ?? { rows: [], columns: [] }).cells)).toEqual(['kube-system/agent']);
  });

  it('a ?daemonset= stream gets every batch (empty when untouched), so its seq never jumps', () => {
    const hub = makeHub();
    const other = makeDaemonSet('other');
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: other });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const sub = hub.subscribe('kube-system/agent');
    const view = read(emptyView(), sub.queue);
    const start = view.seq;
    hub.ingest({ kind: 'pod', type: 'ADDED', object: makeDaemonPod(other, 'n1') });
    hub.flush();
    hub.ingest({ kind: 'pod', type: 'ADDED', object: readyPod('n1') });
    hub.flush();
    // foldSse throws on any seq that is not last + 1.
    read(view, sub.queue);
    expect(view).toMatchObject({ seq: start + 2, deltas: 2 });
    expect(namedGrid(view.grid ?? { rows: [], columns: [] }).cells).toEqual({ 'kube-system/agent': { n1: expect.any(String) as unknown } });
  });

  it('reports Stale with the error and since when, then Live', () => {
    const hub = makeHub();
    const sub = hub.subscribe();
    for (const resource of ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const) hub.setState(resource, { synced: true, count: 0 });
    hub.flush();
    hub.setState('pods', { synced: true, count: 0, error: 'pods: connection refused', staleSince: NOW - 5000 });
    hub.flush();
    const view = read(emptyView(), sub.queue);
    const states = view.statuses.map((s) => s.state);
    expect(states).toEqual(['Stale', 'Live', 'Stale']);
    expect(view.statuses[2]).toMatchObject({ since: NOW - 5000, resources: { pods: { synced: true, error: 'pods: connection refused' } } });
  });

  it('a ?daemonset= stream follows its DaemonSet through deletion and re-creation (new column id)', () => {
    const hub = makeHub();
    const other = makeDaemonSet('other');
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: other });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const sub = hub.subscribe('kube-system/agent');
    const view = read(emptyView(), sub.queue);
    hub.ingest({ kind: 'daemonset', type: 'DELETED', object: ds });
    hub.flush();
    read(view, sub.queue);
    expect(view.grid?.columns.filter((c) => c !== null)).toEqual([]);
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: makeDaemonSet('agent', { uid: 'ds-agent-2' }) });
    hub.ingest({ kind: 'daemonset', type: 'MODIFIED', object: makeDaemonSet('other', { image: 'x:2' }) });
    hub.flush();
    read(view, sub.queue);
    expect(view.grid?.columns.filter((c) => c !== null).map((c) => c?.uid)).toEqual(['ds-agent-2']);
  });

  it('rollout events say since when this server has samples: from its first full sync, kept through a relist', () => {
    let now = NOW;
    const hub = new ClusterHub({ cluster: 'test', now: () => now, progressDeadlineSeconds: 600, batchMs: 5 });
    hubs.push(hub);
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: rev1 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const early = read(emptyView(), hub.subscribe('kube-system/agent').queue);
    expect(early.rollouts[0]).not.toHaveProperty('recordingSince');
    const syncAll = () => {
      for (const resource of ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const) hub.setState(resource, { synced: true, count: 0 });
    };
    now = NOW + 60_000;
    syncAll();
    const sub = hub.subscribe('kube-system/agent');
    const view = read(emptyView(), sub.queue);
    expect(view.rollouts[0]).toMatchObject({ reset: true, recordingSince: NOW + 60_000 });
    // A relist (pods out of sync, then back) continues the same history.
    now = NOW + 120_000;
    hub.setState('pods', { synced: false, count: 0 });
    hub.ingest({ kind: 'pod', type: 'ADDED', object: readyPod('n1') });
    syncAll();
    hub.flush();
    read(view, sub.queue);
    expect(view.rollouts.at(-1)).toMatchObject({ reset: false, recordingSince: NOW + 60_000, samples: [{ at: NOW + 120_000 }] });
  });

  it('takes no rollout samples before every resource has synced, then one per DaemonSet', () => {
    const hub = makeHub();
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: rev1 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    hub.flush();
    expect(hub.rollouts.samples(ds.metadata?.uid)).toEqual([]);
    hub.ingest({ kind: 'pod', type: 'ADDED', object: readyPod('n1') });
    for (const resource of ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const) hub.setState(resource, { synced: true, count: 0 });
    hub.flush();
    expect(hub.rollouts.samples(ds.metadata?.uid)).toEqual([expect.objectContaining({ desired: 1, available: 1 })]);
  });

  it('re-evaluates cells when minReadySeconds passes without any event', async () => {
    let now = NOW;
    const hub = new ClusterHub({ cluster: 'test', now: () => now, progressDeadlineSeconds: 600, batchMs: 1 });
    hubs.push(hub);
    const slow = makeDaemonSet('slow', { minReadySeconds: 1 });
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: makeRevision(slow, 'h1', 1) });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: slow });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    hub.ingest({ kind: 'pod', type: 'ADDED', object: makeDaemonPod(slow, 'n1', { hash: 'h1', readySince: new Date(NOW).toISOString() }) });
    const sub = hub.subscribe();
    const view = read(emptyView(), sub.queue);
    expect(namedGrid(view.grid ?? { rows: [], columns: [] }).cells['kube-system/slow']).toEqual({ n1: 'P' });
    now = NOW + 1_000;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    hub.flush();
    const text = sub.queue.drain() ?? '';
    foldSse(view, text);
    expect(namedGrid(view.grid ?? { rows: [], columns: [] }).cells['kube-system/slow']).toEqual({ n1: 'R' });
    // No watch event caused this batch, so it has no receivedAt to claim.
    expect(deltaData(text)).toEqual([expect.not.objectContaining({ receivedAt: expect.anything() as unknown })]);
  });

  it('stamps each delta with the wall-clock time its earliest watch event arrived, on full and filtered streams', () => {
    let wall = 1_000;
    const hub = new ClusterHub({ cluster: 'test', now: () => NOW, wallClock: () => wall, progressDeadlineSeconds: 600, batchMs: 5 });
    hubs.push(hub);
    hub.ingest({ kind: 'controllerrevision', type: 'ADDED', object: rev1 });
    hub.ingest({ kind: 'daemonset', type: 'ADDED', object: ds });
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n1') });
    const full = hub.subscribe();
    const filtered = hub.subscribe('kube-system/agent');
    full.queue.drain();
    filtered.queue.drain();

    wall = 2_000;
    hub.ingest({ kind: 'node', type: 'ADDED', object: makeNode('n2') });
    wall = 2_070;
    hub.ingest({ kind: 'pod', type: 'ADDED', object: readyPod('n1') });
    wall = 2_100;
    hub.flush();
    wall = 3_000;
    hub.ingest({ kind: 'node', type: 'MODIFIED', object: makeNode('n2', { taints: [taint('dedicated', 'NoSchedule')] }) });
    hub.flush();

    const seq = hub.sequence();
    const expected = [
      { seq: seq - 1, receivedAt: 2_000 },
      { seq, receivedAt: 3_000 },
    ].map((stamp) => expect.objectContaining(stamp) as unknown);
    expect(deltaData(full.queue.drain() ?? '')).toEqual(expected);
    expect(deltaData(filtered.queue.drain() ?? '')).toEqual(expected);
  });
});

/** The data of every `delta` event in an SSE text. */
function deltaData(text: string): Record<string, unknown>[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: delta\n'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 'data: '.length)) as Record<string, unknown>);
}

describe('sseResponse', () => {
  it('opens with a connected comment, then the snapshot and status, and sends heartbeat events with the hub clock', async () => {
    const hub = makeHub();
    const abort = new AbortController();
    const view = emptyView();
    const reading = readStream(sseResponse(hub, undefined, abort.signal, 20), view, abort.signal);
    // A heartbeat must be an event (EventSource never surfaces comments), carrying `at`.
    await expect.poll(() => view.heartbeats.length).toBeGreaterThan(1);
    expect(view.heartbeats.every((at) => at === NOW)).toBe(true);
    expect(view.comments).toEqual(['connected']);
    expect(view.snapshots).toBe(1);
    expect(view.statuses).toHaveLength(1);
    abort.abort();
    await reading;
    await expect.poll(() => hub.subscriberCount()).toBe(0);
  });
});
