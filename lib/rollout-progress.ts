/**
 * Rollout history samples and what they say: is the rollout done, is it stuck (no progress for longer
 * than the progress deadline, as a Deployment's `progressDeadlineSeconds` would judge it), the likeliest
 * cause from the failing pods, and an ETA from the pace observed so far.
 *
 * DaemonSets have no progress deadline upstream; the dashboard applies the Deployment convention.
 */

/** One observation of a DaemonSet's rollout counters, taken when any of them changed. */
export interface RolloutSample {
  /** Milliseconds since the epoch. */
  at: number;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  unavailable: number;
  /** Daemon pods per revision number (as a string key; `"?"` for pods of an unknown revision). */
  revisions: Record<string, number>;
}

/** A bounded ring of samples, oldest first; a plain value so it can be sent over the wire. */
export interface RolloutRing {
  capacity: number;
  samples: RolloutSample[];
}

/** An empty ring holding at most `capacity` samples. */
export function createRolloutRing(capacity: number): RolloutRing {
  return { capacity: Math.max(2, Math.floor(capacity)), samples: [] };
}

function sameCounts(a: RolloutSample, b: RolloutSample): boolean {
  if (a.desired !== b.desired || a.updated !== b.updated || a.ready !== b.ready) return false;
  if (a.available !== b.available || a.unavailable !== b.unavailable) return false;
  const keys = new Set([...Object.keys(a.revisions), ...Object.keys(b.revisions)]);
  return [...keys].every((key) => (a.revisions[key] ?? 0) === (b.revisions[key] ?? 0));
}

/**
 * Adds a sample unless nothing changed since the last one (the chart draws steps, so a repeat adds no
 * information and the ring would forget history faster). Evicts the oldest beyond capacity. Mutates
 * and returns `ring`: the hub keeps one ring per DaemonSet and this runs on every watch event.
 */
export function pushRolloutSample(ring: RolloutRing, sample: RolloutSample): RolloutRing {
  const last = ring.samples[ring.samples.length - 1];
  if (last !== undefined && sameCounts(last, sample)) return ring;
  ring.samples.push(sample);
  if (ring.samples.length > ring.capacity) ring.samples.splice(0, ring.samples.length - ring.capacity);
  return ring;
}

/** A pod that is not running as it should, by its failure reason (ImagePullBackOff, CrashLoopBackOff, …). */
export interface FailingPod {
  reason: string;
  /** The revision number of the pod's template, when known. */
  revision?: number;
}

/** What rolloutProgress needs besides the samples. */
export interface RolloutProgressInput {
  samples: readonly RolloutSample[];
  now: number;
  progressDeadlineSeconds: number;
  failingPods: readonly FailingPod[];
  /** Seconds of history the pace is measured over (default 300). */
  paceWindowSeconds?: number;
}

/** The verdict on one DaemonSet's rollout. */
export interface RolloutProgress {
  done: boolean;
  stuck: boolean;
  /** When the last progress (more pods updated or available) was observed. */
  lastProgressAt?: number;
  /** The likeliest reason the rollout does not advance, e.g. "12 pods in ImagePullBackOff on revision 4". */
  cause?: string;
  /** Pods updated or made available per minute over the pace window. */
  pacePerMinute?: number;
  /** Seconds until updated and available reach desired at that pace; absent when done or not moving. */
  etaSeconds?: number;
}

const progressScore = (s: RolloutSample) => s.updated + s.available;
const isDone = (s: RolloutSample) => s.updated >= s.desired && s.available >= s.desired;

function lastProgressAt(samples: readonly RolloutSample[]): number | undefined {
  for (let i = samples.length - 1; i > 0; i--) {
    const current = samples[i];
    const previous = samples[i - 1];
    if (current === undefined || previous === undefined) continue;
    // Progress is more pods updated or more available; a rolling update's delete of an old pod lowers
    // availability for a moment and must not hide the new pod that follows.
    if (current.updated > previous.updated || current.available > previous.available) return current.at;
  }
  return samples[0]?.at;
}

/** The largest group of failing pods by (reason, revision), as one sentence. */
export function likeliestCause(failingPods: readonly FailingPod[]): string | undefined {
  const groups = new Map<string, { reason: string; revision?: number; count: number }>();
  for (const pod of failingPods) {
    const key = `${pod.reason}\u0000${pod.revision ?? ''}`;
    const group = groups.get(key) ?? { reason: pod.reason, revision: pod.revision, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  // Ties go to the newer revision: a broken new template is the usual reason a rollout stalls.
  const best = [...groups.values()].sort((a, b) => b.count - a.count || (b.revision ?? -1) - (a.revision ?? -1) || a.reason.localeCompare(b.reason))[0];
  if (best === undefined) return undefined;
  const pods = `${best.count} pod${best.count === 1 ? '' : 's'} in ${best.reason}`;
  return best.revision === undefined ? pods : `${pods} on revision ${best.revision}`;
}

function pace(samples: readonly RolloutSample[], now: number, windowMs: number): number | undefined {
  const last = samples[samples.length - 1];
  if (last === undefined) return undefined;
  // The baseline is the state at the window's start: the last sample taken at or before it.
  const start = now - windowMs;
  let baseline = samples[0];
  for (const sample of samples) {
    if (sample.at <= start) baseline = sample;
  }
  if (baseline === undefined) return undefined;
  const from = Math.max(baseline.at, start);
  const elapsed = now - from;
  if (elapsed <= 0) return undefined;
  return ((progressScore(last) - progressScore(baseline)) / elapsed) * 60_000;
}

/** Judges the rollout from its samples; see the module comment. */
export function rolloutProgress(input: RolloutProgressInput): RolloutProgress {
  const last = input.samples[input.samples.length - 1];
  if (last === undefined) return { done: false, stuck: false };
  if (isDone(last)) return { done: true, stuck: false, lastProgressAt: lastProgressAt(input.samples) };
  const progressAt = lastProgressAt(input.samples) ?? last.at;
  const stuck = input.now - progressAt > input.progressDeadlineSeconds * 1000;
  const perMinute = pace(input.samples, input.now, (input.paceWindowSeconds ?? 300) * 1000);
  const remaining = 2 * last.desired - progressScore(last);
  const result: RolloutProgress = { done: false, stuck, lastProgressAt: progressAt };
  if (perMinute !== undefined) result.pacePerMinute = perMinute;
  if (perMinute !== undefined && perMinute > 0 && !stuck) result.etaSeconds = Math.ceil((remaining / perMinute) * 60);
  const cause = likeliestCause(input.failingPods);
  if (cause !== undefined) result.cause = cause;
  else if (stuck) result.cause = `no progress for ${Math.floor((input.now - progressAt) / 60_000)} min; ${last.desired - last.available} of ${last.desired} pods unavailable`;
  return result;
}
