import { NextResponse } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/server/security-headers';

/**
 * Runs before routing, for pages and API alike (build assets aside):
 * - Next.js decodes dynamic route segments itself and answers a bare 500 when a segment's
 *   percent-encoding is malformed (`/api/c/demo/nodes/%E0%A4%A`), before any handler can validate
 *   it; such paths are refused first with a Kubernetes-style 400.
 * - Every response gets its Content-Security-Policy here. A page's policy allows only scripts with a
 *   nonce made for this request; passing the policy on as a request header is how the App Router
 *   learns the nonce and puts it on the scripts it renders. Other responses allow no inline script.
 */
export function proxy(request: Request): Response {
  const path = new URL(request.url).pathname;
  const dev = process.env.NODE_ENV === 'development';
  if (hasMalformedEscape(path)) {
    const message = `malformed percent-encoding in the request path "${path.slice(0, 80)}"`;
    const response = Response.json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, reason: 'BadRequest', message }, { status: 400 });
    response.headers.set('Content-Security-Policy', contentSecurityPolicy({ dev }));
    return response;
  }
  if (isApiPath(path)) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', contentSecurityPolicy({ dev }));
    return response;
  }
  const policy = contentSecurityPolicy({ dev, nonce: newNonce() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/** Whether the path is the JSON API's (no page, so no scripts). */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Whether some escape in the path does not decode (a lone `%`, bad hex, or a broken UTF-8 sequence). */
export function hasMalformedEscape(path: string): boolean {
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export const config = {
  // Build assets never carry escapes and run no inline script; everything else is checked.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
