import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneJson, jsonEqual } from './json-value';

describe('jsonEqual', () => {
  it.each([
    ['equal nested objects, keys in another order', { a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1 }, true],
    ['undefined properties ignored on either side', { a: 1, b: undefined }, { a: 1, c: undefined }, true],
    ['a missing key', { a: 1, b: 2 }, { a: 1 }, false],
    ['an extra key', { a: 1 }, { a: 1, b: 2 }, false],
    ['same count, different keys', { a: 1, b: undefined }, { b: 1 }, false],
    ['null is not an empty object', { a: null }, { a: {} }, false],
    ['arrays by position', [1, 2], [2, 1], false],
    ['an array is not an object', { 0: 'a' }, ['a'], false],
    ['different primitives', { a: '1' }, { a: 1 }, false],
  ])('%s', (_label, a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });

  it('agrees with comparing JSON text of key-sorted values', () => {
    const sortedText = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : item);
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      expect(jsonEqual(a, b)).toBe(sortedText(a) === sortedText(b));
      expect(jsonEqual(a, cloneJson(a))).toBe(true);
    }));
  });
});
