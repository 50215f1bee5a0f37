import type { QueryCache } from '@tanstack/react-query';
import { ApiError } from '../data/fetch-json';

/**
 * Calls `onRefused` with the message of every 401 a query answers (the session cookie is missing,
 * expired or refused by the cluster), except the session's own query, which reports sign-in itself.
 * Returns the unsubscribe function.
 */
export function watchUnauthorized(cache: QueryCache, onRefused: (message: string) => void): () => void {
  return cache.subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error') return;
    const error = event.action.error;
    if (error instanceof ApiError && error.status === 401 && event.query.queryKey[0] !== 'session') onRefused(error.message);
  });
}
