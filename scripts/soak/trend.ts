/** The memory trend of a soak: a least-squares line through (time, MB) samples, in MB per minute. */

/** One memory reading. */
export interface MemorySample {
  /** Seconds since the soak's drive started. */
  atSeconds: number;
  /** Resident memory of the dashboard server (its whole process group), MB. */
  rssMB: number;
  /** V8 heap in use, MB, when the stack can read it (the in-process stack can; `next start` does not expose it). */
  heapMB?: number;
}

/** A fitted line: slope in MB per minute, and how well the points follow it. */
export interface Trend {
  /** MB per minute. */
  slopeMBPerMin: number;
  /** Samples the line was fitted to. */
  samples: number;
  /** Minutes between the first and the last of them. */
  spanMinutes: number;
  /** Mean of the first and of the last tenth of them (at least one sample each): the drift in plain numbers. */
  firstMB: number;
  lastMB: number;
  minMB: number;
  maxMB: number;
}

/**
 * Least-squares slope of `value(sample)` over `atSeconds`, for the samples at or after `fromSeconds`;
 * undefined when fewer than three samples or no time span remain (no line can be judged from them).
 */
export function fitTrend(samples: readonly MemorySample[], fromSeconds: number, value: (sample: MemorySample) => number | undefined = (s) => s.rssMB): Trend | undefined {
  const points = samples
    .filter((sample) => sample.atSeconds >= fromSeconds)
    .map((sample) => ({ x: sample.atSeconds, y: value(sample) }))
    .filter((point): point is { x: number; y: number } => point.y !== undefined && Number.isFinite(point.y) && Number.isFinite(point.x));
  if (points.length < 3) return undefined;
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return undefined;
  const tenth = Math.max(1, Math.floor(n / 10));
  const mean = (part: readonly { y: number }[]) => part.reduce((sum, p) => sum + p.y, 0) / part.length;
  const ys = points.map((p) => p.y);
  return {
    slopeMBPerMin: (sxy / sxx) * 60,
    samples: n,
    spanMinutes: ((points[n - 1]?.x ?? 0) - (points[0]?.x ?? 0)) / 60,
    firstMB: mean(points.slice(0, tenth)),
    lastMB: mean(points.slice(n - tenth)),
    minMB: Math.min(...ys),
    maxMB: Math.max(...ys),
  };
}
