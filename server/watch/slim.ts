import 'server-only';
import {
  WellKnown,
  type ControllerRevision,
  type DaemonSet,
  type KubeEvent,
  type Node,
  type ObjectMeta,
  type Pod,
} from '@/lib/k8s-types';
import { PodProjector } from '@/lib/pod-projection';

/**
 * Objects are slimmed once, on arrival, to the fields lib/ reads. At 65,000 nodes the dropped parts
 * (managedFields, node images, pod volumes and env, heartbeat times) are most of the bytes.
 */

type Json = Record<string, unknown>;

/** Annotations lib/ and the detail views read; every other annotation is dropped. */
const KEPT_ANNOTATIONS: readonly string[] = [
  WellKnown.lastApplied,
  WellKnown.changeCause,
  WellKnown.templateGeneration,
  WellKnown.pausedRollingUpdate,
  WellKnown.restartedAt,
];

const asRecord = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

function pick<T>(source: Json | undefined, keys: readonly string[]): T {
  const out: Json = {};
  if (source === undefined) return out as T;
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out as T;
}

/** metadata without managedFields and without annotations lib/ does not read. */
export function slimMeta(value: unknown, keepLabels = true): ObjectMeta {
  const meta = asRecord(value);
  const keys = ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'ownerReferences'];
  const out = pick<ObjectMeta>(meta, keepLabels ? [...keys, 'labels'] : keys);
  const annotations = asRecord(meta?.annotations);
  if (annotations !== undefined) {
    const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => KEPT_ANNOTATIONS.includes(key)));
    if (Object.keys(kept).length > 0) out.annotations = kept as Record<string, string>;
  }
  return out;
}

/** A node: labels, taints, conditions (without heartbeats), capacity, allocatable, nodeInfo, addresses. */
export function slimNode(value: unknown): Node {
  const node = asRecord(value);
  const status = asRecord(node?.status);
  const conditions = Array.isArray(status?.conditions) ? status.conditions : undefined;
  return {
    metadata: slimMeta(node?.metadata),
    spec: pick(asRecord(node?.spec), ['taints', 'unschedulable', 'providerID']),
    status: {
      ...pick<NonNullable<Node['status']>>(status, ['capacity', 'allocatable', 'nodeInfo', 'addresses']),
      // Heartbeats change every few seconds on every node and say nothing about DaemonSets.
      ...(conditions === undefined
        ? {}
        : { conditions: conditions.map((c) => pick(asRecord(c), ['type', 'status', 'reason', 'message', 'lastTransitionTime'])) }),
    },
  };
}

/** A DaemonSet: its spec is kept whole (the template is diffed and compared with revisions). */
export function slimDaemonSet(value: unknown): DaemonSet {
  const ds = asRecord(value);
  return {
    metadata: slimMeta(ds?.metadata),
    spec: asRecord(ds?.spec) as DaemonSet['spec'],
    status: asRecord(ds?.status) as DaemonSet['status'],
  };
}

/**
 * Every cluster's pods go through one projector, so pods of several clusters share strings (node
 * names, namespaces, timestamps) as well.
 */
const podProjector = new PodProjector();

/** A daemon pod as lib/ and the detail views read it; see lib/pod-projection.ts. */
export function slimPod(value: unknown): Pod {
  return podProjector.project(value);
}

/** A ControllerRevision: its number, its data (the template patch) and the annotations copied from the DS. */
export function slimControllerRevision(value: unknown): ControllerRevision {
  const revision = asRecord(value);
  return {
    metadata: slimMeta(revision?.metadata),
    data: revision?.data,
    revision: typeof revision?.revision === 'number' ? revision.revision : undefined,
  };
}

/** An Event as the detail views show it. */
export function slimEvent(value: unknown): KubeEvent {
  const event = asRecord(value);
  return {
    metadata: slimMeta(event?.metadata, false),
    ...pick<KubeEvent>(event, ['involvedObject', 'reason', 'message', 'type', 'count', 'firstTimestamp', 'lastTimestamp', 'eventTime', 'source']),
  };
}

/** Whether a pod is controlled by a DaemonSet; the API offers no server-side filter on owners. */
export function isDaemonSetOwned(pod: Pod): boolean {
  const owners = pod.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some((ref) => ref?.kind === 'DaemonSet' && ref.controller === true);
}
