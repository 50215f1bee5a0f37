import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, type SecurityHeader } from './security-headers';

// next.config.js is plain JavaScript without type declarations: load it by URL and name its shape here.
interface ConfigModule {
  default: { headers?: () => Promise<Array<{ source: string; headers: SecurityHeader[] }>> };
  securityHeaders: () => SecurityHeader[];
}
const loadConfig = async () => (await import(/* @vite-ignore */ new URL('../next.config.js', import.meta.url).href)) as ConfigModule;

const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

describe('content security policy', () => {
  it.each([
    ['default-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['object-src', ["'none'"]],
  ])('%s is %j', (name, sources) => {
    expect(directives(contentSecurityPolicy({ dev: false })).get(name)).toEqual(sources);
  });

  it.each([
    [false, undefined, ["'self'"]],
    [true, undefined, ["'self'", "'unsafe-eval'"]],
    [false, 'bm9uY2U=', ["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]],
    [true, 'bm9uY2U=', ["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'", "'unsafe-eval'"]],
  ])('script-src with dev=%s and nonce %s allows only %j', (dev, nonce, sources) => {
    expect(directives(contentSecurityPolicy({ dev, nonce })).get('script-src')).toEqual(sources);
  });

  it('never allows inline scripts without a nonce', () => {
    for (const dev of [false, true]) expect(contentSecurityPolicy({ dev })).not.toContain("'unsafe-inline' ");
    expect(directives(contentSecurityPolicy({ dev: false, nonce: 'x' })).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('makes a fresh 128-bit base64 nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('names no remote origin anywhere', () => {
    expect(contentSecurityPolicy({ dev: true })).not.toMatch(/https?:|\*/);
  });
});

describe('security headers', () => {
  it.each([
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
  ])('%s: %s', (key, value) => {
    expect(securityHeaders().find((header) => header.key === key)?.value).toBe(value);
  });

  it('Permissions-Policy switches off camera, microphone and geolocation', () => {
    const value = securityHeaders().find((header) => header.key === 'Permissions-Policy')?.value ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation']) expect(value).toContain(`${feature}=()`);
  });

  it('next.config.js carries the same headers', async () => {
    expect((await loadConfig()).securityHeaders()).toEqual(securityHeaders());
  });

  it('next.config.js applies them to every path', async () => {
    const rules = (await (await loadConfig()).default.headers?.()) ?? [];
    expect(rules).toEqual([{ source: '/:path*', headers: securityHeaders() }]);
  });
});
