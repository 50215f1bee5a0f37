import 'server-only';
import { DaemonscopeError } from '../errors';

/** Longer hints than this are capped: a wrong header must not park a cluster's watch for hours. */
export const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * Seconds to wait from a Retry-After header (RFC 9110: delay-seconds or an HTTP-date), or undefined
 * when absent or unreadable. Capped at MAX_RETRY_AFTER_SECONDS.
 */
export function parseRetryAfterSeconds(header: string | undefined, nowMs: number): number | undefined {
  const text = header?.trim() ?? '';
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  // An HTTP-date names its weekday and month; V8's Date.parse would also take "-1" or "1.5".
  const at = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - nowMs) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * The wait the API server asked for with a failure, in ms: a refused watch's Retry-After
 * (WatchRequestError) or a failed list's Status `details.retryAfterSeconds` (kube-http adds the header
 * there). Undefined when it asked for none.
 */
export function retryAfterMs(error: unknown): number | undefined {
  let seconds: unknown;
  if (error instanceof DaemonscopeError) {
    const details = error.details;
    seconds = typeof details === 'object' && details !== null ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  } else if (typeof error === 'object' && error !== null && 'retryAfterSeconds' in error) {
    seconds = error.retryAfterSeconds;
  }
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000;
}
