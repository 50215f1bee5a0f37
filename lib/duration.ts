/** Milliseconds per unit of a duration flag (`200ms`, `30s`, `2m`, `1h`). */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * Parses a duration such as `200ms`, `30s`, `1.5s`, `2m` or `1h` into milliseconds. A bare number is
 * refused: `--fault-latency 200` could mean 200 ms or 200 s. Returns undefined when unreadable.
 */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (match === null) return undefined;
  const [, amount, unit] = match;
  const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}
