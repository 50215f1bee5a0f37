import { describe, expect, it } from 'vitest';
import type { ClusterEntry } from '../clusters/types';
import { SessionNames, tokenJudge } from './session-name';

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
