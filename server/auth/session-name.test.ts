import { describe, expect, it } from 'vitest';
import type { KubeRequest } from '../clusters/kube-http';
import type { ClusterEntry } from '../clusters/types';
import type { AuthConfig } from '../config';
import { DaemonscopeError } from '../errors';
import { sessionCookie } from './session-cookie';
import { namedSessionUser, SessionNames, tokenJudge, type TokenJudges } from './session-name';

const entry = (name: string, source: ClusterEntry['source']): ClusterEntry => ({
  name,
  source,
  access: () => Promise.reject(new Error('not connected in this test')),
});

describe('tokenJudge', () => {
  const demo = entry('demo', 'demo');
  const prod = entry('prod', 'kubeconfig');
  it.each<[string, ClusterEntry[], string | undefined, string | undefined]>([
    ['the cluster asked for, when configured', [demo, prod], 'demo', 'demo'],
    ['a real cluster before the demo, which accepts any token', [demo, prod], undefined, 'prod'],
    ['the default when the cluster asked for is not configured (any more)', [demo, prod], 'gone', 'prod'],
    ['the demo when it is the only cluster', [demo], undefined, 'demo'],
    ['none without clusters', [], 'demo', undefined],
  ])('%s', (_name, entries, requested, expected) => {
    expect(tokenJudge(entries, requested)).toBe(expected);
  });
});

/** A cache on a clock the test moves, and a review that counts its calls. */
function setup(ttlMs = 1_000, capacity = 10) {
  let now = 0;
  const names = new SessionNames(() => now, ttlMs, capacity);
  const asked: string[] = [];
  const review = (name: string) => async () => {
    asked.push(name);
    return name;
  };
  return { names, asked, review, advance: (ms: number) => void (now += ms) };
}

describe('SessionNames', () => {
  it('asks the cluster once per token within the TTL, and again after it', async () => {
    const { names, asked, review, advance } = setup();
    expect(await names.name('demo', 'token-a', review('alice'))).toBe('alice');
    advance(999);
    expect(await names.name('demo', 'token-a', review('changed'))).toBe('alice');
    advance(1);
    expect(await names.name('demo', 'token-a', review('alice-renamed'))).toBe('alice-renamed');
    expect(asked).toEqual(['alice', 'alice-renamed']);
  });

  it('keeps tokens and clusters apart', async () => {
    const { names, review } = setup();
    expect(await names.name('demo', 'token-a', review('alice'))).toBe('alice');
    expect(await names.name('demo', 'token-b', review('bob'))).toBe('bob');
    expect(await names.name('prod', 'token-a', review('alice@prod'))).toBe('alice@prod');
    expect(names.size).toBe(3);
  });

  it('does not keep a failed review: the next read asks again', async () => {
    const { names, review } = setup();
    await expect(names.name('demo', 'token-a', () => Promise.reject(new Error('unreachable')))).rejects.toThrow('unreachable');
    expect(names.size).toBe(0);
    expect(await names.name('demo', 'token-a', review('alice'))).toBe('alice');
  });

  it('serves a name remembered at sign-in without asking', async () => {
    const { names, asked, review } = setup();
    names.remember('demo', 'token-a', 'alice');
    expect(await names.name('demo', 'token-a', review('not asked'))).toBe('alice');
    expect(asked).toEqual([]);
  });

  it('drops the oldest names past its capacity', async () => {
    const { names, asked, review } = setup(60_000, 2);
    for (const token of ['t1', 't2', 't3']) await names.name('demo', token, review(token));
    expect(names.size).toBe(2);
    await names.name('demo', 't3', review('again'));
    await names.name('demo', 't1', review('t1 again'));
    expect(asked).toEqual(['t1', 't2', 't3', 't1 again']);
  });
});

describe('namedSessionUser', () => {
  const tokenMode: AuthConfig = { mode: 'token', proxyTrusted: [], proxyUserHeader: 'x-forwarded-user', proxyGroupsHeader: 'x-forwarded-groups', peerStamped: false };
  const withSession = (token: string) => new Request('http://dash/api/session', { headers: { cookie: (sessionCookie(token, false, 'demo').split(';')[0] ?? '') } });
  /** A registry of one cluster whose SelfSubjectReview answers `reply` for any token, counting the reviews. */
  function judges(reply: () => Promise<unknown>) {
    const reviews: string[] = [];
    const registry: TokenJudges = {
      entries: [entry('demo', 'demo')],
      connection: async () => ({
        clientAs: (identity) => {
          return async <T,>(request: KubeRequest) => {
            reviews.push(`${identity.kind} ${request.path}`);
            return (await reply()) as T;
          };
        },
      }),
    };
    return { registry, reviews };
  }
  const named = (username: string) => () => Promise.resolve({ status: { userInfo: { username, groups: [] } } });

  it('names the token through the cluster, and does not ask in local mode or without a session', async () => {
    const { registry, reviews } = judges(named('alice'));
    const names = new SessionNames(() => 0);
    expect(await namedSessionUser(withSession('tok'), tokenMode, registry, names)).toEqual({ authMode: 'token', user: 'alice', signedIn: true });
    expect(await namedSessionUser(withSession('tok'), { ...tokenMode, mode: 'local' }, registry, names)).toMatchObject({ user: 'local' });
    expect(await namedSessionUser(new Request('http://dash/api/session'), tokenMode, registry, names)).toMatchObject({ user: null, signedIn: false });
    expect(reviews).toEqual(['token /apis/authentication.k8s.io/v1/selfsubjectreviews']);
  });

  it('answers unnamed when the cluster refuses the token or does not answer in time', async () => {
    const refused = judges(() => Promise.reject(new DaemonscopeError('unauthorized', 'Unauthorized')));
    expect(await namedSessionUser(withSession('tok'), tokenMode, refused.registry, new SessionNames(() => 0))).toEqual({ authMode: 'token', user: null, signedIn: true });
    const hung = judges(() => new Promise(() => undefined));
    expect(await namedSessionUser(withSession('tok'), tokenMode, hung.registry, new SessionNames(() => 0), 20)).toEqual({ authMode: 'token', user: null, signedIn: true });
  });

  it('a review that answers after the wait fills the cache for the next read', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const slow = judges(() => new Promise((resolve) => (answer = resolve)));
    const names = new SessionNames(() => 0);
    expect(await namedSessionUser(withSession('tok'), tokenMode, slow.registry, names, 20)).toMatchObject({ user: null });
    answer({ status: { userInfo: { username: 'late-alice' } } });
    await expect.poll(() => names.size).toBe(1);
    expect(await namedSessionUser(withSession('tok'), tokenMode, slow.registry, names, 20)).toMatchObject({ user: 'late-alice' });
    expect(slow.reviews).toHaveLength(1);
  });
});
