import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod } from '@/lib/k8s-types';
import { createClock } from '../clock';
import { startControlPlane } from '../controllers/control-plane';
import { createStore } from '../store';
import { seedScenario, type ScenarioOptions } from './scenario';

function seeded(options: ScenarioOptions) {
  const clock = createClock({ manual: true, start: Date.parse('2026-03-01T12:00:00Z') });
  const store = createStore({ clock });
  seedScenario(store, clock.now(), options);
  const plane = startControlPlane({ store, clock, auto: false });
  const nodes = () => store.list('nodes').items as unknown as Node[];
  const daemonSets = () => store.list('daemonsets').items as unknown as DaemonSet[];
  const pods = () => store.list('pods').items as unknown as Pod[];
  const daemonSet = (namespace: string, name: string) => store.get('daemonsets', namespace, name) as unknown as DaemonSet;
  return { store, clock, plane, nodes, daemonSets, pods, daemonSet };
}

describe('empty scenario', () => {
  it('has no nodes and no DaemonSets, only the default and kube-system namespaces', () => {
    const { store, nodes, daemonSets } = seeded({ scenario: 'empty' });
    expect(nodes()).toEqual([]);
    expect(daemonSets()).toEqual([]);
    expect(store.list('namespaces').items.map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-system']);
  });
});

describe('demo scenario', () => {
  const demo = seeded({ scenario: 'demo' });
  demo.plane.advance(30_000, 1_000);

  it('has the fleet of DESIGN.md', () => {
    const nodes = demo.nodes();
    const label = (key: string) => nodes.filter((n) => n.metadata?.labels?.[key] !== undefined);
    expect(nodes.length).toBeGreaterThanOrEqual(38);
    expect(label('node-role.kubernetes.io/control-plane')).toHaveLength(3);
    expect(nodes.filter((n) => n.metadata?.labels?.['node-role'] === 'edge-gateway').length).toBeGreaterThan(0);
    expect(nodes.filter((n) => n.metadata?.labels?.['kubernetes.io/arch'] === 'arm64').length).toBeGreaterThan(0);
    expect(nodes.filter((n) => n.metadata?.labels?.['node.kubernetes.io/instance-type'] === 't3.nano')).toHaveLength(1);
    expect(new Set(nodes.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone'])).size).toBe(3);
    expect(nodes.filter((n) => n.spec?.taints?.some((t) => t.key === 'nvidia.com/gpu' && t.effect === 'NoSchedule')).length).toBeGreaterThan(0);
    const taintKeys = nodes.flatMap((n) => n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    expect(taintKeys).toContain('node.kubernetes.io/not-ready:NoExecute');
    expect(taintKeys).toContain('node.kubernetes.io/disk-pressure:NoSchedule');
    expect(demo.daemonSets().map((d) => d.metadata?.name).sort()).toEqual(
      ['cni-agent', 'edge-proxy', 'fluent-bit', 'gpu-device-plugin', 'metrics-agent', 'node-agent', 'node-exporter', 'storage-daemon'],
    );
  });

  it('shows a settled fleet: most pods Ready', () => {
    const pods = demo.pods();
    const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    expect(ready.length / pods.length).toBeGreaterThan(0.9);
    expect(demo.daemonSet('logging', 'fluent-bit').status).toMatchObject({ desiredNumberScheduled: demo.nodes().length, numberMisscheduled: 0 });
  });

  it('keeps node-agent Pending on the undersized node', () => {
    const pending = demo.pods().find((p) => p.metadata?.name?.startsWith('node-agent-') && !p.spec?.nodeName);
    expect(pending?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe('0/1 nodes are available: 1 Insufficient memory.');
  });

  it('has node-agent misscheduled on the NotReady node, and nowhere near control-plane or GPU nodes', () => {
    const status = demo.daemonSet('kube-system', 'node-agent').status;
    expect(status?.numberMisscheduled).toBe(1);
    const onNodes = demo.pods().filter((p) => p.metadata?.name?.startsWith('node-agent-')).map((p) => p.spec?.nodeName ?? '');
    expect(onNodes.some((n) => n.startsWith('cp-') || n.startsWith('gpu-'))).toBe(false);
  });

  it('has the cni-agent OnDelete rollout about half done', () => {
    const status = demo.daemonSet('kube-system', 'cni-agent').status;
    const ratio = (status?.updatedNumberScheduled ?? 0) / (status?.desiredNumberScheduled ?? 1);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.7);
  });

  it('has the metrics-agent rollout stuck on a broken image, with a good revision to go back to', () => {
    const status = demo.daemonSet('monitoring', 'metrics-agent').status;
    expect(status?.updatedNumberScheduled).toBe(1);
    const broken = demo.pods().find((p) => p.spec?.containers?.[0]?.image?.includes('broken'));
    expect(broken?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    const revisions = demo.store.list('controllerrevisions', 'monitoring').items.filter((r) => r.metadata.name.startsWith('metrics-agent-'));
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('places storage-daemon on disk-labelled nodes and gpu-device-plugin on GPU nodes only', () => {
    const nodeOf = (prefix: string) => demo.pods().filter((p) => p.metadata?.name?.startsWith(prefix)).map((p) => p.spec?.nodeName ?? '');
    expect(nodeOf('storage-daemon-').every((n) => n.startsWith('storage-'))).toBe(true);
    expect(nodeOf('gpu-device-plugin-').sort()).toEqual(['gpu-1', 'gpu-2']);
  });
});

describe('scale scenario', () => {
  const fingerprint = (options: ScenarioOptions) => {
    const { nodes, daemonSets, pods } = seeded(options);
    return {
      nodes: nodes().map((n) => [n.metadata?.name, n.metadata?.labels, n.spec?.taints?.map((t) => t.key)]),
      daemonSets: daemonSets().map((d) => [d.metadata?.name, d.spec?.template?.spec]),
      pods: pods().length,
    };
  };

  it('is deterministic from its seed', () => {
    const a = fingerprint({ scenario: 'scale', nodes: 60, daemonSets: 8, seed: 7 });
    expect(fingerprint({ scenario: 'scale', nodes: 60, daemonSets: 8, seed: 7 })).toEqual(a);
    expect(fingerprint({ scenario: 'scale', nodes: 60, daemonSets: 8, seed: 8 }).nodes).not.toEqual(a.nodes);
    expect(a.nodes).toHaveLength(60);
    expect(a.daemonSets).toHaveLength(8);
  });

  it('starts settled: statuses agree with the seeded pods and nothing needs creating', () => {
    const cluster = seeded({ scenario: 'scale', nodes: 200, daemonSets: 10, seed: 3 });
    const before = cluster.pods().length;
    cluster.plane.settle();
    expect(cluster.pods().length).toBe(before);
    for (const daemonSet of cluster.daemonSets()) {
      const status = daemonSet.status;
      expect(status?.currentNumberScheduled).toBe(status?.desiredNumberScheduled);
      expect(status?.updatedNumberScheduled).toBe(status?.desiredNumberScheduled);
    }
    const nodes = cluster.nodes();
    expect(new Set(nodes.map((n) => n.metadata?.labels?.['kubernetes.io/arch']))).toEqual(new Set(['amd64', 'arm64']));
    expect(nodes.some((n) => n.spec?.taints?.length)).toBe(true);
  });
});
