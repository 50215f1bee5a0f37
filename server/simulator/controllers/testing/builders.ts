import 'server-only';
import type { DaemonSet, Node, NodeCondition, Pod, PodSpec, Taint, Toleration } from '@/lib/k8s-types';
import { targetNodeName } from '@/lib/pod-state';
import { createClock, type SimClock } from '../../clock';
import { createStore, type SimStore } from '../../store';
import type { KObject } from '../../store-types';
import { startControlPlane, type ControlPlane } from '../control-plane';
import { toStored } from '../objects';

/** A node for tests: labels, taints, conditions and allocatable as given, otherwise bare. */
export function makeNode(
  name: string,
  options: { labels?: Record<string, string>; taints?: Taint[]; conditions?: NodeCondition[]; allocatable?: Record<string, string>; unschedulable?: boolean } = {},
): KObject {
  const node: Node = {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: { ...(options.taints ? { taints: options.taints } : {}), ...(options.unschedulable ? { unschedulable: true } : {}) },
    status: { ...(options.conditions ? { conditions: options.conditions } : {}), ...(options.allocatable ? { allocatable: options.allocatable } : {}) },
  };
  return toStored(node);
}

/** A taint for tests. */
export const taint = (key: string, effect: string, value?: string): Taint => ({ key, effect, ...(value === undefined ? {} : { value }) });

/** A DaemonSet for tests in kube-system, selecting `app=<name>`. */
export function makeDaemonSet(
  name: string,
  options: {
    image?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    strategy?: NonNullable<DaemonSet['spec']>['updateStrategy'];
    minReadySeconds?: number;
    spec?: Partial<PodSpec>;
    revisionHistoryLimit?: number;
  } = {},
): KObject {
  const daemonSet: DaemonSet = {
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image: options.image ?? `registry.example/${name}:1.0` }],
          ...(options.nodeSelector ? { nodeSelector: options.nodeSelector } : {}),
          ...(options.tolerations ? { tolerations: options.tolerations } : {}),
          ...options.spec,
        },
      },
      ...(options.strategy ? { updateStrategy: options.strategy } : {}),
      ...(options.minReadySeconds ? { minReadySeconds: options.minReadySeconds } : {}),
      ...(options.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: options.revisionHistoryLimit } : {}),
    },
  };
  return toStored(daemonSet);
}

/** A store, a manual clock and the control plane over them, with short kubelet steps. */
export interface TestCluster {
  store: SimStore;
  clock: SimClock;
  plane: ControlPlane;
}

/** Starts a deterministic cluster: nothing happens until the test settles or advances it. */
export function startTestCluster(): TestCluster {
  const clock = createClock({ manual: true, start: Date.parse('2026-01-01T00:00:00Z') });
  const store = createStore({ clock });
  const plane = startControlPlane({ store, clock, auto: false, kubelet: { startMs: 1_000, readyMs: 1_000, terminationMs: 1_000, pullBackoffMs: 2_000, crashRunMs: 1_000 } });
  return { store, clock, plane };
}

/** The DaemonSet as stored now. */
export function getDaemonSet(store: SimStore, name: string): DaemonSet {
  const found = store.get('daemonsets', 'kube-system', name);
  if (found === undefined) throw new Error(`daemonset ${name} not found`);
  return found as unknown as DaemonSet;
}

/** Every pod the DaemonSet controls, as stored now. */
export function podsOf(store: SimStore, name: string): Pod[] {
  const uid = getDaemonSet(store, name).metadata?.uid;
  return store
    .list('pods', 'kube-system')
    .items.map((item) => item as unknown as Pod)
    .filter((pod) => pod.metadata?.ownerReferences?.some((ref) => ref.uid === uid && ref.controller === true));
}

/** `node=image` of each live (not terminating) pod of the DaemonSet, sorted. */
export function placement(store: SimStore, name: string): string[] {
  return podsOf(store, name)
    .filter((pod) => !pod.metadata?.deletionTimestamp)
    .map((pod) => `${targetNodeName(pod) ?? '?'}=${pod.spec?.containers?.[0]?.image ?? ''}`)
    .sort();
}

/** Replaces the DaemonSet's first container image, as `kubectl set image` does. */
export function setImage(store: SimStore, name: string, image: string): void {
  const daemonSet = structuredClone(getDaemonSet(store, name));
  const container = daemonSet.spec?.template?.spec?.containers?.[0];
  if (container === undefined) throw new Error('no container');
  container.image = image;
  store.update('daemonsets', toStored(daemonSet));
}

/** Changes a node through `edit`, as kubectl label/taint/cordon do (or its status, as its kubelet does). */
export function editNode(store: SimStore, name: string, edit: (node: Node) => void, subresource?: 'status'): void {
  const found = store.get('nodes', undefined, name);
  if (found === undefined) throw new Error(`node ${name} not found`);
  const node = found as unknown as Node;
  edit(node);
  store.update('nodes', toStored(node), subresource ? { subresource } : undefined);
}
