import 'server-only';
import type { Pod } from '@/lib/k8s-types';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { CacheChange, ClusterCache } from './cluster-cache';
import type { EventRecorder } from './events';
import { nodeReadyStatus } from './node-conditions';
import { asNode, clone, deleteQuietly, objectKey, toStored, tryWrite } from './objects';
import { crashBackoffSeconds, podBehaviour, podStage, statusForStage, withCondition, type PodStage } from './pod-status';
import { StepTimers } from './step-timers';
import type { QueueRunner, WorkQueue } from './work-queue';

/** Simulated durations of the kubelet, in simulated milliseconds. */
export interface KubeletTimings {
  /** ContainerCreating → Running (image pull and container start). */
  startMs: number;
  /** Running → Ready (the readiness probe passing). */
  readyMs: number;
  /** ErrImagePull → ImagePullBackOff. */
  pullBackoffMs: number;
  /** How long a crashing container runs before it exits. */
  crashRunMs: number;
  /** deletionTimestamp → the pod removed (containers stopped, grace period 0). */
  terminationMs: number;
}

/** Defaults: a few simulated seconds per step, so `--speed 10` settles a rollout in seconds. */
export const DEFAULT_KUBELET_TIMINGS: KubeletTimings = {
  startMs: 2_000,
  readyMs: 2_000,
  pullBackoffMs: 5_000,
  crashRunMs: 2_000,
  terminationMs: 1_000,
};

type Step = PodStage | 'terminating';

/** What comes after `stage` for a pod of this behaviour, and after how long; undefined when it stays. */
function nextStep(pod: Pod, stage: PodStage, t: KubeletTimings): { stage: PodStage; afterMs: number } | undefined {
  const behaviour = podBehaviour(pod);
  switch (stage) {
    case 'new':
      return { stage: 'creating', afterMs: 0 };
    case 'creating':
      return behaviour === 'broken' ? { stage: 'image-pull-error', afterMs: t.startMs } : { stage: 'running', afterMs: t.startMs };
    case 'running':
      if (behaviour === 'crash') return { stage: 'crash-loop', afterMs: t.crashRunMs };
      return behaviour === 'ok' ? { stage: 'ready', afterMs: t.readyMs } : undefined;
    case 'image-pull-error':
      return { stage: 'image-pull-backoff', afterMs: t.pullBackoffMs };
    case 'crash-loop': {
      const restarts = pod.status?.containerStatuses?.reduce((max, s) => Math.max(max, s.restartCount ?? 0), 0) ?? 0;
      return { stage: 'running', afterMs: crashBackoffSeconds(restarts) * 1000 };
    }
    case 'image-pull-backoff':
    case 'ready':
      return undefined;
  }
}

/** The events a kubelet emits on entering a stage. */
function stageEvent(pod: Pod, stage: PodStage): { type: 'Normal' | 'Warning'; reason: string; message: string } | undefined {
  const failing = pod.status?.containerStatuses?.find((s) => s.state?.waiting?.reason === 'ErrImagePull' || s.state?.waiting?.reason === 'ImagePullBackOff' || s.state?.waiting?.reason === 'CrashLoopBackOff');
  if (failing === undefined) return undefined;
  if (stage === 'image-pull-error') return { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${failing.image ?? ''}": not found` };
  if (stage === 'image-pull-backoff') return { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${failing.image ?? ''}"` };
  if (stage === 'crash-loop') return { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${failing.name ?? ''} in pod ${pod.metadata?.name ?? ''}` };
  return undefined;
}

/** Dependencies of the kubelet simulation. */
export interface KubeletDeps {
  store: ObjectStore;
  cache: ClusterCache;
  clock: SimClock;
  runner: QueueRunner;
  events: EventRecorder;
  timings?: Partial<KubeletTimings>;
}

/**
 * The kubelets of every node: bound pods walk ContainerCreating → Running → Ready (or into
 * ErrImagePull/ImagePullBackOff or CrashLoopBackOff by image tag), pods on a NotReady node lose Ready,
 * and deleted pods are finalized — except on a NotReady node, whose kubelet cannot confirm.
 */
class Kubelets {
  private readonly timings: KubeletTimings;
  private readonly timers: StepTimers<Step>;
  private readonly queue: WorkQueue;

  constructor(private readonly deps: KubeletDeps) {
    this.timings = { ...DEFAULT_KUBELET_TIMINGS, ...deps.timings };
    this.queue = deps.runner.queue('kubelet', (key) => this.sync(key));
    this.timers = new StepTimers(deps.clock, (key) => this.queue.add(key));
  }

  /** Queues what a change concerns: the pod itself, or every pod of a node whose readiness flipped. */
  observe(change: CacheChange): void {
    if (change.kind === 'pods') {
      if (change.type === 'DELETED') this.timers.forget(objectKey(change.object));
      else this.queue.add(objectKey(change.object));
    } else if (change.kind === 'nodes' && change.type !== 'DELETED') {
      const before = change.old === undefined ? undefined : nodeReadyStatus(asNode(change.old));
      if (before === nodeReadyStatus(asNode(change.object))) return;
      for (const pod of this.deps.cache.podsOnNode(change.object.metadata.name)) this.queue.add(objectKey(pod));
    }
  }

  queueAll(): void {
    for (const key of this.deps.cache.pods.keys()) this.queue.add(key);
  }

  stop(): void {
    this.timers.clear();
  }

  private writeStatus(pod: Pod, status: NonNullable<Pod['status']>): boolean {
    return tryWrite(() => this.deps.store.update('pods', toStored({ ...clone(pod), status }), { subresource: 'status' }));
  }

  private sync(key: string): void {
    const pod = this.deps.cache.pods.get(key);
    if (pod === undefined) return this.timers.forget(key);
    if (pod.metadata?.deletionTimestamp) return this.finalize(key, pod);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = this.deps.cache.nodes.get(nodeName);
    if (node === undefined) return this.timers.forget(key);
    if (nodeReadyStatus(node) !== 'True') return this.markNotReady(key, pod);
    this.progress(key, pod);
  }

  /** One step of the pod's life, when its wait is over. */
  private progress(key: string, pod: Pod): void {
    const stage = podStage(pod);
    const next = nextStep(pod, stage, this.timings);
    if (next === undefined) return this.timers.forget(key);
    if (next.afterMs > 0 && !this.timers.isDue(key, stage)) return this.timers.wait(key, stage, next.afterMs);
    const status = statusForStage(pod, next.stage, this.deps.clock.now());
    if (!this.writeStatus(pod, status)) return;
    this.timers.forget(key);
    const event = stageEvent({ ...pod, status }, next.stage);
    if (event !== undefined) this.deps.events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, event.type, event.reason, event.message);
  }

  /** Upstream's node lifecycle controller marks the pods of an unresponsive node not ready. */
  private markNotReady(key: string, pod: Pod): void {
    this.timers.forget(key);
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== 'True') return;
    this.writeStatus(pod, { ...pod.status, conditions: withCondition(pod.status?.conditions, 'Ready', 'False', this.deps.clock.now()) });
  }

  /** Removes a deleted pod once its containers have stopped; a NotReady node's kubelet never confirms. */
  private finalize(key: string, pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    const node = nodeName ? this.deps.cache.nodes.get(nodeName) : undefined;
    if (nodeName && node !== undefined && nodeReadyStatus(node) !== 'True') return this.timers.forget(key);
    if (!nodeName || node === undefined || this.timers.isDue(key, 'terminating')) {
      this.timers.forget(key);
      deleteQuietly(this.deps.store, 'pods', pod, 0);
      return;
    }
    this.timers.wait(key, 'terminating', this.timings.terminationMs);
  }
}

/** Starts the kubelets of every node (see `Kubelets`). */
export function startKubelet(deps: KubeletDeps): { stop(): void } {
  const kubelets = new Kubelets(deps);
  const unsubscribe = deps.cache.onChange((change) => kubelets.observe(change));
  kubelets.queueAll();
  return {
    stop() {
      unsubscribe();
      kubelets.stop();
    },
  };
}
