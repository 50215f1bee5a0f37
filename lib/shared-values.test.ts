import { describe, expect, it } from 'vitest';
import { SharedStrings, SharedValues, tupleKey } from './shared-values';

describe('SharedValues', () => {
  it('hands out one frozen value per key, made once', () => {
    const table = new SharedValues<{ list: string[] }>(4);
    let made = 0;
    const make = () => ({ list: [`v${++made}`] });
    const first = table.get('a', make);
    expect(table.get('a', make)).toBe(first);
    expect(made).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen(first.list)).toBe(true);
    expect(table.get('b', make)).not.toBe(first);
  });

  it('starts over past its capacity, so ever new keys cannot grow it; values handed out stay intact', () => {
    const table = new SharedValues<string[]>(3);
    const kept = table.get('k0', () => ['zero']);
    for (let i = 1; i < 10; i++) table.get(`k${i}`, () => [`v${i}`]);
    expect(table.size()).toBeLessThanOrEqual(3);
    expect(kept).toEqual(['zero']);
  });
});

describe('SharedStrings', () => {
  // String identity is not observable from JavaScript (=== compares contents); the table's size is.
  it('keeps one entry for equal strings and leaves other values alone', () => {
    const strings = new SharedStrings(8);
    expect(strings.get(JSON.parse('"2026-01-01T00:00:00Z"') as string)).toBe('2026-01-01T00:00:00Z');
    expect(strings.get(JSON.parse('"2026-01-01T00:00:00Z"') as string)).toBe('2026-01-01T00:00:00Z');
    expect(strings.size()).toBe(1);
    expect(strings.get(7)).toBe(7);
    expect(strings.get(undefined)).toBeUndefined();
    const object = {};
    expect(strings.get(object)).toBe(object);
    expect(strings.size()).toBe(1);
  });

  it('stays within its capacity', () => {
    const strings = new SharedStrings(5);
    for (let i = 0; i < 50; i++) strings.get(`s${i}`);
    expect(strings.size()).toBeLessThanOrEqual(5);
  });
});

describe('tupleKey', () => {
  it.each([
    ['strings and gaps', ['a', undefined, 'b'], 'sa\u0000-sb\u0000'],
    ['an empty string is not a gap', [''], 's\u0000'],
    ['a number is not shared', ['a', 1], undefined],
    ['null is not shared', [null], undefined],
    ['an object is not shared', [{}], undefined],
    ['a string holding the separator is not shared', ['a\u0000b'], undefined],
  ])('%s', (_name, parts, expected) => {
    expect(tupleKey(parts)).toBe(expected);
  });

  it('tells tuples apart that a plain join would confuse', () => {
    const tuples: unknown[][] = [['ab', 'c'], ['a', 'bc'], ['a', undefined], [undefined, 'a'], ['-'], [undefined], ['s'], ['a-', undefined], ['a', '-']];
    const keys = tuples.map(tupleKey);
    expect(new Set(keys).size).toBe(tuples.length);
  });
});
