import { describe, expect, it } from 'vitest';
import { fitTrend, type MemorySample } from './trend';

/** Samples every `step` seconds from 0 to `until`, valued by `f(seconds)`. */
function series(until: number, step: number, f: (seconds: number) => number): MemorySample[] {
  return Array.from({ length: Math.floor(until / step) + 1 }, (_, i) => ({ atSeconds: i * step, rssMB: f(i * step) }));
}

describe('fitTrend', () => {
  it.each([
    ['flat', series(600, 5, () => 200), 0, 0],
    ['1 MB per minute', series(600, 5, (s) => 200 + s / 60), 0, 1],
    ['shrinking 3 MB per minute', series(600, 5, (s) => 500 - (3 * s) / 60), 0, -3],
    ['a sawtooth (GC) around a flat line', series(600, 5, (s) => 200 + ((s / 5) % 2 === 0 ? 10 : -10)), 0, 0],
    ['warm-up growth left out', series(600, 5, (s) => (s < 120 ? 100 + s : 220)), 120, 0],
    ['warm-up growth counted when not left out', series(600, 5, (s) => (s < 120 ? 100 + s : 220)), 0, undefined],
  ])('%s', (_name, samples, from, expected) => {
    const trend = fitTrend(samples, from);
    expect(trend).toBeDefined();
    if (expected === undefined) expect(trend?.slopeMBPerMin).toBeGreaterThan(5);
    else expect(trend?.slopeMBPerMin).toBeCloseTo(expected, 1);
  });

  it('reports the span, the ends and the range of the fitted samples', () => {
    const trend = fitTrend(series(600, 60, (s) => 100 + s / 60), 60);
    expect(trend).toMatchObject({ samples: 10, spanMinutes: 9, firstMB: 101, lastMB: 110, minMB: 101, maxMB: 110 });
  });

  it.each([
    ['no samples', []],
    ['two samples', series(10, 5, () => 1).slice(0, 2)],
    ['all before the warm-up ends', series(100, 5, () => 1)],
    ['no time span', [0, 1, 2].map((i) => ({ atSeconds: 7, rssMB: i }))],
  ])('cannot judge %s', (_name, samples) => {
    expect(fitTrend(samples, 101)).toBeUndefined();
  });

  it('fits the heap when asked, skipping samples without one', () => {
    const samples = series(600, 5, () => 300).map((sample, i) => ({ ...sample, heapMB: i % 2 === 0 ? 50 + sample.atSeconds / 30 : undefined }));
    expect(fitTrend(samples, 0, (s) => s.heapMB)?.slopeMBPerMin).toBeCloseTo(2, 5);
  });
});
