import 'server-only';
import type { Pod } from '@/lib/k8s-types';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import type { ClusterCache } from './cluster-cache';
import type { EventRecorder } from './events';
import { nodeReadyStatus } from './node-conditions';
import { asNode, clone, deleteQuietly, objectKey, toStored, tryWrite } from './objects';
import { crashBackoffSeconds, podBehaviour, podStage, statusForStage, withCondition, type PodStage } from './pod-status';
import type { QueueRunner } from './work-queue';

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
 * Starts the kubelets of every node: bound pods walk ContainerCreating → Running → Ready (or into
 * ErrImagePull/ImagePullBackOff or CrashLoopBackOff by image tag), pods on a NotReady node lose Ready,
 * and deleted pods are finalized — except on a NotReady node, whose kubelet cannot confirm.
 */
export function startKubelet(deps: KubeletDeps): { stop(): void } {
  const { store, cache, clock, events } = deps;
  const timings = { ...DEFAULT_KUBELET_TIMINGS, ...deps.timings };
  const timers = new Map<string, { step: Step; due: boolean; cancel: () => void }>();
  const queue = deps.runner.queue('kubelet', (key) => sync(key));

  const isDue = (key: string, step: Step): boolean => timers.get(key)?.step === step && timers.get(key)?.due === true;
  const wait = (key: string, step: Step, ms: number): void => {
    const existing = timers.get(key);
    if (existing?.step === step) return;
    existing?.cancel();
    const entry: { step: Step; due: boolean; cancel: () => void } = { step, due: false, cancel: () => undefined };
    entry.cancel = clock.after(ms, () => {
      entry.due = true;
      queue.add(key);
    });
    timers.set(key, entry);
  };
  const forget = (key: string): void => {
    timers.get(key)?.cancel();
    timers.delete(key);
  };

  const writeStatus = (pod: Pod, status: NonNullable<Pod['status']>): boolean =>
    tryWrite(() => store.update('pods', toStored({ ...clone(pod), status }), { subresource: 'status' }));

  const finalize = (key: string, pod: Pod): void => {
    const nodeName = pod.spec?.nodeName;
    const node = nodeName ? cache.nodes.get(nodeName) : undefined;
    if (nodeName && node !== undefined && nodeReadyStatus(node) !== 'True') return forget(key); // stays Terminating
    if (!nodeName || node === undefined || isDue(key, 'terminating')) {
      forget(key);
      deleteQuietly(store, 'pods', pod, 0);
      return;
    }
    wait(key, 'terminating', timings.terminationMs);
  };

  const sync = (key: string): void => {
    const pod = cache.pods.get(key);
    if (pod === undefined) return forget(key);
    if (pod.metadata?.deletionTimestamp) return finalize(key, pod);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = cache.nodes.get(nodeName);
    if (node === undefined) return forget(key);
    if (nodeReadyStatus(node) !== 'True') {
      forget(key);
      // Upstream's node lifecycle controller marks pods of an unresponsive node not ready.
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready?.status === 'True') writeStatus(pod, { ...pod.status, conditions: withCondition(pod.status?.conditions, 'Ready', 'False', clock.now()) });
      return;
    }
    const stage = podStage(pod);
    const next = nextStep(pod, stage, timings);
    if (next === undefined) return forget(key);
    if (next.afterMs > 0 && !isDue(key, stage)) return wait(key, stage, next.afterMs);
    const status = statusForStage(pod, next.stage, clock.now());
    if (writeStatus(pod, status)) {
      forget(key);
      const event = stageEvent({ ...pod, status }, next.stage);
      if (event !== undefined) events.record({ kind: 'Pod', apiVersion: 'v1', metadata: pod.metadata }, event.type, event.reason, event.message);
    }
  };

  const unsubscribe = cache.onChange((change) => {
    if (change.kind === 'pods') {
      if (change.type === 'DELETED') forget(objectKey(change.object));
      else queue.add(objectKey(change.object));
    } else if (change.kind === 'nodes' && change.type !== 'DELETED') {
      const before = change.old === undefined ? undefined : nodeReadyStatus(asNode(change.old));
      if (before !== nodeReadyStatus(asNode(change.object))) for (const pod of cache.podsOnNode(change.object.metadata.name)) queue.add(objectKey(pod));
    }
  });
  for (const key of cache.pods.keys()) queue.add(key);

  return {
    stop() {
      unsubscribe();
      for (const key of [...timers.keys()]) forget(key);
    },
  };
}
