import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config';
import { DaemonscopeError } from '../errors';
import { PEER_HEADER } from './peer-trust';
import { requestUser, sessionUser } from './request-user';
import { clearSessionCookie, readSession, readSessionToken, sessionCookie } from './session-cookie';

const auth = (more: Partial<AuthConfig> = {}): AuthConfig => ({
  mode: 'proxy', proxyTrusted: ['10.0.0.5'], proxyUserHeader: 'x-forwarded-user', proxyGroupsHeader: 'x-forwarded-groups', peerStamped: true, ...more,
});
const request = (headers: Record<string, string> = {}) => new Request('http://dash/api/x', { headers });
const cookieOf = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('requestUser', () => {
  it('local mode is the kubeconfig identity, recorded as "local"', () => {
    expect(requestUser(request({ 'x-forwarded-user': 'mallory' }), auth({ mode: 'local' }))).toEqual({ kube: { kind: 'kubeconfig' }, username: 'local', groups: [] });
  });

  it('token mode reads the session cookie; the cluster names the user later', () => {
    const cookie = cookieOf(sessionCookie('abc.def-ghi', false));
    expect(requestUser(request({ cookie }), auth({ mode: 'token' }))).toEqual({ kube: { kind: 'token', token: 'abc.def-ghi' }, username: undefined, groups: [] });
  });

  it.each([
    ['no cookie', {}],
    ['a cookie that is not base64url', { cookie: 'daemonscope-session=%%%' }],
    ['a bearer header instead of the cookie', { authorization: 'Bearer abc' }],
  ])('token mode without a session (%s) is a 401', (_name, headers) => {
    expect(() => requestUser(request(headers), auth({ mode: 'token' }))).toThrow(expect.objectContaining({ code: 401 }));
  });

  it('proxy mode takes the user and groups from a trusted peer and impersonates them', () => {
    const headers = { [PEER_HEADER]: '10.0.0.5', 'x-forwarded-user': 'alice', 'x-forwarded-groups': 'ops, viewers,,' };
    expect(requestUser(request(headers), auth())).toEqual({ kube: { kind: 'impersonate', user: 'alice', groups: ['ops', 'viewers'] }, username: 'alice', groups: ['ops', 'viewers'] });
  });

  it('honours configured header names', () => {
    const headers = { [PEER_HEADER]: '10.0.0.5', 'x-auth-request-user': 'bob' };
    expect(requestUser(request(headers), auth({ proxyUserHeader: 'x-auth-request-user' })).username).toBe('bob');
  });

  it.each([
    ['an untrusted peer', { [PEER_HEADER]: '10.0.0.6', 'x-forwarded-user': 'alice' }, auth()],
    ['a forged X-Forwarded-For', { 'x-forwarded-for': '10.0.0.5', 'x-forwarded-user': 'alice' }, auth()],
    ['no stamping front server', { [PEER_HEADER]: '10.0.0.5', 'x-forwarded-user': 'alice' }, auth({ peerStamped: false })],
    ['no user header', { [PEER_HEADER]: '10.0.0.5' }, auth()],
    ['a user header with a control character', { [PEER_HEADER]: '10.0.0.5', 'x-forwarded-user': 'a\tb' }, auth()],
  ])('proxy mode refuses %s with a 401 and never falls back to the dashboard identity', (_name, headers, config) => {
    let thrown: unknown;
    try {
      requestUser(request(headers), config);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DaemonscopeError);
    expect((thrown as DaemonscopeError).code).toBe(401);
  });
});

describe('sessionUser', () => {
  it('says who in local and proxy mode, and why not signed in otherwise', () => {
    expect(sessionUser(request(), auth({ mode: 'local' }))).toEqual({ authMode: 'local', user: 'local', signedIn: true });
    expect(sessionUser(request({ [PEER_HEADER]: '10.0.0.5', 'x-forwarded-user': 'alice' }), auth())).toEqual({ authMode: 'proxy', user: 'alice', signedIn: true });
    expect(sessionUser(request(), auth({ mode: 'token' }))).toMatchObject({ authMode: 'token', user: null, signedIn: false, signIn: expect.stringContaining('/api/session/login') });
  });
});

describe('session cookie', () => {
  it('round-trips a token, HttpOnly and SameSite=Strict, Secure over https', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.payload.sig';
    expect(sessionCookie(token, true)).toMatch(/^daemonscope-session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    expect(sessionCookie(token, false)).not.toContain(token);
    expect(readSessionToken(request({ cookie: `a=b; ${cookieOf(sessionCookie(token, false))}` }))).toBe(token);
    expect(clearSessionCookie(false)).toContain('Max-Age=0');
  });

  it('remembers the cluster that accepted the token, and reads cookies written without one', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.payload.sig';
    const withCluster = cookieOf(sessionCookie(token, false, 'prod/eu-west'));
    expect(withCluster).not.toContain('prod/eu-west');
    expect(readSession(request({ cookie: withCluster }))).toEqual({ token, cluster: 'prod/eu-west' });
    expect(readSession(request({ cookie: cookieOf(sessionCookie(token, false)) }))).toEqual({ token });
  });

  it.each([
    ['a control character', 'a\nb'],
    ['an empty name', ''],
    ['a name longer than 253 characters', 'c'.repeat(254)],
  ])('drops a cluster part with %s but keeps the token', (_name, cluster) => {
    const value = `${Buffer.from('tok').toString('base64url')}.${Buffer.from(cluster).toString('base64url')}`;
    expect(readSession(request({ cookie: `daemonscope-session=${value}` }))).toEqual({ token: 'tok' });
  });

  it('a cookie that decodes to something that is not a token is no session', () => {
    const spaced = Buffer.from('two words').toString('base64url');
    expect(readSessionToken(request({ cookie: `daemonscope-session=${spaced}` }))).toBeUndefined();
  });
});
