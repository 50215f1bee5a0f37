import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../data/fetch-json';
import { watchUnauthorized } from './watch-unauthorized';

async function refusalsFor(key: string[], error: Error): Promise<string[]> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const seen: string[] = [];
  const stop = watchUnauthorized(client.getQueryCache(), (message) => seen.push(message));
  const fail = () => Promise.reject(error);
  await client.fetchQuery({ queryKey: key, queryFn: fail }).catch(() => undefined);
  stop();
  return seen;
}

describe('watchUnauthorized', () => {
  it.each<[string, string[], Error, string[]]>([
    ['a 401 from a data query is reported with its message', ['daemonset', 'demo', 'ns', 'a'], new ApiError(401, 'Unauthorized', 'not signed in'), ['not signed in']],
    ['a 403 is an RBAC answer, not a sign-in problem', ['nodes', 'demo'], new ApiError(403, 'Forbidden', 'nodes is forbidden'), []],
    ['a network failure is not a refusal', ['nodes', 'demo'], new ApiError(0, 'NetworkError', 'offline'), []],
    ['a plain error is ignored', ['nodes', 'demo'], new Error('boom'), []],
    ['the session query reports sign-in itself', ['session', 'auth'], new ApiError(401, 'Unauthorized', 'x'), []],
  ])('%s', async (_name, key, error, expected) => {
    expect(await refusalsFor(key, error)).toEqual(expected);
  });

  it('stops reporting once unsubscribed', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const seen: string[] = [];
    watchUnauthorized(client.getQueryCache(), (message) => seen.push(message))();
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(new ApiError(401, 'Unauthorized', 'late')) }).catch(() => undefined);
    expect(seen).toEqual([]);
  });
});
