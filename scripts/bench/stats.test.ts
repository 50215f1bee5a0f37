import { describe, expect, it } from 'vitest';
import { median, percentile, rounded } from './stats';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    ['p50 of 1..100', oneToHundred, 50, 50],
    ['p99 of 1..100', oneToHundred, 99, 99],
    ['p100 is the maximum', oneToHundred, 100, 100],
    ['p0 is the minimum', oneToHundred, 0, 1],
    ['p95 of 1..10 is 10', [3, 1, 2, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    ['p50 of an unsorted pair', [9, 1], 50, 1],
    ['one sample', [42], 99, 42],
    ['non-finite values are ignored', [Number.NaN, 5, Number.POSITIVE_INFINITY], 50, 5],
  ])('%s', (_name, values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is null for an empty sample', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it.each([-1, 101, Number.NaN])('rejects p = %s', (p) => {
    expect(() => percentile([1], p)).toThrow(/0\.\.100/);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it.each([
    ['odd count', [5, 1, 3], 3],
    ['even count averages the middle pair', [4, 1, 3, 2], 2.5],
    ['one value', [7], 7],
  ])('%s', (_name, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('is null for an empty sample', () => {
    expect(median([])).toBeNull();
  });
});

describe('rounded', () => {
  it.each([
    [1.23456, 2, 1.23],
    [1.235, 0, 1],
    [null, 2, null],
    [undefined, 2, null],
    [Number.NaN, 2, null],
  ])('rounded(%s, %s) = %s', (value, digits, expected) => {
    expect(rounded(value, digits)).toBe(expected);
  });
});
