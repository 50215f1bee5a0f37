import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '@/lib/k8s-types';
import { failedSchedulingMessage } from './scheduler-fit';
import { editNode, getDaemonSet, makeDaemonSet, makeNode, podsOf, startTestCluster } from './testing/builders';

const waitingReason = (pod: Pod | undefined): string | undefined => pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
const readyOf = (pod: Pod | undefined): string | undefined => pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const eventsOf = (cluster: ReturnType<typeof startTestCluster>): KubeEvent[] => cluster.store.list('events', 'kube-system').items as unknown as KubeEvent[];

describe('kubelet', () => {
  it('walks a pod through ContainerCreating, Running and Ready', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.settle();
    let [pod] = podsOf(cluster.store, 'agent');
    expect([pod?.status?.phase, waitingReason(pod)]).toEqual(['Pending', 'ContainerCreating']);
    cluster.plane.advance(1_000);
    [pod] = podsOf(cluster.store, 'agent');
    expect([pod?.status?.phase, readyOf(pod)]).toEqual(['Running', 'False']);
    cluster.plane.advance(1_000);
    [pod] = podsOf(cluster.store, 'agent');
    expect([pod?.status?.phase, readyOf(pod)]).toEqual(['Running', 'True']);
  });

  it.each([
    { image: 'registry.example/agent:2.0-broken', reasons: ['ErrImagePull', 'ImagePullBackOff'], phase: 'Pending' },
    { image: 'registry.example/agent:crash-1', reasons: ['CrashLoopBackOff'], phase: 'Running' },
  ])('never readies $image', ({ image, reasons, phase }) => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { image }));
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      cluster.plane.advance(1_000);
      const [pod] = podsOf(cluster.store, 'agent');
      const reason = waitingReason(pod);
      if (reason) seen.add(reason);
      expect(readyOf(pod)).not.toBe('True');
    }
    for (const reason of reasons) expect(seen).toContain(reason);
    const [pod] = podsOf(cluster.store, 'agent');
    expect(pod?.status?.phase).toBe(phase);
    expect(getDaemonSet(cluster.store, 'agent').status?.numberReady).toBe(0);
  });

  it('a crash-looping container restarts again and again', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { image: 'x:crash' }));
    cluster.plane.advance(30_000);
    const early = podsOf(cluster.store, 'agent')[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    cluster.plane.advance(120_000);
    const later = podsOf(cluster.store, 'agent')[0]?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    expect(early).toBeGreaterThanOrEqual(1);
    expect(later).toBeGreaterThan(early);
  });

  it('on a NotReady node pods lose Ready and a deleted pod stays Terminating', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    editNode(cluster.store, 'a', (node) => (node.status = { ...node.status, conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }] }), 'status');
    cluster.plane.advance(2_000);
    const [pod] = podsOf(cluster.store, 'agent');
    expect(readyOf(pod)).toBe('False');
    cluster.store.delete('pods', 'kube-system', pod?.metadata?.name ?? '');
    cluster.plane.advance(60_000);
    const [still] = podsOf(cluster.store, 'agent');
    expect(still?.metadata?.name).toBe(pod?.metadata?.name);
    expect(still?.metadata?.deletionTimestamp).toBeDefined();
    // The node comes back: its kubelet finishes the deletion and the controller recreates the pod.
    editNode(cluster.store, 'a', (node) => (node.status = { ...node.status, conditions: [{ type: 'Ready', status: 'True' }] }), 'status');
    cluster.plane.advance(10_000);
    const after = podsOf(cluster.store, 'agent');
    expect(after.map((p) => p.metadata?.name)).not.toContain(pod?.metadata?.name);
    expect(after.map(readyOf)).toEqual(['True']);
  });
});

describe('scheduler', () => {
  it.each([
    {
      name: 'insufficient memory',
      node: makeNode('tiny', { allocatable: { cpu: '2', memory: '256Mi', pods: '110' } }),
      spec: { containers: [{ name: 'agent', image: 'a:1', resources: { requests: { memory: '512Mi' } } }] },
      message: '0/1 nodes are available: 1 Insufficient memory.',
    },
    {
      name: 'insufficient cpu and memory',
      node: makeNode('tiny', { allocatable: { cpu: '100m', memory: '256Mi', pods: '110' } }),
      spec: { containers: [{ name: 'agent', image: 'a:1', resources: { requests: { cpu: '200m', memory: '512Mi' } } }] },
      message: '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.',
    },
    {
      name: 'too many pods',
      node: makeNode('tiny', { allocatable: { pods: '0' } }),
      spec: {},
      message: '0/1 nodes are available: 1 Too many pods.',
    },
  ])('leaves the pod Pending on $name', ({ node, spec, message }) => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', node);
    cluster.store.create('daemonsets', makeDaemonSet('agent', { spec }));
    cluster.plane.advance(5_000);
    const [pod] = podsOf(cluster.store, 'agent');
    expect(pod?.spec?.nodeName).toBeUndefined();
    expect(pod?.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(eventsOf(cluster).find((e) => e.reason === 'FailedScheduling')).toMatchObject({ type: 'Warning', message });
    // The controller still counts the pending pod as scheduled on its node (§1.1).
    expect(getDaemonSet(cluster.store, 'agent').status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0 });
  });

  it('reports taken host ports and binds once the other pod goes away', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    const ports = { containers: [{ name: 'x', image: 'x:1', ports: [{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }] }] };
    cluster.store.create('daemonsets', makeDaemonSet('first', { spec: ports }));
    cluster.plane.advance(3_000);
    cluster.store.create('daemonsets', makeDaemonSet('second', { spec: ports }));
    cluster.plane.advance(3_000);
    const [pending] = podsOf(cluster.store, 'second');
    expect(pending?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
    );
    cluster.store.delete('daemonsets', 'kube-system', 'first');
    cluster.plane.advance(5_000);
    const [bound] = podsOf(cluster.store, 'second');
    expect(bound?.spec?.nodeName).toBe('a');
  });

  it('formats reasons over several nodes sorted, as FitError does', () => {
    expect(failedSchedulingMessage(3, [['Insufficient memory'], ["node(s) didn't match Pod's node affinity/selector"], ['Insufficient memory']])).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory.",
    );
  });
});
