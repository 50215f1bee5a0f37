/**
 * Delivery latencies of a soak: millions of samples (every change × every client), so they are
 * counted in buckets rather than kept. Buckets are 1 ms wide up to 1 s, then 10 ms wide up to 60 s;
 * a percentile is the upper edge of the bucket that holds it (an over-estimate by at most one bucket),
 * capped at the maximum seen; past 60 s it is the maximum.
 */

const FINE_LIMIT_MS = 1_000;
const FINE_WIDTH_MS = 1;
const COARSE_LIMIT_MS = 60_000;
const COARSE_WIDTH_MS = 10;
const FINE_BUCKETS = FINE_LIMIT_MS / FINE_WIDTH_MS;
const BUCKETS = FINE_BUCKETS + (COARSE_LIMIT_MS - FINE_LIMIT_MS) / COARSE_WIDTH_MS;

function bucketOf(ms: number): number {
  if (ms < FINE_LIMIT_MS) return Math.floor(Math.max(0, ms) / FINE_WIDTH_MS);
  return Math.min(BUCKETS - 1, FINE_BUCKETS + Math.floor((ms - FINE_LIMIT_MS) / COARSE_WIDTH_MS));
}

function upperEdge(bucket: number): number {
  if (bucket === BUCKETS - 1) return Number.POSITIVE_INFINITY; // the overflow bucket: only the maximum bounds it
  if (bucket < FINE_BUCKETS) return (bucket + 1) * FINE_WIDTH_MS;
  return FINE_LIMIT_MS + (bucket - FINE_BUCKETS + 1) * COARSE_WIDTH_MS;
}

/** A latency histogram with exact count, maximum and mean. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  maxMs = 0;
  private sumMs = 0;

  /** Records one latency (negative values, from clock granularity, count as 0). */
  add(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const value = Math.max(0, ms);
    const bucket = bucketOf(value);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count++;
    this.sumMs += value;
    if (value > this.maxMs) this.maxMs = value;
  }

  /** The p-th percentile (0 < p ≤ 100) as a bucket's upper edge, capped at the maximum seen; null when empty. */
  percentile(p: number): number | null {
    if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be within (0, 100], got ${p}`);
    if (this.count === 0) return null;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket] ?? 0;
      if (seen >= rank) return Math.min(upperEdge(bucket), this.maxMs);
    }
    return this.maxMs;
  }

  meanMs(): number | null {
    return this.count === 0 ? null : this.sumMs / this.count;
  }
}
