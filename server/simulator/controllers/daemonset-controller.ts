import 'server-only';
import { computeDaemonSetStatus, COUNTER_FIELDS, revisionContext, type DaemonSetCounters, type EligibilityFn, type NodeVerdict } from '@/lib/daemon-status';
import { compileEligibility } from '@/lib/eligibility';
import type { DaemonSet, Node, Pod } from '@/lib/k8s-types';
import { labelSelectorAsSelector } from '@/lib/label-selector';
import { availableAt, isPodAvailable, isPodReady, isPodUpdated, targetNodeName } from '@/lib/pod-state';
import { scaledValueFromIntOrPercent } from '@/lib/intstr';
import { planRollingUpdate, type RollingUpdateNode } from '@/lib/rolling-update';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { ClusterCache } from './cluster-cache';
import { cleanupHistory, syncHistory } from './daemon-history';
import { planManage, type ManageNode } from './daemon-manage';
import { newDaemonPod } from './daemon-pod';
import type { EventRecorder } from './events';
import { asNode, asPod, clone, deleteQuietly, objectKey, toStored, tryWrite } from './objects';
import type { QueueRunner } from './work-queue';

/** Upstream `BurstReplicas`: creates plus deletes one sync may issue. */
export const BURST_REPLICAS = 250;
/** Upstream failed-pod back-off: 1 s doubling to 15 minutes, per DaemonSet and node. */
const FAILED_BACKOFF_INITIAL_MS = 1_000;
const FAILED_BACKOFF_MAX_MS = 15 * 60_000;

/** Dependencies of the DaemonSet controller. */
export interface DaemonSetControllerDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  runner: QueueRunner;
  events: EventRecorder;
}

/** Writes one sync's creates and deletes, within the burst budget; returns how many it issued. */
interface Actions {
  create(nodeName: string): boolean;
  remove(pod: Pod): boolean;
  issued: number;
}

/** Pods of one DaemonSet grouped by target node; pods that cannot be placed are dropped. */
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

/** Whether a node update can change any DaemonSet's verdict (upstream `shouldIgnoreNodeUpdate`). */
function nodeVerdictInputsChanged(before: Node, after: Node): boolean {
  return (
    JSON.stringify(before.metadata?.labels ?? {}) !== JSON.stringify(after.metadata?.labels ?? {}) ||
    JSON.stringify(before.spec?.taints ?? []) !== JSON.stringify(after.spec?.taints ?? [])
  );
}

/** Whether the stored status already says what this sync computed. */
function statusCurrent(daemonSet: DaemonSet, counters: DaemonSetCounters): boolean {
  const status = daemonSet.status ?? {};
  if (COUNTER_FIELDS.some((field) => (status[field] ?? 0) !== counters[field])) return false;
  return (status.observedGeneration ?? 0) >= (daemonSet.metadata?.generation ?? 0);
}

/**
 * Starts the DaemonSet controller (upstream pkg/controller/daemon): per DaemonSet, history → manage →
 * rolling update → history cleanup → status, driven by a coalescing work queue fed from the cache.
 */
export function startDaemonSetController(deps: DaemonSetControllerDeps): { stop(): void } {
  const { store, cache, clock, events } = deps;
  const queue = deps.runner.queue('daemonset-controller', (key) => sync(key));
  const failedBackoff = new Map<string, { delayMs: number; until: number }>();

  const queueAll = (): void => {
    for (const key of cache.daemonSets.keys()) queue.add(key);
  };
  const keyByUid = new Map<string, string>();
  for (const [key, daemonSet] of cache.daemonSets) if (daemonSet.metadata?.uid) keyByUid.set(daemonSet.metadata.uid, key);
  const daemonSetKeyByUid = (uid: string | undefined): string | undefined => (uid ? keyByUid.get(uid) : undefined);

  const mayDeleteFailed = (dsKey: string, node: string): boolean => {
    const key = `${dsKey}/${node}`;
    const entry = failedBackoff.get(key);
    const now = clock.now();
    if (entry !== undefined && now < entry.until) {
      queue.addAfter(dsKey, entry.until - now);
      return false;
    }
    const delayMs = entry === undefined ? FAILED_BACKOFF_INITIAL_MS : Math.min(entry.delayMs * 2, FAILED_BACKOFF_MAX_MS);
    failedBackoff.set(key, { delayMs, until: now + delayMs });
    return true;
  };

  const actionsFor = (daemonSet: DaemonSet, hash: string): Actions => {
    const actions: Actions = {
      issued: 0,
      create(nodeName) {
        if (actions.issued >= BURST_REPLICAS) return false;
        actions.issued++;
        const pod = newDaemonPod(daemonSet, nodeName, hash, '');
        const stored = { ...toStored(pod), metadata: { ...toStored(pod).metadata, generateName: `${daemonSet.metadata?.name ?? ''}-` } };
        try {
          const created = store.create('pods', stored);
          events.record({ kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata }, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          events.record({ kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata }, 'Warning', 'FailedCreate', `Error creating: ${message}`);
        }
        return true;
      },
      remove(pod) {
        if (actions.issued >= BURST_REPLICAS) return false;
        actions.issued++;
        if (deleteQuietly(store, 'pods', pod)) {
          events.record({ kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata }, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
        }
        return true;
      },
    };
    return actions;
  };

  /** Upstream `manage`: one pod per eligible node, extras and ineligible pods deleted. */
  const manage = (key: string, daemonSet: DaemonSet, nodes: readonly Node[], eligibility: EligibilityFn, hash: string, actions: Actions): void => {
    const byNode = groupByNode(cache.podsControlledBy(daemonSet.metadata?.uid ?? ''));
    const context = revisionContext(daemonSet, hash);
    const manageNodes: ManageNode[] = nodes.map((node) => {
      const name = node.metadata?.name ?? '';
      const verdict = eligibility(node);
      return { name, shouldRun: verdict.shouldRun, shouldContinueRunning: verdict.shouldContinueRunning, pods: byNode.get(name) ?? [] };
    });
    const plan = planManage(manageNodes, {
      allowsSurge: allowsSurge(daemonSet),
      isUpdated: (pod) => isPodUpdated(pod, context.currentHash, context.templateGeneration),
      minReadySeconds: context.minReadySeconds,
      now: clock.now(),
      mayDeleteFailed: (node) => mayDeleteFailed(key, node),
    });
    const involved = { kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata };
    for (const { pod, node } of plan.failed) {
      events.record(involved, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${objectKey(pod)} on node ${node}, will try to kill it`);
    }
    for (const { pod, node } of plan.succeeded) {
      events.record(involved, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${objectKey(pod)} on node ${node}, will try to delete it`);
    }
    // Upstream `getUnscheduledPodsWithoutNode`: pending pods pinned to a node that is gone.
    const existing = new Set(nodes.map((node) => node.metadata?.name ?? ''));
    const orphans = [...byNode.entries()].filter(([node]) => !existing.has(node)).flatMap(([, pods]) => pods);
    const toDelete = [...plan.delete, ...orphans.filter((pod) => !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp)];
    for (const node of plan.createOn) if (!actions.create(node)) break;
    for (const pod of toDelete) if (!actions.remove(pod)) break;
  };

  /** Upstream `rollingUpdate`, planned by lib/ and executed here. */
  const rollingUpdate = (daemonSet: DaemonSet, nodes: readonly Node[], eligibility: EligibilityFn, hash: string, actions: Actions): void => {
    const byNode = groupByNode(cache.podsControlledBy(daemonSet.metadata?.uid ?? ''));
    const context = revisionContext(daemonSet, hash);
    const now = clock.now();
    const state = (pod: Pod) => ({ ready: isPodReady(pod), available: isPodAvailable(pod, context.minReadySeconds, now), terminating: !!pod.metadata?.deletionTimestamp });
    const planNodes: RollingUpdateNode[] = [];
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      const pods = byNode.get(name) ?? [];
      const shouldRun = eligibility(node).shouldRun;
      if (!shouldRun && pods.length === 0) continue;
      const isNew = (pod: Pod) => isPodUpdated(pod, context.currentHash, context.templateGeneration);
      planNodes.push({ name, shouldRun, oldPods: pods.filter((p) => !isNew(p)).map(state), newPods: pods.filter(isNew).map(state) });
    }
    const rolling = daemonSet.spec?.updateStrategy?.rollingUpdate;
    const plan = planRollingUpdate({ maxSurge: rolling?.maxSurge, maxUnavailable: rolling?.maxUnavailable, nodes: planNodes });
    for (const node of plan.deleteOldOn) {
      const old = (byNode.get(node) ?? []).filter((pod) => !pod.metadata?.deletionTimestamp && !isPodUpdated(pod, context.currentHash, context.templateGeneration));
      for (const pod of old) actions.remove(pod);
    }
    for (const node of plan.createNewOn) if (!actions.create(node)) break;
  };

  const writeStatus = (daemonSet: DaemonSet, nodes: readonly Node[], eligibility: EligibilityFn, hash: string): void => {
    const pods = cache.podsControlledBy(daemonSet.metadata?.uid ?? '');
    const now = clock.now();
    const counters = computeDaemonSetStatus({ daemonSet, nodes, pods, currentRevisionHash: hash, now, eligibility });
    if (!statusCurrent(daemonSet, counters)) {
      const updated = clone(daemonSet);
      updated.status = { ...updated.status, ...counters, observedGeneration: daemonSet.metadata?.generation ?? 0 };
      tryWrite(() => store.update('daemonsets', toStored(updated), { subresource: 'status' }));
    }
    // Re-check when a Ready pod becomes available (minReadySeconds).
    const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
    let soonest: number | undefined;
    for (const pod of pods) {
      const at = availableAt(pod, minReadySeconds, now);
      if (at !== undefined && (soonest === undefined || at < soonest)) soonest = at;
    }
    if (soonest !== undefined) queue.addAfter(objectKey(daemonSet), soonest - now);
  };

  const sync = (key: string): void => {
    const daemonSet = cache.daemonSets.get(key);
    if (daemonSet === undefined || daemonSet.metadata?.deletionTimestamp) return;
    const selector = labelSelectorAsSelector(daemonSet.spec?.selector);
    if (!selector.ok || (!selector.value.matchesNothing && selector.value.requirements.length === 0)) {
      const message = 'This daemon set is selecting all pods. A non-empty selector is required.';
      if (selector.ok) events.record({ kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: daemonSet.metadata }, 'Warning', 'SelectingAll', message);
      return;
    }
    const uid = daemonSet.metadata?.uid ?? '';
    const history = syncHistory(store, daemonSet, cache.revisionsControlledBy(uid), cache.podsControlledBy(uid));
    if (!history.ok) return queue.addAfter(key, 1_000);
    // History writes may have changed the DaemonSet (collisionCount); work from the latest copy.
    const latest = cache.daemonSets.get(key) ?? daemonSet;
    const nodes = [...cache.nodes.values()];
    const eligibility = memoize(compileEligibility(latest));
    const actions = actionsFor(latest, history.hash);
    manage(key, latest, nodes, eligibility, history.hash, actions);
    // Upstream runs rollingUpdate only once manage's writes are observed: here, in the next sync.
    if (actions.issued === 0 && latest.spec?.updateStrategy?.type !== 'OnDelete') rollingUpdate(latest, nodes, eligibility, history.hash, actions);
    cleanupHistory(store, latest, history.old, cache.podsControlledBy(uid));
    writeStatus(cache.daemonSets.get(key) ?? latest, nodes, eligibility, history.hash);
    if (actions.issued > 0) queue.add(key);
  };

  const unsubscribe = cache.onChange((change) => {
    switch (change.kind) {
      case 'daemonsets': {
        const uid = change.object.metadata.uid;
        if (uid && change.type === 'DELETED') keyByUid.delete(uid);
        else if (uid) keyByUid.set(uid, objectKey(change.object));
        queue.add(objectKey(change.object));
        break;
      }
      case 'pods': {
        const owner = asPod(change.object).metadata?.ownerReferences?.find((reference) => reference.controller === true);
        const key = owner?.kind === 'DaemonSet' ? daemonSetKeyByUid(owner.uid) : undefined;
        if (key !== undefined) queue.add(key);
        break;
      }
      case 'controllerrevisions': {
        const owner = change.object.metadata.ownerReferences?.find((reference) => reference.controller === true);
        const key = daemonSetKeyByUid(owner?.uid);
        if (key !== undefined) queue.add(key);
        break;
      }
      case 'nodes':
        if (change.type !== 'MODIFIED' || change.old === undefined || nodeVerdictInputsChanged(asNode(change.old), asNode(change.object))) queueAll();
        break;
      default:
        break;
    }
  });
  queueAll();
  return { stop: unsubscribe };
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

/** Upstream `AllowsSurge`: RollingUpdate with a non-zero maxSurge. */
function allowsSurge(daemonSet: DaemonSet): boolean {
  const strategy = daemonSet.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  try {
    // Scaled against 1 and rounded down, as upstream does: "1%" does not allow surge.
    return scaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? 0, 1, false) > 0;
  } catch {
    return false;
  }
}
