import { describe, expect, it } from 'vitest';
import { makeDaemonPod, makeDaemonSet, makeNode } from '@/lib/fleet-model/builders';
import type { KubeEvent, Node } from '@/lib/k8s-types';
import { rolloutBlockers } from './rollout-blockers';

const NOW = Date.UTC(2026, 5, 1);
const ds = makeDaemonSet('agent');
const withReady = (node: Node, status: string): Node => ({ ...node, status: { conditions: [{ type: 'Ready', status, reason: status === 'True' ? 'KubeletReady' : 'NodeStatusUnknown' }] } });
const nodes = new Map([
  ['good', withReady(makeNode('good'), 'True')],
  ['lost', withReady(makeNode('lost'), 'Unknown')],
]);
const isUpdated = (pod: { metadata?: { labels?: Record<string, string> } }) => pod.metadata?.labels?.['controller-revision-hash'] === 'new';
const run = (pods: ReturnType<typeof makeDaemonPod>[], events: KubeEvent[] = []) => rolloutBlockers({ nodes, pods, isUpdated, events, minReadySeconds: 0, now: NOW });

describe('rolloutBlockers', () => {
  it('an old pod stuck Terminating on a NotReady node blocks, with the node condition as cause', () => {
    const { blockingNodes } = run([makeDaemonPod(ds, 'lost', { hash: 'old', deleting: true, readySince: '2026-01-01T00:00:00Z' })]);
    expect(blockingNodes).toEqual([
      expect.objectContaining({ node: 'lost', problem: 'old-pod-terminating-on-not-ready-node', cause: expect.stringContaining('node lost Ready=Unknown (NodeStatusUnknown)') }),
    ]);
  });

  it('an old pod terminating on a Ready node is not a blocker (its kubelet will finish it)', () => {
    expect(run([makeDaemonPod(ds, 'good', { hash: 'old', deleting: true, readySince: '2026-01-01T00:00:00Z' })]).blockingNodes).toEqual([]);
  });

  it('a new pod that is not available blocks with its failure reason', () => {
    const { blockingNodes, podsNotRunning } = run([makeDaemonPod(ds, 'good', { hash: 'new', waiting: 'ImagePullBackOff' })]);
    expect(blockingNodes[0]).toMatchObject({ problem: 'new-pod-not-available', cause: expect.stringMatching(/^ImagePullBackOff/) });
    expect(podsNotRunning[0]).toMatchObject({ reason: 'ImagePullBackOff', pinnedTo: { name: 'good', exists: true, ready: true } });
  });

  it('a pending pod is explained by its FailedScheduling event and joined to the node it is pinned to', () => {
    const pod = makeDaemonPod(ds, 'lost', { hash: 'new', bound: false });
    const event: KubeEvent = { involvedObject: { kind: 'Pod', name: pod.metadata?.name }, reason: 'FailedScheduling', type: 'Warning', message: "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }" };
    const { podsNotRunning } = run([pod], [event]);
    expect(podsNotRunning[0]).toMatchObject({ phase: 'Pending', reason: 'FailedScheduling', message: event.message, pinnedTo: { name: 'lost', ready: false }, events: [expect.objectContaining({ reason: 'FailedScheduling' })] });
  });

  it('running, ready, updated pods are neither blockers nor explained', () => {
    expect(run([makeDaemonPod(ds, 'good', { hash: 'new', readySince: '2026-01-01T00:00:00Z' })])).toEqual({ blockingNodes: [], podsNotRunning: [] });
  });
});
