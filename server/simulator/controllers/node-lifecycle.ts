import 'server-only';
import type { Node, Pod, Taint } from '@/lib/k8s-types';
import { toleratesTaint } from '@/lib/taints';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { CacheChange, ClusterCache } from './cluster-cache';
import type { EventRecorder } from './events';
import { hasCondition, nodeReadyStatus } from './node-conditions';
import { asPod, clone, deleteQuietly, objectKey, rfc3339, toStored, tryWrite } from './objects';
import type { QueueRunner, WorkQueue } from './work-queue';

/** Taint keys the node lifecycle controller owns; any other taint on a node is left alone. */
const CONDITION_TAINTS = [
  { condition: 'DiskPressure', key: 'node.kubernetes.io/disk-pressure' },
  { condition: 'MemoryPressure', key: 'node.kubernetes.io/memory-pressure' },
  { condition: 'PIDPressure', key: 'node.kubernetes.io/pid-pressure' },
  { condition: 'NetworkUnavailable', key: 'node.kubernetes.io/network-unavailable' },
] as const;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED_KEYS: ReadonlySet<string> = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE, ...CONDITION_TAINTS.map((t) => t.key)]);

/**
 * The taints upstream's node lifecycle controller keeps on a node from its Ready condition
 * (not-ready / unreachable, NoSchedule and NoExecute), the pressure conditions (NoSchedule), and
 * `spec.unschedulable` (NoSchedule).
 */
export function conditionTaints(node: Node): Taint[] {
  const taints: Taint[] = [];
  const ready = nodeReadyStatus(node);
  if (ready !== 'True') {
    const key = ready === 'False' ? NOT_READY : UNREACHABLE;
    taints.push({ key, effect: 'NoSchedule' }, { key, effect: 'NoExecute' });
  }
  for (const { condition, key } of CONDITION_TAINTS) if (hasCondition(node, condition)) taints.push({ key, effect: 'NoSchedule' });
  if (node.spec?.unschedulable === true) taints.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  return taints;
}

/** The node's taints with the managed ones reconciled; existing entries keep their timeAdded. */
export function reconcileTaints(node: Node, now: number): Taint[] {
  const current = node.spec?.taints ?? [];
  const kept = current.filter((taint) => !MANAGED_KEYS.has(taint.key ?? ''));
  const wanted = conditionTaints(node).map((taint) => {
    const existing = current.find((t) => t.key === taint.key && t.effect === taint.effect);
    if (existing !== undefined) return existing;
    return taint.effect === 'NoExecute' ? { ...taint, timeAdded: rfc3339(now) } : taint;
  });
  return [...kept, ...wanted];
}

const sameTaints = (a: readonly Taint[], b: readonly Taint[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * When taint eviction should delete the pod (upstream taint-eviction controller): `0` at once when a
 * NoExecute taint is not tolerated, the smallest tolerationSeconds of the tolerations in use when all
 * are, undefined when it may stay for ever.
 */
export function evictionDelaySeconds(pod: Pod, taints: readonly Taint[]): number | undefined {
  const noExecute = taints.filter((taint) => taint.effect === 'NoExecute');
  let delay: number | undefined;
  for (const taint of noExecute) {
    const used = (pod.spec?.tolerations ?? []).filter((toleration) => toleratesTaint(toleration, taint));
    if (used.length === 0) return 0;
    for (const toleration of used) {
      const seconds = toleration.tolerationSeconds;
      if (seconds === undefined || seconds === null) continue;
      delay = delay === undefined ? Math.max(0, seconds) : Math.min(delay, Math.max(0, seconds));
    }
  }
  return delay;
}

/** Dependencies of the node lifecycle simulation. */
export interface NodeLifecycleDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  runner: QueueRunner;
  events: EventRecorder;
}

/**
 * The node lifecycle, taint-eviction and pod garbage-collection controllers: condition taints,
 * NoExecute eviction (after tolerationSeconds), and removal of pods whose node is gone.
 */
class NodeLifecycle {
  private readonly evictions = new Map<string, { at: number; cancel: () => void }>();
  private readonly queue: WorkQueue;

  constructor(private readonly deps: NodeLifecycleDeps) {
    this.queue = deps.runner.queue('node-lifecycle', (name) => this.sync(name));
  }

  /** Queues the node a change concerns: the node itself, or the node a pod was just bound to. */
  observe(change: CacheChange): void {
    if (change.kind === 'nodes') return this.queue.add(change.object.metadata.name);
    if (change.kind !== 'pods') return;
    const pod = asPod(change.object);
    if (change.type === 'DELETED') return this.cancelEviction(objectKey(pod));
    const nodeName = pod.spec?.nodeName;
    const before = change.old === undefined ? undefined : asPod(change.old);
    if (nodeName && (change.type === 'ADDED' || before?.spec?.nodeName !== nodeName)) this.queue.add(nodeName);
  }

  /** Queues every node, and every vanished node that still has pods bound to it. */
  queueAll(): void {
    const { cache } = this.deps;
    for (const name of cache.nodes.keys()) this.queue.add(name);
    for (const pod of cache.pods.values()) {
      const nodeName = pod.spec?.nodeName;
      if (nodeName && !cache.nodes.has(nodeName)) this.queue.add(nodeName);
    }
  }

  stop(): void {
    for (const key of [...this.evictions.keys()]) this.cancelEviction(key);
  }

  private sync(name: string): void {
    const node = this.deps.cache.nodes.get(name);
    const pods = this.deps.cache.podsOnNode(name).filter((pod) => pod.spec?.nodeName === name);
    if (node === undefined) {
      // Pod garbage collection: pods bound to a node that no longer exists are force-deleted.
      for (const pod of pods) deleteQuietly(this.deps.store, 'pods', pod, 0);
      return;
    }
    const taints = reconcileTaints(node, this.deps.clock.now());
    if (!sameTaints(taints, node.spec?.taints ?? [])) {
      const updated = clone(node);
      updated.spec = { ...updated.spec, taints };
      // The update's own event queues this node again; eviction then runs on the new taints.
      if (tryWrite(() => this.deps.store.update('nodes', toStored(updated)))) return;
    }
    for (const pod of pods) {
      const key = objectKey(pod);
      const due = (this.evictions.get(key)?.at ?? Infinity) <= this.deps.clock.now();
      if (pod.metadata?.deletionTimestamp) this.cancelEviction(key);
      else if (due) this.evict(pod);
      else this.processPod(pod, taints, name);
    }
  }

  private cancelEviction(podKey: string): void {
    this.evictions.get(podKey)?.cancel();
    this.evictions.delete(podKey);
  }

  private evict(pod: Pod): void {
    this.cancelEviction(objectKey(pod));
    if (!deleteQuietly(this.deps.store, 'pods', pod)) return;
    const message = `Marking for deletion Pod ${objectKey(pod)}`;
    this.deps.events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, 'Normal', 'TaintManagerEviction', message);
  }

  /** Upstream `processPodOnNode`: evict now, schedule an eviction after tolerationSeconds, or cancel one. */
  private processPod(pod: Pod, taints: readonly Taint[], nodeName: string): void {
    const key = objectKey(pod);
    const delay = evictionDelaySeconds(pod, taints);
    if (delay === undefined) return this.cancelEviction(key);
    if (delay === 0) return this.evict(pod);
    // Upstream counts tolerationSeconds from when it first saw the pod under the taint.
    if (this.evictions.has(key)) return;
    const cancel = this.deps.clock.after(delay * 1000, () => {
      // The entry stays, now due; the node's next sync evicts the pod if it is still intolerant.
      const current = this.deps.cache.pods.get(key);
      if (current !== undefined && current.metadata?.uid === pod.metadata?.uid) this.queue.add(nodeName);
      else this.evictions.delete(key);
    });
    this.evictions.set(key, { at: this.deps.clock.now() + delay * 1000, cancel });
  }
}

/** Starts the node lifecycle, taint-eviction and pod garbage-collection controllers (see `NodeLifecycle`). */
export function startNodeLifecycle(deps: NodeLifecycleDeps): { stop(): void } {
  const lifecycle = new NodeLifecycle(deps);
  const unsubscribe = deps.cache.onChange((change) => lifecycle.observe(change));
  lifecycle.queueAll();
  return {
    stop() {
      unsubscribe();
      lifecycle.stop();
    },
  };
}
