import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';

const scriptSources = (policy: string | null) =>
  (policy ?? '').split('; ').find((directive) => directive.startsWith('script-src '))?.split(' ').slice(1) ?? [];

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

describe('proxy: Content-Security-Policy', () => {
  it('gives each page request its own nonce and hands the policy to the renderer', () => {
    const first = proxy(new Request('http://127.0.0.1:3000/c/demo'));
    const second = proxy(new Request('http://127.0.0.1:3000/c/demo'));
    const policy = first.headers.get('Content-Security-Policy');
    expect(scriptSources(policy)).toEqual(["'self'", `'nonce-${nonceOf(policy)}'`, "'strict-dynamic'"]);
    expect(nonceOf(policy)).not.toBe(nonceOf(second.headers.get('Content-Security-Policy')));
    // NextResponse.next({ request: { headers } }) passes overridden request headers this way.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
  });

  it.each(['/api/clusters', '/api/c/demo/stream', '/api'])('%s gets a policy without a nonce and no inline scripts', (path) => {
    const response = proxy(new Request(`http://127.0.0.1:3000${path}`));
    expect(scriptSources(response.headers.get('Content-Security-Policy'))).toEqual(["'self'"]);
    expect(response.headers.get('x-middleware-request-content-security-policy')).toBeNull();
  });

  it('refuses a malformed escape with a 400 that carries the policy too', async () => {
    const response = proxy(new Request('http://127.0.0.1:3000/api/c/demo/nodes/%E0%A4%A'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toBe('BadRequest');
    expect(scriptSources(response.headers.get('Content-Security-Policy'))).toEqual(["'self'"]);
  });
});
