import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram';

function histogramOf(values: readonly number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.add(value);
  return histogram;
}

const oneToThousand = Array.from({ length: 1000 }, (_, i) => i + 0.5);

describe('LatencyHistogram', () => {
  it.each([
    ['p50 of 0.5..999.5 (1 ms buckets)', oneToThousand, 50, 500],
    ['p99 of 0.5..999.5', oneToThousand, 99, 990],
    ['p100 is the maximum', oneToThousand, 100, 999.5],
    ['one sample: capped at the value itself', [42.2], 99, 42.2],
    ['coarse buckets above 1 s are 10 ms wide', [1_234, 1_236, 5_000], 50, 1_240],
    ['beyond 60 s: the maximum', [90_000, 120_000], 50, 120_000],
    ['negative latencies count as 0', [-3, -1], 50, 0],
    ['a slow tail shows at p99, not at p50', [...Array.from({ length: 98 }, () => 20), 3_000, 3_000], 99, 3_000],
    ['…and the p50 stays with the bulk', [...Array.from({ length: 98 }, () => 20), 3_000, 3_000], 50, 21],
  ])('%s', (_name, values, p, expected) => {
    expect(histogramOf(values).percentile(p)).toBeCloseTo(expected, 6);
  });

  it('counts, and keeps the maximum and the mean', () => {
    const histogram = histogramOf([10, 20, 30, Number.NaN]);
    expect(histogram.count).toBe(3);
    expect(histogram.maxMs).toBe(30);
    expect(histogram.meanMs()).toBe(20);
  });

  it('is empty at first', () => {
    expect(new LatencyHistogram().percentile(99)).toBeNull();
    expect(new LatencyHistogram().meanMs()).toBeNull();
  });

  it.each([0, -1, 101, Number.NaN])('rejects p = %s', (p) => {
    expect(() => new LatencyHistogram().percentile(p)).toThrow(/\(0, 100\]/);
  });
});
