import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGoInt64, parseCanonicalInt64, parseGoInt64 } from './go-int';

describe('parseGoInt64 (strconv.ParseInt base 10)', () => {
  it.each([
    ['0', 0n],
    ['42', 42n],
    ['+5', 5n],
    ['-7', -7n],
    ['0206', 206n],
    ['-0', 0n],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775808', null],
    ['', null],
    ['+', null],
    ['1e3', null],
    ['0x10', null],
    ['1_000', null],
    [' 1', null],
    ['1.0', null],
  ] as const)('%j → %s', (input, want) => {
    expect(parseGoInt64(input)).toBe(want);
  });
});

describe('parseCanonicalInt64 (content.IsDecimalInteger)', () => {
  it.each([
    ['0', 0n],
    ['12', 12n],
    ['-12', -12n],
    ['012', null],
    ['+12', null],
    ['-0', null],
    ['9223372036854775808', null],
    ['', null],
  ] as const)('%j → %s', (input, want) => {
    expect(parseCanonicalInt64(input)).toBe(want);
  });
});

describe('compareGoInt64', () => {
  it('agrees with BigInt comparison on the fast and slow paths', () => {
    const digits = fc.stringMatching(/^[+-]?[0-9]{1,20}$/);
    fc.assert(
      fc.property(digits, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (actual, bound) => {
        const parsed = parseGoInt64(actual);
        const want = parsed === null ? null : parsed < bound ? -1 : parsed > bound ? 1 : 0;
        expect(compareGoInt64(actual, bound)).toBe(want);
      }),
    );
  });

  it('rejects non-integers on the fast path', () => {
    expect(compareGoInt64('many', 4n)).toBeNull();
    expect(compareGoInt64('0206', 204n)).toBe(1);
  });
});
