import { namedSessionUser, sessionNames } from '@/server/auth/session-name';
import { getRegistry } from '@/server/clusters/global-registry';
import { getConfig } from '@/server/config';
import { CSRF_COOKIE, csrfCookie, issueCsrfToken, readCookie } from '@/server/csrf';
import { route } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `{ csrfToken, readOnly, authMode, user, signedIn, signIn? }` and the `daemonscope-csrf` cookie (double submit: mutations send the
 * token back in `x-csrf-token`). An existing token is kept so several tabs share one. In token mode `user` is
 * the name the cluster gives the session's token (cached for a minute), so a reload still says who is signed in.
 */
export const GET = route(async (request) => {
  const existing = readCookie(request, CSRF_COOKIE);
  const csrfToken = existing !== undefined && /^[A-Za-z0-9_-]{32,}$/.test(existing) ? existing : issueCsrfToken();
  const secure = new URL(request.url).protocol === 'https:';
  const config = getConfig();
  const user = await namedSessionUser(request, config.auth, getRegistry(), sessionNames());
  return Response.json(
    { csrfToken, readOnly: config.readOnly, ...user },
    { headers: { 'Set-Cookie': csrfCookie(csrfToken, secure), 'Cache-Control': 'no-store' } },
  );
});
