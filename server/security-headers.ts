import 'server-only';

/**
 * The security headers every response carries (pages, assets and API alike). next.config.js holds a
 * copy in plain JavaScript, because Node 20 cannot load TypeScript from the config file; the test
 * beside this module fails if the two drift apart.
 */

/** One response header as Next.js `headers()` takes it. */
export interface SecurityHeader {
  key: string;
  value: string;
}

/** Whether the policy is for `next dev` (React's dev build evaluates code and needs 'unsafe-eval'). */
export interface PolicyOptions {
  dev: boolean;
}

/**
 * The Content-Security-Policy. Scripts allow 'unsafe-inline' because the App Router streams its RSC
 * payload as inline `<script>self.__next_f.push(…)</script>` tags; without nonces (which would force
 * every page to render per request) there is no other way for them to run. Styles allow inline too:
 * React and recharts set `style` attributes. Everything else is same-origin only.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const scripts = ["'self'", "'unsafe-inline'", ...(options.dev ? ["'unsafe-eval'"] : [])];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scripts],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Every feature the dashboard never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** The full header list for every path. */
export function securityHeaders(options: PolicyOptions): SecurityHeader[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  ];
}
