import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DaemonscopeError } from './errors';

/** The double-submit cookie: readable by the page (not HttpOnly) so it can echo it in a header. */
export const CSRF_COOKIE = 'daemonscope-csrf';
/** The header a mutation must carry, equal to the cookie. */
export const CSRF_HEADER = 'x-csrf-token';

/** A fresh unguessable token. */
export function issueCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The Set-Cookie value for a token: SameSite=Strict so no other site's request ever carries it. */
export function csrfCookie(token: string, secure = false): string {
  return `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** One cookie's value from a request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeCookieValue(rest.join('='));
  }
  return undefined;
}

// A malformed escape (`%E0%A4%A`) is kept as sent: it then matches no issued token, instead of throwing.
function decodeCookieValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The request's own origin as the browser addressed it (Host header first: proxies rewrite req.url). */
function ownOrigin(request: Request): { host: string } {
  const url = new URL(request.url);
  return { host: request.headers.get('host') ?? url.host };
}

/**
 * Refuses a request a browser made on behalf of another site. Browsers send Sec-Fetch-Site and
 * Origin on every POST; scripts (curl) send neither and are judged by the CSRF token alone.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new DaemonscopeError('forbidden', `cross-site request refused (Sec-Fetch-Site: ${site})`);
  }
  const origin = request.headers.get('origin');
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new DaemonscopeError('forbidden', `cross-site request refused (Origin: ${origin})`);
  }
  if (originHost !== ownOrigin(request).host) {
    throw new DaemonscopeError('forbidden', `cross-site request refused (Origin: ${origin})`);
  }
}

/** Refuses a mutation whose x-csrf-token header does not equal its daemonscope-csrf cookie. */
export function assertCsrfToken(request: Request): void {
  const cookie = readCookie(request, CSRF_COOKIE);
  const header = request.headers.get(CSRF_HEADER);
  if (cookie === undefined || cookie === '' || header === null || header === '') {
    throw new DaemonscopeError('forbidden', `missing CSRF token: GET /api/session, then send its csrfToken in the ${CSRF_HEADER} header`);
  }
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new DaemonscopeError('forbidden', 'CSRF token does not match the session cookie');
  }
}

/** Both checks every mutation route makes before touching a cluster. */
export function assertMutationAllowed(request: Request): void {
  assertSameOrigin(request);
  assertCsrfToken(request);
}
