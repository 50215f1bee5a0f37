import 'server-only';
import { computeDaemonSetStatus, COUNTER_FIELDS, revisionContext, type DaemonSetCounters, type EligibilityFn, type NodeVerdict, type RevisionContext } from '@/lib/daemon-status';
import { compileEligibility } from '@/lib/eligibility';
import { scaledValueFromIntOrPercent } from '@/lib/intstr';
import { WellKnown, type DaemonSet, type Node, type Pod } from '@/lib/k8s-types';
import { labelSelectorAsSelector, type Selector } from '@/lib/label-selector';
import { availableAt, isPodAvailable, isPodReady, isPodUpdated, targetNodeName } from '@/lib/pod-state';
import { planRollingUpdate, type RollingUpdateNode } from '@/lib/rolling-update';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { ClusterCache } from './cluster-cache';
import { cleanupHistory, syncHistory } from './daemon-history';
import { planManage, type ManageNode } from './daemon-manage';
import { createPodWriter, type FailedPodBackoff, type PodWriter } from './daemon-pod-writer';
import type { EventRecorder } from './events';
import { clone, objectKey, toStored, tryWrite } from './objects';

/** What one DaemonSet sync reads and writes through. */
export interface SyncDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  events: EventRecorder;
  backoff: FailedPodBackoff;
}

/** What a sync asks of its queue afterwards: nothing, at once, or after a delay (simulated ms). */
export type Requeue = { after: number } | undefined;

/** One DaemonSet's view during a sync: nodes, memoised eligibility, revision, pods by target node. */
interface SyncScope {
  key: string;
  daemonSet: DaemonSet;
  nodes: readonly Node[];
  eligibility: EligibilityFn;
  revision: RevisionContext;
  writer: PodWriter;
}

/** Pods grouped by target node; pods that cannot be placed are dropped. */
function groupByNode(pods: readonly Pod[]): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = byNode.get(node);
    if (list) list.push(pod);
    else byNode.set(node, [pod]);
  }
  return byNode;
}

/** Eligibility evaluated once per node per sync: manage, rolling update and status all ask. */
function memoize(eligibility: EligibilityFn): EligibilityFn {
  const verdicts = new Map<Node, NodeVerdict>();
  return (node) => {
    let verdict = verdicts.get(node);
    if (verdict === undefined) verdicts.set(node, (verdict = eligibility(node)));
    return verdict;
  };
}

/** Upstream `AllowsSurge`: RollingUpdate with a maxSurge that is non-zero scaled against 1 (rounded down). */
export function allowsSurge(daemonSet: DaemonSet): boolean {
  const strategy = daemonSet.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  try {
    return scaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? 0, 1, false) > 0;
  } catch {
    return false;
  }
}

const isUpdated = (pod: Pod, revision: RevisionContext): boolean => isPodUpdated(pod, revision.currentHash, revision.templateGeneration);

/** Upstream `manage`: one pod per eligible node; extras, failed and ineligible pods deleted. */
function manage(deps: SyncDeps, scope: SyncScope, requeue: (after: number) => void): void {
  const { daemonSet, nodes, revision, writer } = scope;
  const byNode = groupByNode(deps.cache.podsControlledBy(daemonSet.metadata?.uid ?? ''));
  const manageNodes: ManageNode[] = nodes.map((node) => {
    const name = node.metadata?.name ?? '';
    const verdict = scope.eligibility(node);
    return { name, shouldRun: verdict.shouldRun, shouldContinueRunning: verdict.shouldContinueRunning, pods: byNode.get(name) ?? [] };
  });
  const plan = planManage(manageNodes, {
    allowsSurge: allowsSurge(daemonSet),
    // Upstream's surge branch compares the hash label alone (not pod-template-generation).
    isUpdated: (pod) => pod.metadata?.labels?.[WellKnown.controllerRevisionHash] === revision.currentHash,
    minReadySeconds: revision.minReadySeconds,
    now: deps.clock.now(),
    mayDeleteFailed: (node) => {
      const decision = deps.backoff.next(scope.key, node);
      if (!decision.allowed) requeue(decision.waitMs);
      return decision.allowed;
    },
  });
  const involved = { kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata };
  for (const { pod, node } of plan.failed) deps.events.record(involved, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${objectKey(pod)} on node ${node}, will try to kill it`);
  for (const { pod, node } of plan.succeeded) deps.events.record(involved, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${objectKey(pod)} on node ${node}, will try to delete it`);
  // Upstream `getUnscheduledPodsWithoutNode`: pending pods pinned to a node that is gone.
  const existing = new Set(nodes.map((node) => node.metadata?.name ?? ''));
  const orphans = [...byNode.entries()].filter(([node]) => !existing.has(node)).flatMap(([, pods]) => pods);
  const toDelete = [...plan.delete, ...orphans.filter((pod) => !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp)];
  for (const node of plan.createOn) if (!writer.create(node)) break;
  for (const pod of toDelete) if (!writer.remove(pod)) break;
}

/** Upstream `rollingUpdate`: planned by lib/rolling-update, executed here. */
function rollingUpdate(deps: SyncDeps, scope: SyncScope): void {
  const { daemonSet, revision, writer } = scope;
  const byNode = groupByNode(deps.cache.podsControlledBy(daemonSet.metadata?.uid ?? ''));
  const now = deps.clock.now();
  const state = (pod: Pod) => ({ ready: isPodReady(pod), available: isPodAvailable(pod, revision.minReadySeconds, now), terminating: !!pod.metadata?.deletionTimestamp });
  const planNodes: RollingUpdateNode[] = [];
  for (const node of scope.nodes) {
    const name = node.metadata?.name ?? '';
    const pods = byNode.get(name) ?? [];
    const shouldRun = scope.eligibility(node).shouldRun;
    if (!shouldRun && pods.length === 0) continue;
    planNodes.push({ name, shouldRun, oldPods: pods.filter((p) => !isUpdated(p, revision)).map(state), newPods: pods.filter((p) => isUpdated(p, revision)).map(state) });
  }
  const budgets = daemonSet.spec?.updateStrategy?.rollingUpdate;
  const plan = planRollingUpdate({ maxSurge: budgets?.maxSurge, maxUnavailable: budgets?.maxUnavailable, nodes: planNodes });
  for (const node of plan.deleteOldOn) {
    for (const pod of byNode.get(node) ?? []) if (!pod.metadata?.deletionTimestamp && !isUpdated(pod, revision)) writer.remove(pod);
  }
  for (const node of plan.createNewOn) if (!writer.create(node)) break;
}

/** Whether the stored status already says what this sync computed (upstream skips the write then). */
function statusCurrent(daemonSet: DaemonSet, counters: DaemonSetCounters): boolean {
  const status = daemonSet.status ?? {};
  if (COUNTER_FIELDS.some((field) => (status[field] ?? 0) !== counters[field])) return false;
  return (status.observedGeneration ?? 0) >= (daemonSet.metadata?.generation ?? 0);
}

/** Upstream `updateDaemonSetStatus`; returns when to look again because a Ready pod turns available. */
function writeStatus(deps: SyncDeps, scope: SyncScope, daemonSet: DaemonSet): number | undefined {
  const pods = deps.cache.podsControlledBy(daemonSet.metadata?.uid ?? '');
  const now = deps.clock.now();
  const counters = computeDaemonSetStatus({ daemonSet, nodes: scope.nodes, pods, currentRevisionHash: scope.revision.currentHash, now, eligibility: scope.eligibility });
  if (!statusCurrent(daemonSet, counters)) {
    const updated = clone(daemonSet);
    updated.status = { ...updated.status, ...counters, observedGeneration: daemonSet.metadata?.generation ?? 0 };
    tryWrite(() => deps.store.update('daemonsets', toStored(updated), { subresource: 'status' }));
  }
  let soonest: number | undefined;
  for (const pod of pods) {
    const at = availableAt(pod, scope.revision.minReadySeconds, now);
    if (at !== undefined && (soonest === undefined || at < soonest)) soonest = at;
  }
  return soonest === undefined ? undefined : soonest - now;
}

/**
 * The DaemonSet's parsed selector, or undefined when it fails to parse or selects everything (upstream
 * then only warns `SelectingAll` and does nothing else).
 */
function usableSelector(deps: SyncDeps, daemonSet: DaemonSet): Selector | undefined {
  const selector = labelSelectorAsSelector(daemonSet.spec?.selector);
  if (!selector.ok) return undefined;
  if (selector.value.matchesNothing || selector.value.requirements.length > 0) return selector.value;
  const message = 'This daemon set is selecting all pods. A non-empty selector is required.';
  deps.events.record({ kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata }, 'Warning', 'SelectingAll', message);
  return undefined;
}

/**
 * Upstream `ClaimPods` / `ClaimControllerRevisions` (adoption half): pods and revisions in the namespace
 * that match the selector and have no controller become this DaemonSet's, e.g. after
 * `kubectl delete ds --cascade=orphan` and a re-create.
 */
function adoptOrphans(deps: SyncDeps, daemonSet: DaemonSet, selector: Selector): void {
  const namespace = daemonSet.metadata?.namespace ?? '';
  const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: daemonSet.metadata?.name, uid: daemonSet.metadata?.uid, controller: true, blockOwnerDeletion: true };
  const candidates = [
    ...deps.cache.orphanPods(namespace).map((object) => ({ kind: 'pods' as const, object })),
    ...deps.cache.orphanRevisions(namespace).map((object) => ({ kind: 'controllerrevisions' as const, object })),
  ];
  for (const { kind, object } of candidates) {
    if (object.metadata?.deletionTimestamp || !selector.matches(object.metadata?.labels)) continue;
    const adopted = clone(object);
    adopted.metadata = { ...adopted.metadata, ownerReferences: [...(adopted.metadata?.ownerReferences ?? []), owner] };
    tryWrite(() => deps.store.update(kind, toStored(adopted)));
  }
}

/**
 * Upstream `syncDaemonSet` for one key: history → manage → rolling update (RollingUpdate only) →
 * history cleanup → status. Returns when the queue should bring the key back.
 */
export function syncDaemonSet(deps: SyncDeps, key: string): Requeue {
  const found = deps.cache.daemonSets.get(key);
  if (found === undefined || found.metadata?.deletionTimestamp) return undefined;
  const selector = usableSelector(deps, found);
  if (selector === undefined) return undefined;
  adoptOrphans(deps, found, selector);
  const uid = found.metadata?.uid ?? '';
  const history = syncHistory(deps.store, found, deps.cache.revisionsControlledBy(uid), deps.cache.podsControlledBy(uid));
  if (!history.ok) return { after: 1_000 };
  // History writes may have changed the DaemonSet (collisionCount); work from the latest copy.
  const daemonSet = deps.cache.daemonSets.get(key) ?? found;
  const writer = createPodWriter(deps.store, deps.events, daemonSet, history.hash);
  const scope: SyncScope = { key, daemonSet, nodes: [...deps.cache.nodes.values()], eligibility: memoize(compileEligibility(daemonSet)), revision: revisionContext(daemonSet, history.hash), writer };
  let backoffWait: number | undefined;
  manage(deps, scope, (after) => (backoffWait = Math.min(backoffWait ?? after, after)));
  // Upstream runs rollingUpdate only once manage's writes are observed: here, in the next sync.
  if (writer.issued === 0 && daemonSet.spec?.updateStrategy?.type !== 'OnDelete') rollingUpdate(deps, scope);
  cleanupHistory(deps.store, daemonSet, history.old, deps.cache.podsControlledBy(uid));
  const availableIn = writeStatus(deps, scope, deps.cache.daemonSets.get(key) ?? daemonSet);
  if (writer.issued > 0) return { after: 0 };
  const waits = [backoffWait, availableIn].filter((wait): wait is number => wait !== undefined);
  return waits.length === 0 ? undefined : { after: Math.min(...waits) };
}
