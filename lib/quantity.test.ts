import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  maxQuantity,
  multiplyQuantity,
  parseQuantity,
  quantityMilliValue,
  quantityRatio,
  quantityToNumber,
  sumQuantities,
  tryParseQuantity,
} from './quantity';

const q = parseQuantity;
const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX = "unable to parse quantity's suffix";

describe('parseQuantity → formatQuantity (canonical form)', () => {
  it.each([
    ['100m', '100m', 100_000_000n],
    ['128Mi', '128Mi', 134217728n * 1_000_000_000n],
    ['1.5Gi', '1536Mi', 1610612736n * 1_000_000_000n],
    ['2e3', '2e3', 2000n * 1_000_000_000n],
    ['1k', '1k', 1000n * 1_000_000_000n],
    ['0.5', '500m', 500_000_000n],
    ['1000m', '1', 1_000_000_000n],
    ['1500', '1500', 1500n * 1_000_000_000n],
    ['1Ki', '1Ki', 1024n * 1_000_000_000n],
    ['0.5Ki', '512', 512n * 1_000_000_000n],
    ['1024', '1024', 1024n * 1_000_000_000n],
    ['1E', '1E', 10n ** 27n],
    ['12e6', '12e6', 12_000_000n * 1_000_000_000n],
    ['1.5e3', '1500', 1500n * 1_000_000_000n],
    ['1200e-3', '1200e-3', 1_200_000_000n],
    ['0.1n', '1n', 1n],
    ['-0.1n', '-1n', -1n],
    ['1u', '1u', 1000n],
    ['-100m', '-100m', -100_000_000n],
    ['+3', '3', 3_000_000_000n],
    ['007', '7', 7_000_000_000n],
    ['0', '0', 0n],
    ['.', '0', 0n],
    ['1.G', '1G', 1_000_000_000n * 1_000_000_000n],
    ['1.5Mi', '1536Ki', 1572864n * 1_000_000_000n],
    ['1.1Ki', '1126400m', 1126400000000n],
    ['16Ei', '9223372036854775807', 9223372036854775807n * 1_000_000_000n],
    ['100E', '9223372036854775807', 9223372036854775807n * 1_000_000_000n],
  ])('%s reads as %s', (text, canonical, nanos) => {
    const quantity = q(text);
    expect(quantity.nanos).toBe(nanos);
    expect(formatQuantity(quantity)).toBe(canonical);
  });

  it('reads JSON numbers as their text', () => {
    expect(formatQuantity(q(2))).toBe('2');
    expect(formatQuantity(q(0.25))).toBe('250m');
    expect(formatQuantity(q(1e21))).toBe('1e21');
  });
});

describe('parseQuantity rejects malformed input with upstream messages', () => {
  it.each([
    ['', FORMAT_WRONG],
    ['abc', FORMAT_WRONG],
    ['1 Gi', FORMAT_WRONG],
    ['1.5.5', FORMAT_WRONG],
    ['1Xi', FORMAT_WRONG],
    ['--1', SUFFIX],
    ['1K', SUFFIX],
    ['1iM', SUFFIX],
    ['1e', SUFFIX],
    ['1e+', SUFFIX],
    ['1Mi5', SUFFIX],
    ['1e99999', SUFFIX],
  ])('%j', (text, message) => {
    expect(() => q(text)).toThrow(message);
    expect(tryParseQuantity(text)).toEqual({ error: message });
  });

  it('rejects non-finite numbers and non-strings without crashing', () => {
    expect(tryParseQuantity(Number.NaN)).toEqual({ error: FORMAT_WRONG });
    expect(tryParseQuantity(null)).toEqual({ error: FORMAT_WRONG });
    expect(tryParseQuantity({})).toEqual({ error: FORMAT_WRONG });
  });
});

describe('arithmetic is exact', () => {
  it('256Mi × 100 is 25Gi', () => {
    expect(formatQuantity(multiplyQuantity(q('256Mi'), 100))).toBe('25Gi');
  });

  it('100m + 200m is exactly 300m (no float drift)', () => {
    expect(formatQuantity(addQuantities(q('100m'), q('200m')))).toBe('300m');
    expect(formatQuantity(sumQuantities([q('0.1'), q('0.2')]))).toBe('300m');
  });

  it('keeps the first operand format', () => {
    expect(formatQuantity(addQuantities(q('1Gi'), q('1G')))).toBe('2073741824');
    expect(formatQuantity(sumQuantities([q('512Mi'), q('512Mi')]))).toBe('1Gi');
    expect(formatQuantity(sumQuantities([]))).toBe('0');
  });

  it('compares, takes the max, and gives milli values rounded up', () => {
    expect(compareQuantities(q('1'), q('1000m'))).toBe(0);
    expect(compareQuantities(q('1Ki'), q('1k'))).toBe(1);
    expect(formatQuantity(maxQuantity(q('500m'), q('1')))).toBe('1');
    expect(quantityMilliValue(q('1n'))).toBe(1n);
    expect(quantityMilliValue(q('1.5'))).toBe(1500n);
  });

  it('converts to floats only for ratios', () => {
    expect(quantityToNumber(q('1536Mi'))).toBe(1610612736);
    expect(quantityRatio(q('500m'), q('2'))).toBe(0.25);
    expect(quantityRatio(q('1'), q('0'))).toBeUndefined();
  });

  it('rejects a fractional factor', () => {
    expect(() => multiplyQuantity(q('1'), 1.5)).toThrow('integer');
  });
});

describe('properties', () => {
  const textArb = fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.bigInt({ min: 0n, max: 10n ** 12n }),
      fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'e3', 'e-3', 'u', 'n'),
    )
    .map(([sign, digits, suffix]) => `${sign}${digits}${suffix}`);

  it('canonical text parses back to the same value (round trip)', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const quantity = q(text);
        expect(q(formatQuantity(quantity)).nanos).toBe(quantity.nanos);
      }),
    );
  });

  it('sums are independent of order', () => {
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 8 }), (texts) => {
        const forward = sumQuantities(texts.map(q)).nanos;
        const backward = sumQuantities([...texts].reverse().map(q)).nanos;
        expect(forward).toBe(backward);
      }),
    );
  });
});
