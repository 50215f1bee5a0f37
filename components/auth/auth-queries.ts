import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { apiPath, fetchJson } from '../data/fetch-json';
import { sessionQuery } from '../data/queries';
import { parseAuthSession, parseCanI } from './auth-session';

/**
 * Query options and the two POSTs of signing in and out. The session is read under its own key below
 * `['session']`, so invalidating `['session']` refreshes both this and components/data's CSRF session.
 */

/** `GET /api/session`, the user fields (see {@link parseAuthSession}). */
export const authSessionQuery = () =>
  queryOptions({
    queryKey: ['session', 'auth'],
    queryFn: async () => parseAuthSession(await fetchJson('/api/session')),
    staleTime: Infinity,
    retry: false,
  });

/** `GET /api/c/{cluster}/can-i?ns=&name=`: which action buttons the signed-in user may use on one DaemonSet. */
export const canIQuery = (cluster: string, namespace: string, name: string) =>
  queryOptions({
    queryKey: ['can-i', cluster, namespace, name],
    queryFn: async () =>
      parseCanI(
        await fetchJson(`${apiPath(cluster, 'can-i')}?${new URLSearchParams({ ns: namespace, name }).toString()}`),
      ),
    // RBAC changes rarely; a minute keeps the buttons honest without a review per render.
    staleTime: 60_000,
    retry: false,
  });

async function postWithCsrf(queryClient: QueryClient, url: string, body: unknown): Promise<unknown> {
  const session = await queryClient.fetchQuery(sessionQuery());
  return fetchJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  });
}

/** `POST /api/session/login`; resolves with the user the cluster named, rejects with the server's ApiError. */
export async function signIn(queryClient: QueryClient, token: string, cluster: string | undefined): Promise<string | undefined> {
  const answer = await postWithCsrf(queryClient, '/api/session/login', cluster === undefined ? { token } : { token, cluster });
  const user = typeof answer === 'object' && answer !== null && 'user' in answer ? answer.user : undefined;
  return typeof user === 'string' && user !== '' ? user : undefined;
}

/** `POST /api/session/logout`: the browser drops the session cookie. */
export async function signOut(queryClient: QueryClient): Promise<void> {
  await postWithCsrf(queryClient, '/api/session/logout', {});
}

/** After signing in or out every answer belongs to someone else: refresh the session, drop cluster data. */
export async function afterIdentityChange(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: ['session'] });
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.getObserversCount() === 0 });
  await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
}
