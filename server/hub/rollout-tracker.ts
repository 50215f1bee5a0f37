import 'server-only';
import type { DaemonSetCounters } from '@/lib/daemon-status';
import { WellKnown, type Pod } from '@/lib/k8s-types';
import { podFailure } from '@/lib/pod-state';
import {
  createRolloutRing,
  pushRolloutSample,
  rolloutProgress,
  type FailingPod,
  type RolloutProgress,
  type RolloutRing,
  type RolloutSample,
} from '@/lib/rollout-progress';
import { NO_HASH, type ClusterObjects } from './cluster-objects';

/** Samples kept per DaemonSet: with a sample per change this covers a long rollout of a big fleet. */
export const ROLLOUT_RING_CAPACITY = 720;

/** The revision number of a pod from its `controller-revision-hash`, or undefined. */
export function podRevision(pod: Pod, numbersByHash: ReadonlyMap<string, number>): number | undefined {
  const hash = pod.metadata?.labels?.[WellKnown.controllerRevisionHash];
  return hash === undefined ? undefined : numbersByHash.get(hash);
}

/** Pods per revision number; `"?"` collects pods whose revision is unknown. */
export function revisionCounts(pods: readonly Pod[], numbersByHash: ReadonlyMap<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    const key = String(podRevision(pod, numbersByHash) ?? '?');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The same counts as {@link revisionCounts}, from live pods counted per hash (ClusterObjects keeps them). */
export function revisionCountsByHash(countsByHash: ReadonlyMap<string, number>, numbersByHash: ReadonlyMap<string, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [hash, count] of countsByHash) {
    const key = String((hash === NO_HASH ? undefined : numbersByHash.get(hash)) ?? '?');
    counts[key] = (counts[key] ?? 0) + count;
  }
  return counts;
}

/** The failing pods of a DaemonSet with their reasons and revisions, for the stuck cause. */
export function failingPods(pods: readonly Pod[], numbersByHash: ReadonlyMap<string, number>): FailingPod[] {
  const failing: FailingPod[] = [];
  for (const pod of pods) {
    const failure = podFailure(pod);
    if (failure === undefined) continue;
    const revision = podRevision(pod, numbersByHash);
    failing.push(revision === undefined ? { reason: failure.reason } : { reason: failure.reason, revision });
  }
  return failing;
}

/**
 * One bounded ring of rollout samples per DaemonSet (by uid), taken from the model's implied counters
 * and the pods' revisions whenever an event touched that DaemonSet.
 */
export class RolloutTracker {
  private readonly rings = new Map<string, RolloutRing>();
  private startedAt: number | undefined;

  constructor(
    private readonly objects: ClusterObjects,
    private readonly progressDeadlineSeconds: number,
  ) {}

  /** Marks when sampling began (the first full sync); later calls (a relist) keep the first time. */
  startRecording(now: number): void {
    this.startedAt ??= now;
  }

  /** The `recordingSince` field of rollout events: since when samples were taken, absent before the first full sync. */
  recordingSinceField(): { recordingSince?: number } {
    return this.startedAt === undefined ? {} : { recordingSince: this.startedAt };
  }

  /** Records a sample; returns it when it was new (counts changed), else undefined. */
  sample(uid: string, counters: DaemonSetCounters, now: number): RolloutSample | undefined {
    let ring = this.rings.get(uid);
    if (ring === undefined) {
      ring = createRolloutRing(ROLLOUT_RING_CAPACITY);
      this.rings.set(uid, ring);
    }
    const sample: RolloutSample = {
      at: now,
      desired: counters.desiredNumberScheduled,
      updated: counters.updatedNumberScheduled,
      ready: counters.numberReady,
      available: counters.numberAvailable,
      unavailable: counters.numberUnavailable,
      // Counted as events arrive: a scan of every pod of each touched DaemonSet per batch was the
      // largest item of the dashboard's profile under a steady 1,000 watch events/s (npm run soak).
      revisions: revisionCountsByHash(this.objects.podCountsByHash(uid), this.objects.revisionNumbersByHash(uid)),
    };
    const before = ring.samples.length === 0 ? undefined : ring.samples[ring.samples.length - 1];
    pushRolloutSample(ring, sample);
    const after = ring.samples[ring.samples.length - 1];
    return after !== before ? sample : undefined;
  }

  /** Forgets a deleted DaemonSet. */
  forget(uid: string): void {
    this.rings.delete(uid);
  }

  /** The samples of one DaemonSet, oldest first. */
  samples(uid: string | undefined): RolloutSample[] {
    return [...(this.rings.get(uid ?? '')?.samples ?? [])];
  }

  /** Done / stuck / cause / ETA for one DaemonSet at `now`. */
  progress(uid: string | undefined, now: number): RolloutProgress {
    const numbers = this.objects.revisionNumbersByHash(uid);
    return rolloutProgress({
      samples: this.samples(uid),
      now,
      progressDeadlineSeconds: this.progressDeadlineSeconds,
      failingPods: failingPods(this.objects.podsOf(uid), numbers),
    });
  }
}
