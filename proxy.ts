import { NextResponse } from 'next/server';

/**
 * Runs before routing. Next.js decodes dynamic route segments itself and answers a bare 500 when a
 * segment's percent-encoding is malformed (`/api/c/demo/nodes/%E0%A4%A`), before any handler can
 * validate it; this refuses such paths first with a Kubernetes-style 400.
 */
export function proxy(request: Request): Response {
  const path = new URL(request.url).pathname;
  if (!hasMalformedEscape(path)) return NextResponse.next();
  const message = `malformed percent-encoding in the request path "${path.slice(0, 80)}"`;
  return Response.json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, reason: 'BadRequest', message }, { status: 400 });
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
  // Build assets never carry escapes; everything else (pages and API) is checked.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
