import 'server-only';
import type { SimClock } from '../clock';
import type { ObjectStore } from '../store-types';
import { createClusterCache, type ClusterCache } from './cluster-cache';
import { startDaemonSetController } from './daemonset-controller';
import { createEventRecorder } from './events';
import { startKubelet, type KubeletTimings } from './kubelet';
import { startNodeLifecycle } from './node-lifecycle';
import { startScheduler } from './scheduler';
import { createQueueRunner } from './work-queue';

/** Options of the simulated control plane. */
export interface ControlPlaneOptions {
  store: ObjectStore;
  clock: SimClock;
  /**
   * Whether controllers act on their own (the running simulator). Tests pass false and call
   * `settle()` to let every controller catch up, so each step is deterministic.
   */
  auto: boolean;
  kubelet?: Partial<KubeletTimings>;
}

/** The running controllers of one simulated cluster. */
export interface ControlPlane {
  readonly cache: ClusterCache;
  /** Runs every pending sync, and the syncs those cause, until all controllers are idle. */
  settle(): number;
  /** Advances the clock by `ms` in steps no larger than `stepMs`, settling after each step. */
  advance(ms: number, stepMs?: number): void;
  stop(): void;
}

/**
 * Starts the DaemonSet controller, scheduler, kubelets and node lifecycle over one store, sharing one
 * informer cache and one set of work queues, as kube-controller-manager, kube-scheduler and the
 * kubelets share one API server.
 */
export function startControlPlane(options: ControlPlaneOptions): ControlPlane {
  const { store, clock } = options;
  const cache = createClusterCache(store);
  const runner = createQueueRunner(clock, { auto: options.auto });
  const deps = { store, cache, clock, runner };
  // Node taints first: within one round the DaemonSet controller then sees a new node's condition taints.
  const controllers = [
    startNodeLifecycle({ ...deps, events: createEventRecorder(store, clock, 'node-controller') }),
    startDaemonSetController({ ...deps, events: createEventRecorder(store, clock, 'daemonset-controller') }),
    startScheduler({ ...deps, events: createEventRecorder(store, clock, 'default-scheduler') }),
    startKubelet({ ...deps, events: createEventRecorder(store, clock, 'kubelet'), timings: options.kubelet }),
  ];
  const settle = (): number => runner.settle();
  return {
    cache,
    settle,
    advance(ms, stepMs = 500) {
      settle();
      for (let left = ms; left > 0; left -= stepMs) {
        clock.advance(Math.min(stepMs, left));
        settle();
      }
    },
    stop() {
      for (const controller of controllers) controller.stop();
      runner.stop();
      cache.stop();
    },
  };
}
