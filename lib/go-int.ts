/**
 * Integer parsing with Go's rules, for the two places upstream compares numbers held in strings.
 */

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
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

/**
 * A strict canonical decimal int64 (no leading zeros, no '+', no "-0"), as `content.IsDecimalInteger`
 * requires for toleration `Gt`/`Lt` values; null otherwise.
 */
export function parseCanonicalInt64(s: string): bigint | null {
  if (!canonicalDecimalPattern.test(s)) return null;
  return inInt64Range(BigInt(s));
}
