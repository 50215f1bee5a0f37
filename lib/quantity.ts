/**
 * Resource quantities (`100m`, `128Mi`, `1.5Gi`, `2e3`) parsed and printed as apimachinery's
 * `pkg/api/resource` does. Values are exact: a signed count of nano-units in a bigint, so sums and
 * products never drift the way `0.1 + 0.2` does.
 */

/** How a quantity prints: decimal SI suffixes, binary (1024-based) suffixes, or `e<n>` exponents. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: `nanos` × 10⁻⁹ base units, and the format it prints in. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** A malformed quantity string; the message is upstream's. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANOS_PER_UNIT = 1_000_000_000n;
/** Upstream caps DecimalSI and BinarySI quantities at the largest int64. */
const MAX_ALLOWED_NANOS = 9223372036854775807n * NANOS_PER_UNIT;
/** Beyond this a decimal exponent only costs memory; no resource is that large or small. */
const MAX_EXPONENT = 10_000;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_BY_EXPONENT = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The zero quantity. */
export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

interface QuantityParts {
  negative: boolean;
  whole: string;
  fraction: string;
  suffix: string;
}

/**
 * Upstream `parseQuantityString`: sign, digits, optional `.digits`, then suffix letters with an
 * optional signed exponent. Like upstream it accepts `.`, `-` and `1.G`; it rejects anything else.
 */
function splitQuantity(text: string): QuantityParts {
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (text === '' || !match) throw new QuantityError(ERR_FORMAT_WRONG);
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  return { negative: sign === '-', whole, fraction, suffix };
}

/** Upstream `suffixHandler.interpret`: decimal SI, then binary SI, then `e`/`E` with a base-10 int64. */
function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) <= MAX_EXPONENT) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(ERR_SUFFIX);
}

/** Division rounding away from zero for non-negative operands, as upstream's `inf.RoundUp` to nano scale. */
function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/**
 * Parses a quantity exactly as the API server does (`resource.ParseQuantity`): values below 1n round
 * up to 1n, DecimalSI and BinarySI values are capped at 2⁶³−1. JSON numbers are read as their text.
 * Throws a {@link QuantityError} with upstream's message for malformed input.
 */
export function parseQuantity(input: string | number): Quantity {
  if (typeof input === 'number' && !Number.isFinite(input)) throw new QuantityError(ERR_FORMAT_WRONG);
  if (typeof input !== 'string' && typeof input !== 'number') throw new QuantityError(ERR_FORMAT_WRONG);
  const parts = splitQuantity(String(input));
  const { base, exponent, format } = interpretSuffix(parts.suffix);
  const digits = BigInt(`${parts.whole}${parts.fraction}` || '0');
  const fractionScale = 10n ** BigInt(parts.fraction.length);
  let magnitude: bigint;
  if (base === 2) {
    magnitude = ceilDiv(digits * (1n << BigInt(exponent)) * NANOS_PER_UNIT, fractionScale);
  } else {
    const shift = exponent - parts.fraction.length + 9;
    magnitude = shift >= 0 ? digits * 10n ** BigInt(shift) : ceilDiv(digits, 10n ** BigInt(-shift));
  }
  if (format !== 'DecimalExponent' && magnitude > MAX_ALLOWED_NANOS) magnitude = MAX_ALLOWED_NANOS;
  return { nanos: parts.negative ? -magnitude : magnitude, format };
}

/** {@link parseQuantity} without throwing: the quantity, or upstream's reason it is malformed. */
export function tryParseQuantity(input: unknown): { quantity: Quantity } | { error: string } {
  if (typeof input !== 'string' && typeof input !== 'number') return { error: ERR_FORMAT_WRONG };
  try {
    return { quantity: parseQuantity(input) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Moves factors of `base` out of `value` (upstream `removeInt64Factors`). */
function removeFactors(value: bigint, base: bigint): { value: bigint; times: number } {
  let times = 0;
  while (value >= base && value % base === 0n) {
    value /= base;
    times++;
  }
  return { value, times };
}

/** Upstream `AsCanonicalBytes`: integer mantissa, exponent a multiple of 3. */
function decimalMantissa(magnitude: bigint): { mantissa: bigint; exponent: number } {
  const stripped = removeFactors(magnitude, 10n);
  let mantissa = stripped.value;
  let exponent = stripped.times - 9;
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  return { mantissa, exponent };
}

function formatDecimal(magnitude: bigint, format: QuantityFormat): string {
  let { mantissa, exponent } = decimalMantissa(magnitude);
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Sums can pass exa; upstream would drop the suffix there, we keep the value right instead.
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
}

function formatBinary(units: bigint): string {
  const stripped = removeFactors(units, 1024n);
  let value = stripped.value;
  let times = stripped.times;
  if (times >= BINARY_BY_EXPONENT.length) {
    value *= 1024n ** BigInt(times - BINARY_BY_EXPONENT.length + 1);
    times = BINARY_BY_EXPONENT.length - 1;
  }
  return `${value}${BINARY_BY_EXPONENT[times] ?? ''}`;
}

/**
 * The canonical text of a quantity (upstream `Quantity.String` via `CanonicalizeBytes`): `0`,
 * `100m`, `1536Mi`, `25Gi`. BinarySI values below 1024 or with a fraction print as DecimalSI.
 */
export function formatQuantity(quantity: Quantity): string {
  const { nanos, format } = quantity;
  if (nanos === 0n) return '0';
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  const isWholeUnits = magnitude % NANOS_PER_UNIT === 0n;
  if (format === 'BinarySI' && magnitude >= 1024n * NANOS_PER_UNIT && isWholeUnits) {
    return sign + formatBinary(magnitude / NANOS_PER_UNIT);
  }
  return sign + formatDecimal(magnitude, format === 'BinarySI' ? 'DecimalSI' : format);
}

/** a + b, in a's format (upstream `Quantity.Add`). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

/** The sum of quantities, in the first one's format; zero for none. */
export function sumQuantities(quantities: Iterable<Quantity>): Quantity {
  let total: Quantity | undefined;
  for (const quantity of quantities) total = total === undefined ? quantity : addQuantities(total, quantity);
  return total ?? ZERO_QUANTITY;
}

/** q × an integer factor (node counts); throws for a non-integer factor, which would lose exactness. */
export function multiplyQuantity(quantity: Quantity, factor: number | bigint): Quantity {
  if (typeof factor === 'number' && !Number.isSafeInteger(factor)) {
    throw new RangeError(`quantity factor must be an integer, got ${factor}`);
  }
  return { nanos: quantity.nanos * BigInt(factor), format: quantity.format };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The larger of two quantities (the first on a tie). */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(b, a) > 0 ? b : a;
}

/** Upstream `MilliValue`: the value in thousandths, rounded up. */
export function quantityMilliValue(quantity: Quantity): bigint {
  const { nanos } = quantity;
  const divisor = 1_000_000n;
  return nanos >= 0n ? ceilDiv(nanos, divisor) : -(-nanos / divisor);
}

/** The value as a float in base units (cores, bytes), for ratios and charts only, never for sums. */
export function quantityToNumber(quantity: Quantity): number {
  const whole = quantity.nanos / NANOS_PER_UNIT;
  const rest = quantity.nanos % NANOS_PER_UNIT;
  return Number(whole) + Number(rest) / 1e9;
}

/** a ÷ b as a float (a node's share of allocatable); undefined when b is zero. */
export function quantityRatio(a: Quantity, b: Quantity): number | undefined {
  if (b.nanos === 0n) return undefined;
  // Scale in bigint first so huge byte counts keep their precision before the one float division.
  const scaled = (a.nanos * 1_000_000_000_000n) / b.nanos;
  return Number(scaled) / 1e12;
}
