import 'server-only';
import type { Container, DaemonSet, PodSpec } from '@/lib/k8s-types';
import { rfc3339 } from '../controllers/objects';
import { demoNodes } from './demo-nodes';
import type { Seeder } from './seed';

interface DaemonSetShape {
  name: string;
  namespace: string;
  image: string;
  requests?: Record<string, string>;
  spec?: Partial<PodSpec>;
  container?: Partial<Container>;
  updateStrategy?: NonNullable<DaemonSet['spec']>['updateStrategy'];
  changeCause?: string;
}

/** A DaemonSet of the demo fleet, selecting `app.kubernetes.io/name=<name>`. */
function buildDaemonSet(shape: DaemonSetShape): DaemonSet {
  const labels = { 'app.kubernetes.io/name': shape.name };
  return {
    metadata: {
      name: shape.name,
      namespace: shape.namespace,
      labels,
      ...(shape.changeCause ? { annotations: { 'kubernetes.io/change-cause': shape.changeCause } } : {}),
    },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: shape.name, image: shape.image, resources: { requests: { cpu: '50m', memory: '64Mi', ...shape.requests } }, ...shape.container }],
          ...shape.spec,
        },
      },
      ...(shape.updateStrategy ? { updateStrategy: shape.updateStrategy } : {}),
    },
  };
}

const tolerateEverything = [{ operator: 'Exists' }];

/** The demo DaemonSets: what a platform team runs, each meeting a different kind of node constraint. */
const DEMO_DAEMONSETS: DaemonSetShape[] = [
  { name: 'node-agent', namespace: 'kube-system', image: 'ghcr.io/daemonscope/node-agent:1.8.2', requests: { memory: '512Mi' } },
  { name: 'fluent-bit', namespace: 'logging', image: 'cr.fluentbit.io/fluent/fluent-bit:3.2.4', spec: { tolerations: tolerateEverything } },
  {
    name: 'node-exporter',
    namespace: 'monitoring',
    image: 'quay.io/prometheus/node-exporter:v1.9.0',
    requests: { memory: '32Mi' },
    spec: { hostNetwork: true, hostPID: true, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
    container: { ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }] },
  },
  { name: 'edge-proxy', namespace: 'kube-system', image: 'docker.io/envoyproxy/envoy:v1.33.0', spec: { nodeSelector: { 'node-role': 'edge-gateway' } } },
  {
    name: 'cni-agent',
    namespace: 'kube-system',
    image: 'quay.io/cilium/cilium:v1.16.6',
    spec: { hostNetwork: true, tolerations: tolerateEverything, priorityClassName: 'system-node-critical' },
    updateStrategy: { type: 'OnDelete' },
  },
  {
    name: 'storage-daemon',
    namespace: 'kube-system',
    image: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0',
    requests: { memory: '128Mi' },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'storage.daemonscope.io/disk', operator: 'In', values: ['nvme', 'ssd'] }] }],
          },
        },
      },
    },
  },
  {
    name: 'gpu-device-plugin',
    namespace: 'kube-system',
    image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.0',
    spec: { nodeSelector: { 'nvidia.com/gpu.present': 'true' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
  },
  {
    name: 'metrics-agent',
    namespace: 'monitoring',
    image: 'ghcr.io/daemonscope/metrics-agent:2.3.0',
    requests: { memory: '32Mi' },
    // 2, not 1: its pod on the NotReady node, once deleted, stays Terminating and uses one unit of budget.
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } },
    changeCause: 'kubectl apply --filename=metrics-agent.yaml (2.3.0)',
  },
];

/** Replaces the first container's image of a template. */
const setImage = (image: string) => (template: NonNullable<NonNullable<DaemonSet['spec']>['template']>) => {
  const container = template.spec?.containers?.[0];
  if (container !== undefined) container.image = image;
};

/**
 * The demo scenario: ≈40 nodes and 8 DaemonSets, settled except for the problems it is meant to show —
 * node-agent Pending on the undersized t3.nano, pods kept on the NotReady node, the cni-agent OnDelete
 * rollout half done, and metrics-agent's rollout to a `-broken` image stuck (revision 1 is good).
 */
export function seedDemo(seeder: Seeder, now: number): void {
  for (const namespace of ['logging', 'monitoring']) seeder.namespace(namespace);
  for (const node of demoNodes(rfc3339(now - 86_400_000))) seeder.node(node);
  for (const shape of DEMO_DAEMONSETS) seeder.daemonSet(buildDaemonSet(shape));
  // cni-agent: a new version rolled out by deleting pods node by node, about half way through.
  seeder.rollTemplate('kube-system', 'cni-agent', setImage('quay.io/cilium/cilium:v1.17.1'));
  const cniNodes = [...seeder.store.scan('pods', 'kube-system')]
    .filter((pod) => pod.metadata.name.startsWith('cni-agent-'))
    .map((pod) => (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '')
    .sort();
  seeder.replacePods('kube-system', 'cni-agent', cniNodes.filter((_, i) => i % 2 === 0));
  // metrics-agent: the rollout to 2.4.0-broken starts when the controllers do, and sticks at its first node.
  seeder.rollTemplate('monitoring', 'metrics-agent', setImage('ghcr.io/daemonscope/metrics-agent:2.4.0-broken'), 'kubectl set image daemonset/metrics-agent metrics-agent=ghcr.io/daemonscope/metrics-agent:2.4.0-broken');
}
