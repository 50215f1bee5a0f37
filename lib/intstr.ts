/**
 * Int-or-percent values (`1`, `"25%"`) as apimachinery's `pkg/util/intstr` reads them.
 * Error texts are upstream's, so they read the same in our UI as in a controller log.
 */
import type { IntOrString } from './k8s-types';

/** Go's `strconv.Atoi` on a 64-bit platform: optional sign, decimal digits only, int64 range. */
export function goAtoi(text: string): { value: number } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(text)) return { error: `strconv.Atoi: parsing ${goQuote(text)}: invalid syntax` };
  const big = BigInt(text);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    return { error: `strconv.Atoi: parsing ${goQuote(text)}: value out of range` };
  }
  return { value: Number(big) };
}

/** Go's `%q` for the plain strings we meet here (JSON escaping is the same for printable ASCII). */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** An int-or-string split into its number and whether it was a percentage (upstream `getIntOrPercentValueSafely`). */
export function intOrPercentValue(value: IntOrString): { value: number; isPercent: boolean } | { error: string } {
  if (typeof value === 'number') {
    // JSON decoding into an int32 rejects fractions; we say so instead of truncating silently.
    if (!Number.isInteger(value)) return { error: 'invalid type: neither int nor percentage' };
    return { value, isPercent: false };
  }
  if (typeof value !== 'string') return { error: 'invalid type: neither int nor percentage' };
  if (!value.endsWith('%')) return { error: 'invalid type: string is not a percentage' };
  const parsed = goAtoi(value.slice(0, -1));
  if ('error' in parsed) return { error: `invalid value ${goQuote(value)}: ${parsed.error}` };
  return { value: parsed.value, isPercent: true };
}

/**
 * Upstream `intstr.GetScaledValueFromIntOrPercent`: an int as is, a percentage of `total` rounded up or
 * down. Throws an Error with upstream's text for null, non-percent strings and bad numbers.
 */
export function scaledValueFromIntOrPercent(
  value: IntOrString | null | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === null || value === undefined) throw new Error('nil value for IntOrString');
  const parsed = intOrPercentValue(value);
  if ('error' in parsed) throw new Error(`invalid value for IntOrString: ${parsed.error}`);
  if (!parsed.isPercent) return parsed.value;
  // Same float64 operations in the same order as upstream, so results agree to the last bit.
  const scaled = (parsed.value * total) / 100;
  const rounded = roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  return rounded === 0 ? 0 : rounded; // no -0 from negative percentages
}
