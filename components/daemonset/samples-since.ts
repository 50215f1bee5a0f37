import type { RolloutSample } from '@/lib/rollout-progress';

/** What the rollout chart needs to say how far back its samples go. */
export interface SampleHistory {
  samples: readonly Pick<RolloutSample, 'at'>[];
  /** The most samples the server keeps per DaemonSet. */
  capacity: number;
  /** Since when the server has taken samples (epoch ms), when it said. */
  recordingSince?: number;
}

/**
 * The sentence under the rollout chart saying since when it has samples and why not earlier: the
 * server keeps them in memory (a restart starts them again) and only the latest `capacity`. Undefined
 * when there is nothing to date yet.
 */
export function samplesSinceText(
  history: SampleHistory,
  formatTime: (ms: number) => string,
): string | undefined {
  const first = history.samples[0];
  if (history.samples.length >= history.capacity && first !== undefined) {
    return `Samples since ${formatTime(first.at)}: the server keeps the latest ${history.capacity}.`;
  }
  if (history.recordingSince !== undefined) {
    return `Samples since ${formatTime(history.recordingSince)}, when this server began recording; they start again if the server restarts.`;
  }
  if (first === undefined) return undefined;
  return `Samples since ${formatTime(first.at)}; they start again if the server restarts.`;
}
