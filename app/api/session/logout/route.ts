import { clearSessionCookie } from '@/server/auth/session-cookie';
import { assertMutationAllowed } from '@/server/csrf';
import { route } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Signs out: the session cookie (and with it the token) is dropped from the browser. */
export const POST = route(async (request) => {
  assertMutationAllowed(request);
  const secure = new URL(request.url).protocol === 'https:';
  return Response.json({ ok: true }, { headers: { 'Set-Cookie': clearSessionCookie(secure), 'Cache-Control': 'no-store' } });
});
