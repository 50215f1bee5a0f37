import 'server-only';
import type { DaemonSet, Node, NodeCondition, PodSpec, Taint } from '@/lib/k8s-types';
import { rfc3339 } from '../controllers/objects';
import type { Seeder } from './seed';

/** A small deterministic PRNG (mulberry32): the same seed gives the same fleet. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'] as const;
const POOLS = [
  { pool: 'general', weight: 0.55, arch: 'amd64', instanceType: 'm6i.2xlarge' },
  { pool: 'highmem', weight: 0.15, arch: 'amd64', instanceType: 'r6i.4xlarge' },
  { pool: 'arm', weight: 0.15, arch: 'arm64', instanceType: 'm7g.2xlarge' },
  { pool: 'gpu', weight: 0.05, arch: 'amd64', instanceType: 'g5.4xlarge' },
  { pool: 'edge', weight: 0.05, arch: 'amd64', instanceType: 'c6in.xlarge' },
  { pool: 'batch', weight: 0.05, arch: 'amd64', instanceType: 'c6i.4xlarge' },
] as const;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function pickPool(random: () => number): (typeof POOLS)[number] {
  let roll = random();
  for (const pool of POOLS) {
    roll -= pool.weight;
    if (roll < 0) return pool;
  }
  return POOLS[0];
}

/** One node of the scale fleet: pool, zone and arch labels, pool taints, and the odd NotReady or cordoned node. */
function scaleNode(index: number, random: () => number, now: string): Node {
  const name = `node-${String(index + 1).padStart(5, '0')}`;
  const pool = pickPool(random);
  const taints: Taint[] = [];
  if (pool.pool === 'gpu') taints.push({ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' });
  if (pool.pool === 'batch') taints.push({ key: 'dedicated', value: 'batch', effect: 'NoSchedule' });
  if (random() < 0.005) taints.push({ key: 'maintenance', value: 'kernel-upgrade', effect: 'NoExecute', timeAdded: now });
  const roll = random();
  const readyStatus = roll < 0.01 ? 'False' : roll < 0.015 ? 'Unknown' : 'True';
  const conditions: NodeCondition[] = [
    { type: 'Ready', status: readyStatus, reason: readyStatus === 'True' ? 'KubeletReady' : 'KubeletNotReady', lastTransitionTime: now, lastHeartbeatTime: now },
    { type: 'DiskPressure', status: random() < 0.005 ? 'True' : 'False', lastTransitionTime: now },
  ];
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': pool.arch,
        'node.kubernetes.io/instance-type': pool.instanceType,
        'topology.kubernetes.io/zone': pick(random, ZONES),
        pool: pool.pool,
        ...(pool.pool === 'gpu' ? { 'nvidia.com/gpu.present': 'true' } : {}),
        ...(pool.pool === 'edge' ? { 'node-role': 'edge-gateway' } : {}),
      },
    },
    spec: { taints, ...(random() < 0.01 ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: '7910m', memory: '31214Mi', pods: '110' },
      conditions,
      nodeInfo: { kubeletVersion: 'v1.32.4', architecture: pool.arch, operatingSystem: 'linux' },
    },
  };
}

const DAEMON_NAMES = ['log-shipper', 'node-exporter', 'cni', 'csi-node', 'security-agent', 'dns-cache', 'gpu-plugin', 'edge-proxy', 'kube-proxy', 'tracing-agent'] as const;

/** The placement constraints of the i-th DaemonSet: a rotating mix of everywhere, pools, arches and taints. */
function placement(index: number): Partial<PodSpec> {
  switch (index % 8) {
    case 0:
      return { tolerations: [{ operator: 'Exists' }] };
    case 1:
      return { nodeSelector: { pool: 'general' } };
    case 2:
      return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] }] } } } };
    case 3:
      return { nodeSelector: { 'nvidia.com/gpu.present': 'true' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] };
    case 4:
      return { nodeSelector: { 'node-role': 'edge-gateway' } };
    case 5:
      return { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }] };
    default:
      return {};
  }
}

/** The i-th DaemonSet of the scale scenario. */
function scaleDaemonSet(index: number): DaemonSet {
  const name = `${DAEMON_NAMES[index % DAEMON_NAMES.length] ?? 'daemon'}-${String(index + 1).padStart(2, '0')}`;
  const labels = { app: name };
  const strategies: NonNullable<DaemonSet['spec']>['updateStrategy'][] = [
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '5%' } },
    { type: 'OnDelete' },
  ];
  return {
    metadata: { name, namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: strategies[index % strategies.length],
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `registry.example.com/${name}:1.${index % 7}.0`, resources: { requests: { cpu: '10m', memory: '32Mi' } } }], ...placement(index) },
      },
    },
  };
}

/** Options of the scale scenario. */
export interface ScaleOptions {
  nodes: number;
  daemonSets: number;
  seed: number;
}

/** The scale scenario: `nodes` × `daemonSets`, deterministic from `seed`, every pod already Running. */
export function seedScale(seeder: Seeder, now: number, options: ScaleOptions): void {
  const random = createRandom(options.seed);
  const timestamp = rfc3339(now - 86_400_000);
  for (let i = 0; i < options.nodes; i++) seeder.node(scaleNode(i, random, timestamp));
  for (let i = 0; i < options.daemonSets; i++) seeder.daemonSet(scaleDaemonSet(i));
}
