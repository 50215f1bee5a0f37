import 'server-only';
import type { Node, NodeCondition, Taint } from '@/lib/k8s-types';

/** The demo fleet's node shapes: instance types with their allocatable resources. */
const INSTANCE_TYPES = {
  'm6i.xlarge': { cpu: '3920m', memory: '15155Mi', pods: '58' },
  'm6i.2xlarge': { cpu: '7910m', memory: '31214Mi', pods: '58' },
  'm7g.xlarge': { cpu: '3920m', memory: '15155Mi', pods: '58' },
  'c6in.large': { cpu: '1930m', memory: '3388Mi', pods: '29' },
  'i4i.2xlarge': { cpu: '7910m', memory: '62463Mi', pods: '58' },
  'g5.2xlarge': { cpu: '7910m', memory: '31214Mi', pods: '58', 'nvidia.com/gpu': '1' },
  // Too small for node-agent's 512Mi request once the other daemons are counted.
  't3.nano': { cpu: '1930m', memory: '220Mi', pods: '8' },
} as const;

type InstanceType = keyof typeof INSTANCE_TYPES;
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] as const;

interface NodeShape {
  name: string;
  instanceType: InstanceType;
  zone: string;
  arch: 'amd64' | 'arm64';
  labels?: Record<string, string>;
  taints?: Taint[];
  conditions?: NodeCondition[];
}

const ready = (now: string): NodeCondition[] => [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastTransitionTime: now, lastHeartbeatTime: now },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastTransitionTime: now, lastHeartbeatTime: now },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastTransitionTime: now, lastHeartbeatTime: now },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: now, lastHeartbeatTime: now },
];

/** Replaces one condition of a ready node's set. */
function withNodeCondition(conditions: NodeCondition[], condition: NodeCondition): NodeCondition[] {
  return conditions.map((c) => (c.type === condition.type ? { ...c, ...condition } : c));
}

/** A wire Node of the demo fleet. */
function buildNode(shape: NodeShape, now: string): Node {
  const allocatable: Record<string, string> = { ...INSTANCE_TYPES[shape.instanceType], 'ephemeral-storage': '95551679124' };
  return {
    metadata: {
      name: shape.name,
      labels: {
        'kubernetes.io/hostname': shape.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': shape.arch,
        'node.kubernetes.io/instance-type': shape.instanceType,
        'topology.kubernetes.io/zone': shape.zone,
        'topology.kubernetes.io/region': 'eu-west-1',
        ...shape.labels,
      },
    },
    spec: { taints: shape.taints ?? [], providerID: `aws:///${shape.zone}/i-0${shape.name.replace(/[^a-z0-9]/g, '')}` },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: shape.conditions ?? ready(now),
      nodeInfo: {
        kubeletVersion: 'v1.32.4',
        architecture: shape.arch,
        operatingSystem: 'linux',
        osImage: 'Bottlerocket OS 1.36.0 (aws-k8s-1.32)',
        containerRuntimeVersion: 'containerd://1.7.27',
      },
    },
  };
}

/** The ≈40 nodes of the demo fleet (see DESIGN.md): every kind of node a DaemonSet meets, and its problems. */
export function demoNodes(now: string): Node[] {
  const shapes: NodeShape[] = [];
  ZONES.forEach((zone, i) =>
    shapes.push({
      name: `cp-${i + 1}`,
      instanceType: 'm6i.xlarge',
      zone,
      arch: 'amd64',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    }),
  );
  for (let i = 0; i < 19; i++) {
    shapes.push({ name: `worker-${String(i + 1).padStart(2, '0')}`, instanceType: 'm6i.2xlarge', zone: ZONES[i % 3] ?? 'eu-west-1a', arch: 'amd64', labels: { pool: 'general' } });
  }
  for (let i = 0; i < 7; i++) {
    shapes.push({ name: `arm-${String(i + 1).padStart(2, '0')}`, instanceType: 'm7g.xlarge', zone: ZONES[i % 3] ?? 'eu-west-1a', arch: 'arm64', labels: { pool: 'arm' } });
  }
  for (let i = 0; i < 4; i++) {
    shapes.push({ name: `edge-gw-${i + 1}`, instanceType: 'c6in.large', zone: ZONES[i % 3] ?? 'eu-west-1a', arch: 'amd64', labels: { 'node-role': 'edge-gateway', pool: 'edge' } });
  }
  for (let i = 0; i < 4; i++) {
    shapes.push({
      name: `storage-${i + 1}`,
      instanceType: 'i4i.2xlarge',
      zone: ZONES[i % 3] ?? 'eu-west-1a',
      arch: 'amd64',
      labels: { pool: 'storage', 'storage.daemonscope.io/disk': i === 3 ? 'ssd' : 'nvme' },
    });
  }
  for (let i = 0; i < 2; i++) {
    shapes.push({
      name: `gpu-${i + 1}`,
      instanceType: 'g5.2xlarge',
      zone: ZONES[i] ?? 'eu-west-1a',
      arch: 'amd64',
      labels: { pool: 'gpu', 'nvidia.com/gpu.present': 'true' },
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    });
  }
  shapes.push({ name: 'nano-1', instanceType: 't3.nano', zone: 'eu-west-1b', arch: 'amd64', labels: { pool: 'general' } });
  const nodes = shapes.map((shape) => buildNode(shape, now));
  // The fleet's own troubles: one node whose kubelet stopped reporting Ready, one short of disk.
  return nodes.map((node) => {
    const conditions = node.status?.conditions ?? [];
    if (node.metadata?.name === 'worker-07') {
      const notReady = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy: pleg was last seen active 3m12s ago; threshold is 3m0s' };
      return { ...node, status: { ...node.status, conditions: withNodeCondition(conditions, notReady) } };
    }
    if (node.metadata?.name === 'worker-12') {
      const pressure = { type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' };
      return { ...node, status: { ...node.status, conditions: withNodeCondition(conditions, pressure) } };
    }
    return node;
  });
}
