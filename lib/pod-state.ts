/**
 * What the DaemonSet controller reads from one daemon pod: its target node, readiness, availability,
 * revision, and — ours, for the grid — why it is failing.
 * Times are epoch milliseconds; `now` is always a parameter (lib/ never reads a clock).
 */
import { WellKnown, type ContainerStatus, type DaemonSet, type Pod, type PodCondition } from './k8s-types';

/** Why a pod cannot make progress, for the Failing cell and the "why" panel. */
export interface PodFailure {
  reason: string;
  message: string;
}

/** Container waiting reasons that mean the pod will not become ready without someone's help. */
const FAILING_WAITING_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'InvalidImageName',
]);

/** Go's zero `metav1.Time` sorts before every real timestamp; a missing or malformed one behaves so. */
const ZERO_TIME = Number.NEGATIVE_INFINITY;

/** Parsed timestamps: fleets share few distinct seconds, and Date.parse dominates a full rebuild. */
const parsedTimestamps = new Map<string, number>();
const PARSED_TIMESTAMPS_MAX = 8192;
let lastTimestamp = '';
let lastTimestampMs = ZERO_TIME;

/** A list field as a list: malformed input (null, an object, a string) reads as empty. */
export function listOf<T>(value: readonly T[] | null | undefined): readonly (T | null | undefined)[] {
  return Array.isArray(value) ? value : [];
}

/** Epoch milliseconds of an RFC 3339 timestamp; the zero time when missing or malformed. */
export function timestampMs(timestamp: string | undefined): number {
  if (timestamp === undefined || timestamp === '') return ZERO_TIME;
  // Pods written together share their timestamps: a run of one string skips the map.
  if (timestamp === lastTimestamp) return lastTimestampMs;
  let ms = parsedTimestamps.get(timestamp);
  if (ms === undefined) {
    const parsed = Date.parse(timestamp);
    ms = Number.isNaN(parsed) ? ZERO_TIME : parsed;
    if (parsedTimestamps.size >= PARSED_TIMESTAMPS_MAX) parsedTimestamps.clear();
    parsedTimestamps.set(timestamp, ms);
  }
  lastTimestamp = timestamp;
  lastTimestampMs = ms;
  return ms;
}

/**
 * The node a daemon pod is meant for (upstream `util.GetTargetNodeName`): `spec.nodeName`, otherwise
 * the first required-affinity `matchFields` `metadata.name In` entry, which must hold exactly one value.
 * Undefined when the pod cannot be placed; the controller ignores such pods.
 */
export function targetNodeName(pod: Pod): string | undefined {
  const nodeName = pod.spec?.nodeName;
  if (nodeName && typeof nodeName === 'string') return nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of listOf(terms)) {
    for (const field of listOf(term?.matchFields)) {
      if (field?.key !== 'metadata.name' || field.operator !== 'In') continue;
      // Upstream stops at the first metadata.name In entry: a second value makes the pod unplaceable.
      const values = listOf(field.values);
      const only = values[0];
      return values.length === 1 && typeof only === 'string' ? only : undefined;
    }
  }
  return undefined;
}

/** The pod's condition of the given type, if any (a plain loop: this runs once per cell of a rebuild). */
function podCondition(pod: Pod, type: string): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!Array.isArray(conditions)) return undefined;
  for (const condition of conditions) if (condition?.type === type) return condition;
  return undefined;
}

/** Whether the pod's Ready condition is True (upstream `podutil.IsPodReady`; phase is not consulted). */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * Whether the pod has been Ready for at least `minReadySeconds` at `now` (upstream
 * `podutil.IsPodAvailable`, with the inclusive boundary of current releases).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = trueReadyCondition(pod);
  return ready !== undefined && readyLongEnough(ready, minReadySeconds, now);
}

/** The pod's Ready condition when it is True, else undefined: one scan for readiness and availability. */
export function trueReadyCondition(pod: Pod): PodCondition | undefined {
  const ready = podCondition(pod, 'Ready');
  return ready?.status === 'True' ? ready : undefined;
}

/** Whether a True Ready condition has held for `minReadySeconds` at `now` (the rest of `isPodAvailable`). */
export function readyLongEnough(ready: PodCondition, minReadySeconds: number, now: number): boolean {
  if (!(minReadySeconds > 0)) return true;
  const since = timestampMs(ready.lastTransitionTime);
  return since !== ZERO_TIME && since + minReadySeconds * 1000 <= now;
}

/**
 * The instant a Ready pod becomes available, for re-checking it later; undefined when it never will by
 * waiting alone (not ready, or no usable transition time) or when it already is.
 */
export function availableAt(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True' || !(minReadySeconds > 0)) return undefined;
  const since = timestampMs(ready.lastTransitionTime);
  if (since === ZERO_TIME) return undefined;
  const at = since + minReadySeconds * 1000;
  return at > now ? at : undefined;
}

/** The first container in the list stuck in a waiting reason that needs intervention. */
function stuckContainer(statuses: readonly ContainerStatus[] | null | undefined): PodFailure | undefined {
  if (!Array.isArray(statuses)) return undefined;
  for (const status of statuses) {
    const waiting = status?.state?.waiting;
    if (waiting?.reason !== undefined && FAILING_WAITING_REASONS.has(waiting.reason)) {
      const container = status.name ? `container ${status.name}: ` : '';
      return { reason: waiting.reason, message: `${container}${waiting.message ?? waiting.reason}` };
    }
  }
  return undefined;
}

/**
 * Why the pod is failing, or undefined: a container stuck pulling its image, crash-looping or
 * misconfigured; phase Failed; or a Pending pod the scheduler rejected (PodScheduled=False, e.g.
 * "0/1 nodes are available: 1 Insufficient memory.").
 */
export function podFailure(pod: Pod): PodFailure | undefined {
  const status = pod.status;
  const phase = status?.phase;
  if (phase === 'Failed') {
    return { reason: status?.reason || 'Failed', message: status?.message || 'pod phase is Failed' };
  }
  // Init containers run first, so a stuck one is the cause.
  const stuck = stuckContainer(status?.initContainerStatuses) ?? stuckContainer(status?.containerStatuses);
  if (stuck) return stuck;
  // Only a pod not yet running can be unschedulable: skip the condition scan for the rest (once per
  // cell of a rebuild).
  if (phase !== 'Pending' && phase !== undefined) return undefined;
  const scheduled = podCondition(pod, 'PodScheduled');
  if (scheduled?.status === 'False') {
    return {
      reason: scheduled.reason || 'Unschedulable',
      message: scheduled.message || 'pod cannot be scheduled',
    };
  }
  return undefined;
}

/**
 * The DaemonSet's template generation (annotation `deprecated.daemonset.template.generation`), as
 * the decimal string pods carry in `pod-template-generation`; undefined when absent or not an integer.
 */
export function templateGeneration(daemonSet: DaemonSet): string | undefined {
  const value = daemonSet.metadata?.annotations?.[WellKnown.templateGeneration];
  if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value.trim())) return undefined;
  // Upstream parses to int64 and prints it back, so "+07" and "7" are the same generation.
  return BigInt(value.trim()).toString();
}

/**
 * Whether the pod runs the DaemonSet's current template (upstream `util.IsPodUpdated`): its
 * `controller-revision-hash` equals the current hash, or its `pod-template-generation` equals the
 * template generation.
 */
export function isPodUpdated(
  pod: Pod,
  currentHash: string | undefined,
  generation: string | undefined,
): boolean {
  const labels = pod.metadata?.labels;
  // The hash matches for almost every pod: the generation label is read only when it does not.
  if (!!currentHash && labels?.[WellKnown.controllerRevisionHash] === currentHash) return true;
  return generation !== undefined && labels?.[WellKnown.podTemplateGeneration] === generation;
}

/**
 * Sort order of the status computation (upstream `podByCreationTimestampAndPhase`): pods bound to a
 * node first, then older `creationTimestamp`, then name. The first pod is "the oldest".
 */
export function comparePodsForStatus(a: Pod, b: Pod): number {
  const aBound = !!a.spec?.nodeName;
  const bBound = !!b.spec?.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const aTime = timestampMs(a.metadata?.creationTimestamp);
  const bTime = timestampMs(b.metadata?.creationTimestamp);
  if (aTime !== bTime) return aTime < bTime ? -1 : 1;
  const aName = a.metadata?.name ?? '';
  const bName = b.metadata?.name ?? '';
  return aName < bName ? -1 : aName > bName ? 1 : 0;
}

/** The first pod in status order, without sorting a copy. */
export function oldestPod<P extends Pod>(pods: readonly P[]): P | undefined {
  let oldest: P | undefined;
  for (const pod of pods) if (oldest === undefined || comparePodsForStatus(pod, oldest) < 0) oldest = pod;
  return oldest;
}

/** Whether the pod is terminal (Succeeded or Failed) and being deleted: the status computation drops it. */
export function isTerminalAndDeleting(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return (phase === 'Succeeded' || phase === 'Failed') && !!pod.metadata?.deletionTimestamp;
}

/** The uid of the pod's controller ownerReference, if it has one. */
export function controllerUid(pod: Pod): string | undefined {
  const owners = pod.metadata?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  for (const owner of owners) if (owner?.controller === true) return owner.uid || undefined;
  return undefined;
}

/** Whether the DaemonSet is the pod's controller (a controller ownerReference carrying its uid). */
export function isDaemonPodOf(pod: Pod, daemonSet: DaemonSet): boolean {
  const uid = daemonSet.metadata?.uid;
  return !!uid && controllerUid(pod) === uid;
}
