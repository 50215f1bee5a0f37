import 'server-only';
import type { Node, Pod } from '@/lib/k8s-types';
import { targetNodeName } from '@/lib/pod-state';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { CacheChange, ClusterCache } from './cluster-cache';
import type { EventRecorder } from './events';
import { asPod, clone, objectKey, toStored, tryWrite } from './objects';
import { withCondition } from './pod-status';
import { failedSchedulingMessage, unfitReasons } from './scheduler-fit';
import type { QueueRunner, WorkQueue } from './work-queue';

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
 * The default scheduler's stand-in: a pending pod is bound to the first candidate node it fits (a
 * daemon pod's only candidate is the node it is pinned to); otherwise it stays Pending with
 * PodScheduled=False/Unschedulable and a FailedScheduling event, and is retried when its node changes
 * or a pod there goes away.
 */
class Scheduler {
  private readonly queue: WorkQueue;
  /** Unschedulable pods by the node they wait for; '' holds pods that could go anywhere. */
  private readonly waiting = new Map<string, Set<string>>();

  constructor(private readonly deps: SchedulerDeps) {
    this.queue = deps.runner.queue('scheduler', (key) => this.sync(key));
  }

  /** Queues new pending pods, and the waiting pods of a node that changed or lost a pod. */
  observe(change: CacheChange): void {
    if (change.kind === 'nodes') return this.retry(change.object.metadata.name);
    if (change.kind !== 'pods') return;
    const pod = asPod(change.object);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) {
      if (change.type !== 'DELETED') this.queue.add(objectKey(pod));
      return;
    }
    // A pod leaving a node (deleted, or finished) frees its requests and ports there.
    const old = change.old === undefined ? undefined : asPod(change.old);
    if (change.type === 'DELETED' || (isTerminal(pod) && (old === undefined || !isTerminal(old)))) this.retry(nodeName);
  }

  queueAll(): void {
    for (const [key, pod] of this.deps.cache.pods) if (!pod.spec?.nodeName) this.queue.add(key);
  }

  private park(candidates: readonly string[], key: string): void {
    const scope = candidates.length === 1 ? (candidates[0] ?? '') : '';
    let set = this.waiting.get(scope);
    if (set === undefined) this.waiting.set(scope, (set = new Set()));
    set.add(key);
  }

  private retry(node: string): void {
    for (const scope of [node, '']) {
      const set = this.waiting.get(scope);
      if (set === undefined) continue;
      this.waiting.delete(scope);
      for (const key of set) this.queue.add(key);
    }
  }

  private boundTo(node: string): Pod[] {
    return this.deps.cache.podsOnNode(node).filter((pod) => pod.spec?.nodeName === node && !isTerminal(pod));
  }

  private sync(key: string): void {
    const pod = this.deps.cache.pods.get(key);
    if (pod === undefined || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || isTerminal(pod)) return;
    const schedulerName = pod.spec?.schedulerName;
    if (typeof schedulerName === 'string' && schedulerName !== '' && schedulerName !== 'default-scheduler') return;
    // A daemon pod's node affinity names one node: upstream's NodeAffinity PreFilter narrows to it.
    const pinned = targetNodeName(pod);
    const candidates = pinned !== undefined ? [pinned] : [...this.deps.cache.nodes.keys()].sort();
    const perNode: string[][] = [];
    for (const name of candidates) {
      const node = this.deps.cache.nodes.get(name);
      if (node === undefined) continue;
      const reasons = unfitReasons(pod, node, this.boundTo(name));
      if (reasons.length === 0) return this.bind(pod, node);
      perNode.push(reasons);
    }
    this.park(candidates, key);
    // A pinned node that does not exist: nothing to report; the DaemonSet controller deletes such pods.
    if (perNode.length > 0) this.reject(pod, failedSchedulingMessage(perNode.length, perNode));
  }

  private bind(pod: Pod, node: Node): void {
    const nodeName = node.metadata?.name ?? '';
    const bound = clone(pod);
    bound.spec = { ...bound.spec, nodeName };
    bound.status = { ...bound.status, phase: 'Pending', conditions: withCondition(bound.status?.conditions, 'PodScheduled', 'True', this.deps.clock.now()) };
    if (!tryWrite(() => this.deps.store.update('pods', toStored(bound)))) return;
    this.deps.events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, 'Normal', 'Scheduled', `Successfully assigned ${objectKey(pod)} to ${nodeName}`);
  }

  private reject(pod: Pod, message: string): void {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.message === message) return;
    const conditions = withCondition(pod.status?.conditions, 'PodScheduled', 'False', this.deps.clock.now(), 'Unschedulable').map((c) =>
      c.type === 'PodScheduled' ? { ...c, message } : c,
    );
    const updated = clone(pod);
    updated.status = { ...updated.status, phase: 'Pending', conditions };
    tryWrite(() => this.deps.store.update('pods', toStored(updated), { subresource: 'status' }));
    this.deps.events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, 'Warning', 'FailedScheduling', message);
  }
}

/** Starts the scheduler (see `Scheduler`). */
export function startScheduler(deps: SchedulerDeps): { stop(): void } {
  const scheduler = new Scheduler(deps);
  const unsubscribe = deps.cache.onChange((change) => scheduler.observe(change));
  scheduler.queueAll();
  return { stop: unsubscribe };
}
