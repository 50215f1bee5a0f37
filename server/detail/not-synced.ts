import 'server-only';
import type { ClusterConnection } from '../clusters/connection';
import { DaemonscopeError } from '../errors';
import type { WatchedResource } from '../watch/resources';

/**
 * The error for an object the watch cache does not hold: a 404 once the resource has synced, but a
 * 503 while its first list is still running (the object may well exist; the caller should retry).
 */
export function missing(connection: ClusterConnection, resource: WatchedResource, notFoundError: DaemonscopeError): DaemonscopeError {
  if (connection.hub.syncStates()[resource]?.synced === true) return notFoundError;
  return new DaemonscopeError('unavailable', `cluster "${connection.name}" is still listing ${resource}; retry in a moment`);
}
