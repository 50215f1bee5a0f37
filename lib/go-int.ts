/**
 * Integer parsing with Go's rules, for the two places upstream compares numbers held in strings.
 */

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const safeMin = BigInt(Number.MIN_SAFE_INTEGER);
const safeMax = BigInt(Number.MAX_SAFE_INTEGER);
const parseIntPattern = /^[+-]?[0-9]+$/;
const canonicalDecimalPattern = /^(0|-?[1-9][0-9]*)$/;

function inInt64Range(n: bigint): bigint | null {
  return n < int64Min || n > int64Max ? null : n;
}

/**
 * Go's `strconv.ParseInt(s, 10, 64)`: an optional sign, then decimal digits (leading zeros allowed),
 * within int64; null where Go returns an error. Node-affinity `Gt`/`Lt` use this.
 */
export function parseGoInt64(s: string): bigint | null {
  if (!parseIntPattern.test(s)) return null;
  // BigInt() rejects a leading '+', which Go accepts.
  return inInt64Range(BigInt(s.startsWith('+') ? s.slice(1) : s));
}

/** `n` as a Number when that is exact, else null. */
export function toSafeNumber(n: bigint): number | null {
  return n >= safeMin && n <= safeMax ? Number(n) : null;
}

/**
 * `actual` (a label value) compared with `bound` as Go ParseInt would: -1, 0, 1, or null when
 * `actual` is not an int64. Short values take a Number fast path (exact below 2^53).
 */
export function compareGoInt64(
  actual: string,
  bound: bigint,
  safeBound: number | null = toSafeNumber(bound),
): -1 | 0 | 1 | null {
  // 15 characters hold at most 15 digits, below 2^53, so Number() is exact.
  if (actual.length <= 15 && safeBound !== null) {
    if (!parseIntPattern.test(actual)) return null;
    const a = Number(actual);
    return a < safeBound ? -1 : a > safeBound ? 1 : 0;
  }
  const parsed = parseGoInt64(actual);
  if (parsed === null) return null;
  return parsed < bound ? -1 : parsed > bound ? 1 : 0;
}

/**
 * A strict canonical decimal int64 (no leading zeros, no '+', no "-0"), as `content.IsDecimalInteger`
 * requires for toleration `Gt`/`Lt` values; null otherwise.
 */
export function parseCanonicalInt64(s: string): bigint | null {
  if (!canonicalDecimalPattern.test(s)) return null;
  return inInt64Range(BigInt(s));
}
