import 'server-only';

/**
 * The security headers. next.config.js holds a copy of the fixed ones in plain JavaScript, because
 * Node 20 cannot load TypeScript from the config file; the test beside this module fails if the two
 * drift apart. The Content-Security-Policy carries a per-request nonce and is set by proxy.ts.
 */

/** One response header as Next.js `headers()` takes it. */
export interface SecurityHeader {
  key: string;
  value: string;
}

/** What the policy is for. */
export interface PolicyOptions {
  /** `next dev`: React's development build evaluates code and needs 'unsafe-eval'. */
  dev: boolean;
  /**
   * The page's per-request nonce. The App Router streams its RSC payload as inline
   * `<script>self.__next_f.push(…)</script>` tags and puts this nonce on them (and on its script
   * tags) when the request carries a policy with one; 'strict-dynamic' lets the chunks those scripts
   * load run too. Without a nonce (a response that is not a page) no inline script may run at all.
   */
  nonce?: string;
}

/**
 * The Content-Security-Policy. Scripts: only the nonce's (no 'unsafe-inline'). Styles allow inline:
 * React and recharts set `style` attributes. Everything else is same-origin only.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const scripts = [
    "'self'",
    ...(options.nonce === undefined ? [] : [`'nonce-${options.nonce}'`, "'strict-dynamic'"]),
    ...(options.dev ? ["'unsafe-eval'"] : []),
  ];
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

/** A fresh nonce: 128 random bits, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Every feature the dashboard never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * The headers every path carries (next.config.js `headers()`). The Content-Security-Policy is not among
 * them: it holds a per-request nonce, so proxy.ts sets it on every response it sees (pages and API).
 */
export function securityHeaders(): SecurityHeader[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  ];
}
