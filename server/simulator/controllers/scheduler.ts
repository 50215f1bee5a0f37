import 'server-only';
import type { Node, Pod } from '@/lib/k8s-types';
import { targetNodeName } from '@/lib/pod-state';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { ClusterCache } from './cluster-cache';
import type { EventRecorder } from './events';
import { asPod, clone, objectKey, toStored, tryWrite } from './objects';
import { withCondition } from './pod-status';
import { failedSchedulingMessage, unfitReasons } from './scheduler-fit';
import type { QueueRunner } from './work-queue';

/** Dependencies of the scheduler simulation. */
export interface SchedulerDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  runner: QueueRunner;
  events: EventRecorder;
}

const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * Starts the default scheduler's stand-in: a pending pod is bound to the first candidate node it fits
 * (a daemon pod's only candidate is the node it is pinned to); otherwise it stays Pending with
 * PodScheduled=False/Unschedulable and a FailedScheduling event, and is retried when its node changes
 * or a pod there goes away.
 */
export function startScheduler(deps: SchedulerDeps): { stop(): void } {
  const { store, cache, clock, events } = deps;
  const queue = deps.runner.queue('scheduler', (key) => sync(key));
  // Unschedulable pods by the node(s) they wait for; '' holds pods that could go anywhere.
  const waiting = new Map<string, Set<string>>();

  const park = (node: string, key: string): void => {
    let set = waiting.get(node);
    if (set === undefined) waiting.set(node, (set = new Set()));
    set.add(key);
  };
  const retry = (node: string): void => {
    for (const scope of [node, '']) {
      const set = waiting.get(scope);
      if (set === undefined) continue;
      waiting.delete(scope);
      for (const key of set) queue.add(key);
    }
  };

  const boundTo = (node: string): Pod[] =>
    cache.podsOnNode(node).filter((pod) => pod.spec?.nodeName === node && !isTerminal(pod));

  const bind = (pod: Pod, node: Node): void => {
    const nodeName = node.metadata?.name ?? '';
    const bound = clone(pod);
    bound.spec = { ...bound.spec, nodeName };
    bound.status = { ...bound.status, phase: 'Pending', conditions: withCondition(bound.status?.conditions, 'PodScheduled', 'True', clock.now()) };
    if (tryWrite(() => store.update('pods', toStored(bound)))) {
      events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, 'Normal', 'Scheduled', `Successfully assigned ${objectKey(pod)} to ${nodeName}`);
    }
  };

  const reject = (key: string, pod: Pod, candidates: readonly string[], message: string): void => {
    for (const node of candidates.length === 1 ? candidates : ['']) park(node, key);
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.message === message) return;
    const conditions = withCondition(pod.status?.conditions, 'PodScheduled', 'False', clock.now(), 'Unschedulable').map((c) =>
      c.type === 'PodScheduled' ? { ...c, message } : c,
    );
    const updated = clone(pod);
    updated.status = { ...updated.status, phase: 'Pending', conditions };
    tryWrite(() => store.update('pods', toStored(updated), { subresource: 'status' }));
    events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, 'Warning', 'FailedScheduling', message);
  };

  const sync = (key: string): void => {
    const pod = cache.pods.get(key);
    if (pod === undefined || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || isTerminal(pod)) return;
    const schedulerName = pod.spec?.schedulerName;
    if (typeof schedulerName === 'string' && schedulerName !== '' && schedulerName !== 'default-scheduler') return;
    // A daemon pod's node affinity names one node: upstream's NodeAffinity PreFilter narrows to it.
    const pinned = targetNodeName(pod);
    const candidates = pinned !== undefined ? [pinned] : [...cache.nodes.keys()].sort();
    const perNode: string[][] = [];
    for (const name of candidates) {
      const node = cache.nodes.get(name);
      if (node === undefined) continue;
      const reasons = unfitReasons(pod, node, boundTo(name));
      if (reasons.length === 0) return bind(pod, node);
      perNode.push(reasons);
    }
    if (perNode.length === 0) {
      // The pinned node does not exist: nothing to report; the DaemonSet controller deletes such pods.
      for (const node of candidates.length === 1 ? candidates : ['']) park(node, key);
      return;
    }
    reject(key, pod, candidates, failedSchedulingMessage(perNode.length, perNode));
  };

  const unsubscribe = cache.onChange((change) => {
    if (change.kind === 'nodes') return retry(change.object.metadata.name);
    if (change.kind !== 'pods') return;
    const pod = asPod(change.object);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) {
      if (change.type !== 'DELETED') queue.add(objectKey(pod));
      return;
    }
    // A pod leaving a node (deleted, or finished) frees its requests and ports there.
    const old = change.old === undefined ? undefined : asPod(change.old);
    if (change.type === 'DELETED' || (isTerminal(pod) && (old === undefined || !isTerminal(old)))) retry(nodeName);
  });
  for (const [key, pod] of cache.pods) if (!pod.spec?.nodeName) queue.add(key);

  return { stop: unsubscribe };
}
