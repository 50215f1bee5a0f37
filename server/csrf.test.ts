import { describe, expect, it } from 'vitest';
import { assertMutationAllowed, csrfCookie, issueCsrfToken, readCookie } from './csrf';

const token = 'tok-123';
const post = (headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/c/demo/daemonsets/ns/x/restart', { method: 'POST', headers: { host: '127.0.0.1:3000', ...headers } });
const good = { cookie: `other=1; daemonscope-csrf=${token}`, 'x-csrf-token': token };

describe('assertMutationAllowed', () => {
  it.each([
    ['a same-origin browser POST', { ...good, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }],
    ['a script without Origin (curl)', good],
  ])('accepts %s', (_name, headers) => {
    expect(() => assertMutationAllowed(post(headers))).not.toThrow();
  });

  it.each([
    ['another Origin', { ...good, origin: 'http://evil.example' }, /cross-site request refused \(Origin/],
    ['Sec-Fetch-Site cross-site', { ...good, 'sec-fetch-site': 'cross-site' }, /Sec-Fetch-Site: cross-site/],
    ['Sec-Fetch-Site same-site (another port)', { ...good, 'sec-fetch-site': 'same-site' }, /same-site/],
    ['a malformed Origin', { ...good, origin: 'null' }, /Origin: null/],
    ['no token header', { cookie: good.cookie }, /missing CSRF token/],
    ['no cookie', { 'x-csrf-token': token }, /missing CSRF token/],
    ['a token that differs from the cookie', { ...good, 'x-csrf-token': 'tok-124' }, /does not match/],
  ])('refuses %s with 403', (_name, headers, message) => {
    expect(() => assertMutationAllowed(post(headers))).toThrow(message);
    try {
      assertMutationAllowed(post(headers));
    } catch (error) {
      expect((error as { code: number }).code).toBe(403);
    }
  });
});

describe('tokens and cookies', () => {
  it('issues distinct URL-safe tokens and a SameSite=Strict cookie that the page can read', () => {
    const a = issueCsrfToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(issueCsrfToken()).not.toBe(a);
    expect(csrfCookie(a)).toBe(`daemonscope-csrf=${a}; Path=/; SameSite=Strict`);
    expect(csrfCookie(a)).not.toMatch(/HttpOnly/i);
  });

  it('reads one cookie among several', () => {
    expect(readCookie(post({ cookie: 'a=1; daemonscope-csrf=x=y' }), 'daemonscope-csrf')).toBe('x=y');
    expect(readCookie(post({}), 'daemonscope-csrf')).toBeUndefined();
  });
});
