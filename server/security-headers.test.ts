import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders, type SecurityHeader } from './security-headers';

// next.config.js is plain JavaScript without type declarations: load it by URL and name its shape here.
interface ConfigModule {
  default: { headers?: () => Promise<Array<{ source: string; headers: SecurityHeader[] }>> };
  securityHeaders: (options: { dev: boolean }) => SecurityHeader[];
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
    [false, ["'self'", "'unsafe-inline'"]],
    [true, ["'self'", "'unsafe-inline'", "'unsafe-eval'"]],
  ])('script-src with dev=%s allows only %j', (dev, sources) => {
    expect(directives(contentSecurityPolicy({ dev })).get('script-src')).toEqual(sources);
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
    expect(securityHeaders({ dev: false }).find((header) => header.key === key)?.value).toBe(value);
  });

  it('Permissions-Policy switches off camera, microphone and geolocation', () => {
    const value = securityHeaders({ dev: false }).find((header) => header.key === 'Permissions-Policy')?.value ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation']) expect(value).toContain(`${feature}=()`);
  });

  it.each([false, true])('next.config.js carries the same headers (dev=%s)', async (dev) => {
    expect((await loadConfig()).securityHeaders({ dev })).toEqual(securityHeaders({ dev }));
  });

  it('next.config.js applies them to every path', async () => {
    const rules = (await (await loadConfig()).default.headers?.()) ?? [];
    expect(rules).toEqual([{ source: '/:path*', headers: securityHeaders({ dev: false }) }]);
  });
});
