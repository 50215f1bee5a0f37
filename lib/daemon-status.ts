/**
 * DaemonSet status as the controller computes it (upstream `updateDaemonSetStatus`), the difference
 * between a reported and an implied status, and the current revision hash.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus, Node, Pod } from './k8s-types';
import { WellKnown } from './k8s-types';
import {
  controllerUid,
  isPodUpdated,
  isTerminalAndDeleting,
  listOf,
  oldestPod,
  readyLongEnough,
  targetNodeName,
  templateGeneration,
  trueReadyCondition,
} from './pod-state';
import { compileEligibility } from './eligibility';
import { revisionMatchesTemplate } from './history';

/** The seven status counters the DaemonSet controller writes. */
export interface DaemonSetCounters {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/** The counter names, in the order `kubectl describe ds` lists them. */
export const COUNTER_FIELDS: readonly (keyof DaemonSetCounters)[] = [
  'desiredNumberScheduled',
  'currentNumberScheduled',
  'numberMisscheduled',
  'numberReady',
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
];

/** A node's eligibility for one DaemonSet: the part the status needs. */
export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/**
 * Eligibility of nodes for one DaemonSet, compiled once (`compileEligibility`); `shouldRun`, when
 * present, answers the first half of the verdict without building one.
 */
export type EligibilityFn = ((node: Node) => NodeVerdict) & {
  readonly shouldRun?: (node: Node) => boolean;
};

/** `eligibility(node).shouldRun` through the allocation-free path when the predicate has one. */
export function shouldRunPredicate(eligibility: EligibilityFn): (node: Node) => boolean {
  return eligibility.shouldRun ?? ((node) => eligibility(node).shouldRun);
}

/** Inputs of {@link computeDaemonSetStatus}; `now` in epoch milliseconds. */
export interface DaemonSetStatusInput {
  daemonSet: DaemonSet;
  nodes: readonly Node[];
  /** Any pods: only those the DaemonSet controls (controller ownerReference uid) are counted. */
  pods: readonly Pod[];
  currentRevisionHash: string | undefined;
  now: number;
  /** Defaults to `compileEligibility(daemonSet)`. */
  eligibility?: EligibilityFn;
}

/**
 * What the status reads from one node, as bits: whether a pod should run there, whether one does,
 * and whether the oldest such pod is ready, available and updated. A small integer instead of an
 * object, so the FleetModel can keep one per cell in a Uint8Array.
 */
export const NodeFlag = {
  ShouldRun: 1,
  Scheduled: 2,
  Ready: 4,
  Available: 8,
  Updated: 16,
} as const;

/** The revision-related inputs shared by every node of one DaemonSet. */
export interface RevisionContext {
  currentHash: string | undefined;
  templateGeneration: string | undefined;
  minReadySeconds: number;
}

/** The revision context of a DaemonSet given its current hash. */
export function revisionContext(daemonSet: DaemonSet, currentHash: string | undefined): RevisionContext {
  const minReadySeconds = daemonSet.spec?.minReadySeconds;
  return {
    currentHash,
    templateGeneration: templateGeneration(daemonSet),
    minReadySeconds: typeof minReadySeconds === 'number' && minReadySeconds > 0 ? minReadySeconds : 0,
  };
}

/** The {@link NodeFlag} bits of one node, given its verdict and the oldest of its daemon pods. */
export function nodeFlags(
  shouldRun: boolean,
  oldest: Pod | undefined,
  context: RevisionContext,
  now: number,
): number {
  let flags = shouldRun ? NodeFlag.ShouldRun : 0;
  if (oldest === undefined) return flags;
  flags |= NodeFlag.Scheduled;
  // One scan of the conditions for both: available is ready for long enough (upstream IsPodAvailable).
  const ready = trueReadyCondition(oldest);
  if (ready !== undefined) {
    flags |= NodeFlag.Ready;
    if (readyLongEnough(ready, context.minReadySeconds, now)) flags |= NodeFlag.Available;
  }
  if (isPodUpdated(oldest, context.currentHash, context.templateGeneration)) flags |= NodeFlag.Updated;
  return flags;
}

/** All-zero counters. */
export function zeroCounters(): DaemonSetCounters {
  return {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
}

/**
 * Adds the share of `times` nodes with these flags to the counters (upstream's loop body in
 * `updateDaemonSetStatus`; -1 removes one); numberUnavailable is kept as desired − available, as
 * upstream derives it.
 */
export function addNodeToCounters(counters: DaemonSetCounters, flags: number, times = 1): void {
  const sign = times;
  const scheduled = (flags & NodeFlag.Scheduled) !== 0;
  if (flags & NodeFlag.ShouldRun) {
    counters.desiredNumberScheduled += sign;
    if (scheduled) {
      counters.currentNumberScheduled += sign;
      if (flags & NodeFlag.Ready) counters.numberReady += sign;
      if (flags & NodeFlag.Available) counters.numberAvailable += sign;
      if (flags & NodeFlag.Updated) counters.updatedNumberScheduled += sign;
    }
  } else if (scheduled) {
    counters.numberMisscheduled += sign;
  }
  counters.numberUnavailable = counters.desiredNumberScheduled - counters.numberAvailable;
}

/** The DaemonSet's pods that the status counts, grouped by target node name. */
function daemonPodsByNode(daemonSet: DaemonSet, pods: readonly Pod[]): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  // `isDaemonPodOf`'s test, with the DaemonSet's uid read once instead of once per pod.
  const uid = daemonSet.metadata?.uid;
  if (!uid) return byNode;
  for (const pod of pods) {
    if (controllerUid(pod) !== uid || isTerminalAndDeleting(pod)) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = byNode.get(node);
    if (list) list.push(pod);
    else byNode.set(node, [pod]);
  }
  return byNode;
}

/** The seven counters exactly as upstream `updateDaemonSetStatus` computes them (§2 of k8s-semantics). */
export function computeDaemonSetStatus(input: DaemonSetStatusInput): DaemonSetCounters {
  const { daemonSet, nodes, now } = input;
  const eligibility = input.eligibility ?? compileEligibility(daemonSet);
  const context = revisionContext(daemonSet, input.currentRevisionHash);
  const byNode = daemonPodsByNode(daemonSet, input.pods);
  const counters = zeroCounters();
  // Only nodes in the node list are visited: pods pointing at deleted nodes count nowhere.
  for (const node of nodes) {
    const pods = byNode.get(node.metadata?.name ?? '') ?? [];
    addNodeToCounters(counters, nodeFlags(eligibility(node).shouldRun, oldestPod(pods), context, now));
  }
  return counters;
}

/** One counter whose reported value differs from the implied one. */
export interface StatusDifference {
  field: keyof DaemonSetCounters;
  /** Undefined when the reported status lacks the field (the API omits zero values). */
  reported: number | undefined;
  implied: number;
}

/**
 * The counters where the reported status differs from the implied one; a missing reported field is
 * read as upstream reads it, as zero.
 */
export function statusDifferences(
  reported: DaemonSetStatus | undefined,
  implied: DaemonSetCounters,
): StatusDifference[] {
  const differences: StatusDifference[] = [];
  for (const field of COUNTER_FIELDS) {
    const value = reported?.[field];
    if ((value ?? 0) !== implied[field])
      differences.push({ field, reported: value, implied: implied[field] });
  }
  return differences;
}

/** The DaemonSet's current ControllerRevision and its hash; both undefined when none matches. */
export interface CurrentRevision {
  revision: ControllerRevision | undefined;
  hash: string | undefined;
}

/**
 * The DaemonSet's current ControllerRevision: one it controls whose data matches the template
 * (upstream `dsc.constructHistory`); with duplicates, the one with the highest revision number.
 */
export function currentRevisionOf(
  daemonSet: DaemonSet,
  revisions: readonly ControllerRevision[],
): CurrentRevision {
  const uid = daemonSet.metadata?.uid;
  let current: ControllerRevision | undefined;
  for (const revision of revisions) {
    const owner = listOf(revision.metadata?.ownerReferences).find(
      (reference) => reference?.controller === true,
    );
    if (!uid || owner?.uid !== uid || !revisionMatchesTemplate(daemonSet, revision)) continue;
    if (current === undefined || (revision.revision ?? 0) > (current.revision ?? 0)) current = revision;
  }
  return { revision: current, hash: current === undefined ? undefined : revisionHash(current, daemonSet) };
}

/** The `controller-revision-hash` of the DaemonSet's current ControllerRevision (see {@link currentRevisionOf}). */
export function currentRevisionHash(
  daemonSet: DaemonSet,
  revisions: readonly ControllerRevision[],
): string | undefined {
  return currentRevisionOf(daemonSet, revisions).hash;
}

/** A revision's hash: its label, else the name's suffix after `<dsName>-` (how upstream names it). */
export function revisionHash(revision: ControllerRevision, daemonSet: DaemonSet): string | undefined {
  const label = revision.metadata?.labels?.[WellKnown.controllerRevisionHash];
  if (label) return label;
  const prefix = `${daemonSet.metadata?.name ?? ''}-`;
  const name = revision.metadata?.name ?? '';
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : undefined;
}
