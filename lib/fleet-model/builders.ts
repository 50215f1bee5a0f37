/**
 * Small builders of slim wire objects (nodes, DaemonSets, daemon pods, ControllerRevisions) for the
 * scale fixture and for tests, so neither writes 40-line literals.
 */
import {
  WellKnown,
  type ControllerRevision,
  type DaemonSet,
  type Node,
  type Pod,
  type Taint,
  type Toleration,
} from '../k8s-types';

/** Options of {@link makeNode}. */
export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A node with the given name, labels and taints. */
export function makeNode(name: string, options: NodeOptions = {}): Node {
  return {
    metadata: { name, uid: `node-${name}`, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: { taints: options.taints ?? [] },
  };
}

/** A taint with the given key and effect (and optional value). */
export function taint(key: string, effect: string, value?: string): Taint {
  return value === undefined ? { key, effect } : { key, value, effect };
}

/** Options of {@link makeDaemonSet}. */
export interface DaemonSetOptions {
  namespace?: string;
  uid?: string;
  generation?: number;
  templateGeneration?: number;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  image?: string;
  minReadySeconds?: number;
  updateStrategy?: NonNullable<DaemonSet['spec']>['updateStrategy'];
  status?: DaemonSet['status'];
}

/** A DaemonSet whose selector and template label are `app: <name>`. */
export function makeDaemonSet(name: string, options: DaemonSetOptions = {}): DaemonSet {
  const generation = options.generation ?? 1;
  return {
    metadata: {
      name,
      namespace: options.namespace ?? 'kube-system',
      uid: options.uid ?? `ds-${name}`,
      generation,
      annotations: { [WellKnown.templateGeneration]: String(options.templateGeneration ?? generation) },
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          nodeSelector: options.nodeSelector,
          tolerations: options.tolerations,
          containers: [{ name, image: options.image ?? `registry.example/${name}:1` }],
        },
      },
      updateStrategy: options.updateStrategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1 },
      },
      minReadySeconds: options.minReadySeconds ?? 0,
    },
    status: options.status ?? {},
  };
}

/** Options of {@link makeDaemonPod}. */
export interface DaemonPodOptions {
  name?: string;
  /** The `controller-revision-hash` label. */
  hash?: string;
  /** The `pod-template-generation` label. */
  templateGeneration?: number;
  /** Ready condition True since this RFC 3339 time; omitted: not ready. */
  readySince?: string;
  created?: string;
  phase?: string;
  /** A deletionTimestamp. */
  deleting?: boolean;
  /** Whether the scheduler has bound it (spec.nodeName); otherwise only pinned by affinity. */
  bound?: boolean;
  /** A waiting reason of its container, e.g. ImagePullBackOff. */
  waiting?: string;
}

/** A daemon pod of `daemonSet`, pinned to `nodeName` the way the controller pins it. */
export function makeDaemonPod(daemonSet: DaemonSet, nodeName: string, options: DaemonPodOptions = {}): Pod {
  const dsName = daemonSet.metadata?.name ?? 'ds';
  const name = options.name ?? `${dsName}-${nodeName}`;
  const labels: Record<string, string> = { app: dsName };
  if (options.hash !== undefined) labels[WellKnown.controllerRevisionHash] = options.hash;
  if (options.templateGeneration !== undefined)
    labels[WellKnown.podTemplateGeneration] = String(options.templateGeneration);
  const ready = options.readySince !== undefined;
  return {
    metadata: {
      name,
      namespace: daemonSet.metadata?.namespace ?? 'kube-system',
      uid: `pod-${name}`,
      labels,
      creationTimestamp: options.created ?? '2026-01-01T00:00:00Z',
      deletionTimestamp: options.deleting ? '2026-01-02T00:00:00Z' : undefined,
      ownerReferences: [{ kind: 'DaemonSet', name: dsName, uid: daemonSet.metadata?.uid, controller: true }],
    },
    spec: {
      nodeName: options.bound === false ? undefined : nodeName,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
            ],
          },
        },
      },
    },
    status: {
      phase: options.phase ?? (ready ? 'Running' : 'Pending'),
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: options.readySince },
      ],
      containerStatuses: options.waiting
        ? [{ name: dsName, state: { waiting: { reason: options.waiting } } }]
        : [],
    },
  };
}

/** A ControllerRevision of `daemonSet` holding its current template, named `<ds>-<hash>`. */
export function makeRevision(daemonSet: DaemonSet, hash: string, revision: number): ControllerRevision {
  const dsName = daemonSet.metadata?.name ?? 'ds';
  return {
    metadata: {
      name: `${dsName}-${hash}`,
      namespace: daemonSet.metadata?.namespace,
      uid: `rev-${dsName}-${hash}`,
      labels: { app: dsName, [WellKnown.controllerRevisionHash]: hash },
      ownerReferences: [{ kind: 'DaemonSet', name: dsName, uid: daemonSet.metadata?.uid, controller: true }],
    },
    data: { spec: { template: { $patch: 'replace', ...daemonSet.spec?.template } } },
    revision,
  };
}
