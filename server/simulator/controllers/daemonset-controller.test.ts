import { describe, expect, it } from 'vitest';
import { computeDaemonSetStatus, currentRevisionHash } from '@/lib/daemon-status';
import type { ControllerRevision, Node, Pod } from '@/lib/k8s-types';
import { revisionTemplate } from '@/lib/history';
import { createClock } from '../clock';
import { createStore } from '../store';
import { createClusterCache } from './cluster-cache';
import { startDaemonSetController } from './daemonset-controller';
import { createEventRecorder } from './events';
import { toStored } from './objects';
import { createQueueRunner } from './work-queue';
import {
  editNode,
  getDaemonSet,
  makeDaemonSet,
  makeNode,
  placement,
  podsOf,
  setImage,
  startTestCluster,
  taint,
  type TestCluster,
} from './testing/builders';

/** The status lib/ computes from the store's objects must be what the controller wrote. */
function expectStatusMatchesLib({ store, clock }: TestCluster, name: string): void {
  const daemonSet = getDaemonSet(store, name);
  const nodes = store.list('nodes').items as unknown as Node[];
  const pods = store.list('pods').items as unknown as Pod[];
  const revisions = store.list('controllerrevisions').items as unknown as ControllerRevision[];
  const expected = computeDaemonSetStatus({ daemonSet, nodes, pods, currentRevisionHash: currentRevisionHash(daemonSet, revisions), now: clock.now() });
  expect(daemonSet.status).toMatchObject({ ...expected, observedGeneration: daemonSet.metadata?.generation });
}

function revisionsOf(cluster: TestCluster, name: string): { revision: number; image: string }[] {
  const uid = getDaemonSet(cluster.store, name).metadata?.uid;
  return (cluster.store.list('controllerrevisions', 'kube-system').items as unknown as ControllerRevision[])
    .filter((r) => r.metadata?.ownerReferences?.some((ref) => ref.uid === uid))
    .map((r) => ({ revision: r.revision ?? 0, image: revisionTemplate(r)?.spec?.containers?.[0]?.image ?? '' }))
    .sort((a, b) => a.revision - b.revision);
}

describe('DaemonSet controller: placement', () => {
  it.each([
    { name: 'plain nodes all get a pod', nodes: [makeNode('a'), makeNode('b')], ds: {}, expected: ['a', 'b'] },
    {
      name: 'nodeSelector limits pods to labelled nodes',
      nodes: [makeNode('a', { labels: { role: 'edge' } }), makeNode('b')],
      ds: { nodeSelector: { role: 'edge' } },
      expected: ['a'],
    },
    {
      name: 'an untolerated NoSchedule taint keeps new pods off',
      nodes: [makeNode('a'), makeNode('b', { taints: [taint('dedicated', 'NoSchedule', 'gpu')] })],
      ds: {},
      expected: ['a'],
    },
    {
      name: 'a matching toleration lets the pod on',
      nodes: [makeNode('a'), makeNode('b', { taints: [taint('dedicated', 'NoSchedule', 'gpu')] })],
      ds: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
      expected: ['a', 'b'],
    },
    {
      name: 'a cordoned node still gets its daemon pod (default unschedulable toleration)',
      nodes: [makeNode('a', { unschedulable: true })],
      ds: {},
      expected: ['a'],
    },
  ])('$name', ({ nodes, ds, expected }) => {
    const cluster = startTestCluster();
    for (const node of nodes) cluster.store.create('nodes', node);
    cluster.store.create('daemonsets', makeDaemonSet('agent', ds));
    cluster.plane.advance(5_000);
    expect(placement(cluster.store, 'agent').map((p) => p.split('=')[0])).toEqual(expected);
    expectStatusMatchesLib(cluster, 'agent');
    expect(getDaemonSet(cluster.store, 'agent').status?.numberReady).toBe(expected.length);
  });

  it('pins created pods to their node with required affinity, default tolerations, labels and an owner', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.settle();
    const [pod] = podsOf(cluster.store, 'agent');
    expect(pod?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] },
    ]);
    expect(pod?.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/not-ready:NoExecute');
    expect(pod?.metadata?.labels?.['pod-template-generation']).toBe('1');
    expect(pod?.metadata?.labels?.['controller-revision-hash']).toMatch(/^[bcdf4-9]{1,10}$/);
    expect(pod?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true });
  });
});

describe('DaemonSet controller: node changes', () => {
  it.each([
    { name: 'NoSchedule taint keeps the running pod, counted as misscheduled', effect: 'NoSchedule', pods: ['a', 'b'], misscheduled: 1, desired: 1 },
    { name: 'NoExecute taint removes the pod', effect: 'NoExecute', pods: ['a'], misscheduled: 0, desired: 1 },
  ])('$name', ({ effect, pods, misscheduled, desired }) => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('nodes', makeNode('b'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    editNode(cluster.store, 'b', (node) => (node.spec = { ...node.spec, taints: [taint('maintenance', effect)] }));
    cluster.plane.advance(5_000);
    expect(placement(cluster.store, 'agent').map((p) => p.split('=')[0])).toEqual(pods);
    const status = getDaemonSet(cluster.store, 'agent').status;
    expect(status).toMatchObject({ numberMisscheduled: misscheduled, desiredNumberScheduled: desired });
    expectStatusMatchesLib(cluster, 'agent');
  });

  it('labelling a node into the nodeSelector makes a pod appear, unlabelling removes it', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('edge', { nodeSelector: { role: 'edge' } }));
    cluster.plane.advance(3_000);
    expect(placement(cluster.store, 'edge')).toEqual([]);
    editNode(cluster.store, 'a', (node) => (node.metadata = { ...node.metadata, labels: { ...node.metadata?.labels, role: 'edge' } }));
    cluster.plane.advance(3_000);
    expect(placement(cluster.store, 'edge')).toHaveLength(1);
    expectStatusMatchesLib(cluster, 'edge');
    editNode(cluster.store, 'a', (node) => (node.metadata = { ...node.metadata, labels: { 'kubernetes.io/hostname': 'a' } }));
    cluster.plane.advance(3_000);
    expect(placement(cluster.store, 'edge')).toEqual([]);
    expectStatusMatchesLib(cluster, 'edge');
  });

  it('a new node gets a pod; a deleted node takes its pod with it', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(3_000);
    cluster.store.create('nodes', makeNode('b'));
    cluster.plane.advance(3_000);
    expect(placement(cluster.store, 'agent').map((p) => p.split('=')[0])).toEqual(['a', 'b']);
    cluster.store.delete('nodes', undefined, 'a');
    cluster.plane.advance(3_000);
    expect(podsOf(cluster.store, 'agent').map((p) => p.spec?.nodeName)).toEqual(['b']);
    expectStatusMatchesLib(cluster, 'agent');
  });
});

describe('DaemonSet controller: rolling updates', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'];
  it.each([
    { name: 'maxUnavailable 1', strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, maxPodsPerNode: 1 },
    { name: 'maxSurge 1', strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }, maxPodsPerNode: 2 },
  ])('$name converges to the new image within its budget', ({ strategy, maxPodsPerNode }) => {
    const cluster = startTestCluster();
    for (const name of nodes) cluster.store.create('nodes', makeNode(name));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { strategy }));
    cluster.plane.advance(5_000);
    setImage(cluster.store, 'agent', 'registry.example/agent:2.0');
    let sawSurge = false;
    for (let step = 0; step < 60; step++) {
      cluster.plane.advance(500, 500);
      const status = getDaemonSet(cluster.store, 'agent').status;
      const live = podsOf(cluster.store, 'agent').filter((p) => !p.metadata?.deletionTimestamp);
      const perNode = new Map<string, number>();
      for (const pod of live) perNode.set(pod.spec?.nodeName ?? '', (perNode.get(pod.spec?.nodeName ?? '') ?? 0) + 1);
      sawSurge ||= [...perNode.values()].some((count) => count > 1);
      expect(Math.max(0, ...perNode.values())).toBeLessThanOrEqual(maxPodsPerNode);
      // maxUnavailable 1: never more than one node without an available pod; surge: never any.
      expect(status?.numberUnavailable ?? 0).toBeLessThanOrEqual(maxPodsPerNode === 1 ? 1 : 0);
      expectStatusMatchesLib(cluster, 'agent');
    }
    expect(sawSurge).toBe(maxPodsPerNode > 1);
    expect(placement(cluster.store, 'agent')).toEqual(nodes.map((n) => `${n}=registry.example/agent:2.0`));
    expect(getDaemonSet(cluster.store, 'agent').status).toMatchObject({ updatedNumberScheduled: 4, numberAvailable: 4 });
  });

  it('minReadySeconds holds the rollout until each new pod has been ready that long', () => {
    const cluster = startTestCluster();
    for (const name of nodes) cluster.store.create('nodes', makeNode(name));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { minReadySeconds: 30 }));
    cluster.plane.advance(40_000);
    expect(getDaemonSet(cluster.store, 'agent').status?.numberAvailable).toBe(4);
    setImage(cluster.store, 'agent', 'registry.example/agent:2.0');
    cluster.plane.advance(20_000);
    expect(getDaemonSet(cluster.store, 'agent').status?.updatedNumberScheduled).toBe(1);
    cluster.plane.advance(200_000);
    expect(getDaemonSet(cluster.store, 'agent').status).toMatchObject({ updatedNumberScheduled: 4, numberAvailable: 4 });
    expectStatusMatchesLib(cluster, 'agent');
  });

  it('OnDelete replaces only pods that are deleted', () => {
    const cluster = startTestCluster();
    for (const name of nodes) cluster.store.create('nodes', makeNode(name));
    cluster.store.create('daemonsets', makeDaemonSet('cni', { strategy: { type: 'OnDelete' } }));
    cluster.plane.advance(5_000);
    setImage(cluster.store, 'cni', 'registry.example/cni:2.0');
    cluster.plane.advance(10_000);
    expect(placement(cluster.store, 'cni').every((p) => p.endsWith(':1.0'))).toBe(true);
    const victim = podsOf(cluster.store, 'cni').find((p) => p.spec?.nodeName === 'n2');
    cluster.store.delete('pods', 'kube-system', victim?.metadata?.name ?? '');
    cluster.plane.advance(10_000);
    expect(placement(cluster.store, 'cni')).toEqual(['n1=registry.example/cni:1.0', 'n2=registry.example/cni:2.0', 'n3=registry.example/cni:1.0', 'n4=registry.example/cni:1.0']);
    expect(getDaemonSet(cluster.store, 'cni').status).toMatchObject({ updatedNumberScheduled: 1, numberReady: 4 });
    expectStatusMatchesLib(cluster, 'cni');
  });
});

describe('DaemonSet controller: history', () => {
  it('renumbers the restored revision to the top after a rollback, and pods follow', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { image: 'img:1' }));
    cluster.plane.advance(5_000);
    setImage(cluster.store, 'agent', 'img:2');
    cluster.plane.advance(10_000);
    expect(revisionsOf(cluster, 'agent')).toEqual([{ revision: 1, image: 'img:1' }, { revision: 2, image: 'img:2' }]);
    setImage(cluster.store, 'agent', 'img:1'); // what `rollout undo` does: the old template again
    cluster.plane.advance(10_000);
    expect(revisionsOf(cluster, 'agent')).toEqual([{ revision: 2, image: 'img:2' }, { revision: 3, image: 'img:1' }]);
    expect(placement(cluster.store, 'agent')).toEqual(['a=img:1']);
    expectStatusMatchesLib(cluster, 'agent');
  });

  it('keeps revisionHistoryLimit old revisions', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { image: 'img:0', revisionHistoryLimit: 2 }));
    cluster.plane.advance(5_000);
    for (const version of [1, 2, 3, 4]) {
      setImage(cluster.store, 'agent', `img:${version}`);
      cluster.plane.advance(10_000);
    }
    expect(revisionsOf(cluster, 'agent').map((r) => r.revision)).toEqual([3, 4, 5]);
  });

  it('copies the change-cause annotation onto the revision it creates', () => {
    const cluster = startTestCluster();
    const daemonSet = makeDaemonSet('agent');
    daemonSet.metadata.annotations = { 'kubernetes.io/change-cause': 'first rollout' };
    cluster.store.create('daemonsets', daemonSet);
    cluster.plane.settle();
    const [revision] = cluster.store.list('controllerrevisions', 'kube-system').items;
    expect(revision?.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first rollout');
  });
});

describe('DaemonSet controller: manage loop', () => {
  it('deletes a Failed pod and creates a replacement', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    const [pod] = podsOf(cluster.store, 'agent');
    if (pod === undefined) throw new Error('no pod');
    cluster.store.update('pods', toStored({ ...pod, status: { ...pod.status, phase: 'Failed' } }), { subresource: 'status' });
    cluster.plane.advance(5_000);
    const pods = podsOf(cluster.store, 'agent');
    expect(pods.map((p) => p.metadata?.name)).not.toContain(pod.metadata?.name);
    expect(pods.filter((p) => p.status?.phase === 'Running')).toHaveLength(1);
    const reasons = cluster.store.list('events', 'kube-system').items.map((e) => e.reason);
    expect(reasons).toContain('FailedDaemonPod');
  });

  it('caps creates at 250 per sync (burstReplicas) and finishes on the next sync', () => {
    const clock = createClock({ manual: true, start: 0 });
    const store = createStore({ clock });
    for (let i = 0; i < 260; i++) store.create('nodes', makeNode(`n${i}`));
    store.create('daemonsets', makeDaemonSet('agent'));
    const cache = createClusterCache(store);
    const runner = createQueueRunner(clock, { auto: false });
    startDaemonSetController({ store, cache, clock, runner, events: createEventRecorder(store, clock, 'test') });
    expect(() => runner.settle(1)).toThrow(/did not settle/); // exactly one sync ran
    expect(podsOf(store, 'agent')).toHaveLength(250);
    runner.settle();
    expect(podsOf(store, 'agent')).toHaveLength(260);
  });

  it('adopts orphaned pods when a DaemonSet with the same selector comes back', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('nodes', makeNode('b'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    const before = podsOf(cluster.store, 'agent').map((p) => p.metadata?.name).sort();
    cluster.store.delete('daemonsets', 'kube-system', 'agent', { propagationPolicy: 'Orphan' });
    cluster.plane.advance(2_000);
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    expect(podsOf(cluster.store, 'agent').map((p) => p.metadata?.name).sort()).toEqual(before);
    expect(cluster.store.list('pods', 'kube-system').items).toHaveLength(2);
    // The revision was adopted too: same name, no hash collision.
    expect(revisionsOf(cluster, 'agent')).toEqual([{ revision: 1, image: 'registry.example/agent:1.0' }]);
    expect(getDaemonSet(cluster.store, 'agent').status?.collisionCount ?? 0).toBe(0);
    expectStatusMatchesLib(cluster, 'agent');
  });

  it('only warns about a DaemonSet whose selector selects everything', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    const daemonSet = makeDaemonSet('greedy');
    (daemonSet.spec as { selector: unknown }).selector = {};
    try {
      cluster.store.create('daemonsets', daemonSet);
    } catch {
      return; // the API server may refuse an empty selector outright; then there is nothing to do
    }
    cluster.plane.settle();
    expect(podsOf(cluster.store, 'greedy')).toEqual([]);
    expect(cluster.store.list('events', 'kube-system').items.map((e) => e.reason)).toContain('SelectingAll');
  });
});
