import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition, Pod } from '@/lib/k8s-types';
import { evictionDelaySeconds } from './node-lifecycle';
import { toStored } from './objects';
import { editNode, getDaemonSet, makeDaemonSet, makeNode, placement, startTestCluster, taint } from './testing/builders';

const taintsOf = (cluster: ReturnType<typeof startTestCluster>, name: string): string[] =>
  ((cluster.store.get('nodes', undefined, name) as unknown as Node).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();

describe('node lifecycle taints', () => {
  it.each<{ name: string; conditions?: NodeCondition[]; unschedulable?: boolean; expected: string[] }>([
    { name: 'a node without conditions counts as Ready', expected: [] },
    {
      name: 'Ready=False → not-ready',
      conditions: [{ type: 'Ready', status: 'False' }],
      expected: ['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule'],
    },
    {
      name: 'Ready=Unknown → unreachable',
      conditions: [{ type: 'Ready', status: 'Unknown' }],
      expected: ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule'],
    },
    {
      name: 'DiskPressure → disk-pressure NoSchedule',
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'DiskPressure', status: 'True' }],
      expected: ['node.kubernetes.io/disk-pressure:NoSchedule'],
    },
    { name: 'cordoned → unschedulable NoSchedule', unschedulable: true, expected: ['node.kubernetes.io/unschedulable:NoSchedule'] },
  ])('$name', ({ conditions, unschedulable, expected }) => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a', { conditions, unschedulable, taints: [taint('custom', 'NoSchedule')] }));
    cluster.plane.settle();
    expect(taintsOf(cluster, 'a')).toEqual([...expected, 'custom:NoSchedule'].sort());
  });

  it('removes the condition taints once the node recovers, keeping NoExecute timeAdded while they last', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a', { conditions: [{ type: 'Ready', status: 'False' }] }));
    cluster.plane.settle();
    const added = (cluster.store.get('nodes', undefined, 'a') as unknown as Node).spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded;
    expect(added).toBe('2026-01-01T00:00:00Z');
    cluster.plane.advance(5_000);
    expect((cluster.store.get('nodes', undefined, 'a') as unknown as Node).spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded).toBe(added);
    editNode(cluster.store, 'a', (node) => (node.status = { conditions: [{ type: 'Ready', status: 'True' }] }), 'status');
    cluster.plane.settle();
    expect(taintsOf(cluster, 'a')).toEqual([]);
  });

  it('a NotReady node keeps its daemon pod (misscheduled) and gets no new one', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('nodes', makeNode('b', { conditions: [{ type: 'Ready', status: 'False' }] }));
    cluster.store.create('daemonsets', makeDaemonSet('agent'));
    cluster.plane.advance(5_000);
    expect(placement(cluster.store, 'agent').map((p) => p.split('=')[0])).toEqual(['a']);
    editNode(cluster.store, 'a', (node) => (node.status = { conditions: [{ type: 'Ready', status: 'False' }] }), 'status');
    cluster.plane.advance(5_000);
    expect(placement(cluster.store, 'agent').map((p) => p.split('=')[0])).toEqual(['a']);
    expect(getDaemonSet(cluster.store, 'agent').status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });
});

describe('taint eviction', () => {
  const pod = (tolerations: Pod['spec'] extends infer S ? (S extends { tolerations?: infer T } ? T : never) : never): Pod => ({ spec: { tolerations } });
  it.each([
    { name: 'no NoExecute taint → stays', taints: [taint('k', 'NoSchedule')], tolerations: [], expected: undefined },
    { name: 'untolerated NoExecute → now', taints: [taint('k', 'NoExecute')], tolerations: [], expected: 0 },
    { name: 'tolerated for ever → stays', taints: [taint('k', 'NoExecute')], tolerations: [{ key: 'k', operator: 'Exists' }], expected: undefined },
    {
      name: 'smallest tolerationSeconds wins',
      taints: [taint('k', 'NoExecute'), taint('j', 'NoExecute')],
      tolerations: [
        { key: 'k', operator: 'Exists', tolerationSeconds: 60 },
        { key: 'j', operator: 'Exists', tolerationSeconds: 30 },
      ],
      expected: 30,
    },
  ])('$name', ({ taints, tolerations, expected }) => {
    expect(evictionDelaySeconds(pod(tolerations), taints)).toBe(expected);
  });

  it('evicts a pod after its tolerationSeconds, and the controller puts it back', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('daemonsets', makeDaemonSet('agent', { tolerations: [{ key: 'flaky', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] }));
    cluster.plane.advance(5_000);
    const [first] = cluster.store.list('pods', 'kube-system').items;
    editNode(cluster.store, 'a', (node) => (node.spec = { taints: [taint('flaky', 'NoExecute')] }));
    cluster.plane.advance(20_000);
    expect(cluster.store.get('pods', 'kube-system', first?.metadata.name ?? '')?.metadata.deletionTimestamp).toBeUndefined();
    cluster.plane.advance(12_000);
    expect(cluster.store.get('pods', 'kube-system', first?.metadata.name ?? '')).toBeUndefined();
    // §1.3: the DaemonSet controller ignores tolerationSeconds, so a replacement appears (and the loop goes on).
    expect(cluster.store.list('pods', 'kube-system').items.length).toBe(1);
    expect(cluster.store.list('events', 'kube-system').items.map((e) => e.reason)).toContain('TaintManagerEviction');
  });

  it('evicts pods of other owners that do not tolerate a NoExecute taint', () => {
    const cluster = startTestCluster();
    cluster.store.create('nodes', makeNode('a'));
    cluster.store.create('pods', toStored({ metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'a', containers: [{ name: 'web', image: 'web:1' }] } }));
    cluster.plane.advance(3_000);
    editNode(cluster.store, 'a', (node) => (node.spec = { taints: [taint('maintenance', 'NoExecute')] }));
    cluster.plane.advance(3_000);
    expect(cluster.store.get('pods', 'default', 'web')).toBeUndefined();
  });
});
