import 'server-only';
import { z } from 'zod';
import { createAuditLog, type AuditLog } from './audit';
import { getRegistry } from './clusters/global-registry';
import type { ClusterConnection } from './clusters/connection';
import { getConfig } from './config';
import { assertMutationAllowed } from './csrf';
import { assertSignedIn } from './auth/request-user';
import { DaemonscopeError, errorResponse } from './errors';
import type { ActionContext } from './actions/action-context';

/**
 * The plumbing every route handler shares, so handlers stay a few lines: parameter validation, the
 * one error-to-response conversion, the read-only and CSRF gates, and the action context.
 */

type RouteContext<P> = { params: Promise<P> };

/** Wraps a handler so any error becomes a Kubernetes-style response (and unknown ones a logged 500). */
export function route<P>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * `route` for handlers that show cluster data: in `token` and `proxy` modes only a signed-in user
 * may read (401 otherwise); in `local` mode the check passes.
 */
export function signedInRoute<P>(handler: (request: Request, params: P) => Promise<Response>) {
  return route<P>(async (request, params) => {
    assertSignedIn(request, getConfig().auth);
    return handler(request, params);
  });
}

// Object names as the API server accepts them (DNS subdomain, at most 253 characters).
const objectName = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lowercase DNS name');

// Longest piece of a caller's input echoed back in a message: a 10 KB name must not make a 10 KB error.
const ECHO_LIMIT = 80;

/** The caller's value as it may appear in an error message: cut short, with the original length. */
export function echo(value: string): string {
  return value.length <= ECHO_LIMIT ? value : `${value.slice(0, ECHO_LIMIT)}… (${value.length} characters)`;
}

/** A URL segment percent-decoded, or undefined when its escapes are malformed (`%E0%A4%A`). */
function decodeSegment(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Validates a namespace or object name from the URL; throws 422 naming the parameter. */
export function validName(kind: string, value: string): string {
  const decoded = decodeSegment(value);
  if (decoded === undefined) throw new DaemonscopeError('invalid', `invalid ${kind} "${echo(value)}": malformed percent-encoding`);
  const parsed = objectName.safeParse(decoded);
  if (!parsed.success) throw new DaemonscopeError('invalid', `invalid ${kind} "${echo(value)}": ${parsed.error.issues[0]?.message ?? 'bad value'}`);
  return parsed.data;
}

/** The connection of the cluster named in the URL (404 if unknown, 503 while it cannot connect). */
export function clusterConnection(cluster: string): Promise<ClusterConnection> {
  const name = decodeSegment(cluster) ?? cluster;
  // Context names are free text, so only the registry can tell; an absurd one is refused before the lookup.
  if (name.length > 253) return Promise.reject(new DaemonscopeError('not_found', `cluster "${echo(name)}" not found`));
  return getRegistry().connection(name);
}

/** Refuses mutations under --read-only (404: the route does not exist) and cross-site or tokenless requests (403). */
export function assertMutationRoute(request: Request): void {
  if (getConfig().readOnly) throw new DaemonscopeError('not_found', 'the server runs read-only: mutation routes are disabled');
  assertMutationAllowed(request);
}

const auditKey = Symbol.for('daemonscope.audit-log');
type AuditGlobal = { [auditKey]?: { path: string; log: AuditLog } };

function auditLog(): AuditLog {
  const holder = globalThis as AuditGlobal;
  const path = getConfig().auditLogPath;
  if (holder[auditKey]?.path !== path) holder[auditKey] = { path, log: createAuditLog(path) };
  return holder[auditKey].log;
}

/** The user recorded in the audit log: the dashboard has no login, it serves the person at this machine. */
export const LOCAL_USER = 'local';

/** What an action needs from the connection it runs against. */
export function actionContext(connection: ClusterConnection): ActionContext {
  const entry = getRegistry().entries.find((candidate) => candidate.name === connection.name);
  const objects = connection.hub.objects;
  return {
    cluster: connection.name,
    client: connection.client,
    now: connection.now,
    audit: auditLog(),
    user: LOCAL_USER,
    kubectlContext: entry?.source === 'kubeconfig' ? connection.name : undefined,
    fleet: { nodes: () => [...objects.nodes.values()], podsOf: (uid) => objects.podsOf(uid) },
  };
}

/** The `?daemonset=ns/name` filter of the stream, validated; undefined when absent. */
export function daemonSetFilter(value: string | null): string | undefined {
  if (value === null) return undefined;
  const parts = value.split('/');
  if (parts.length !== 2) throw new DaemonscopeError('invalid', `daemonset must be namespace/name, got "${echo(value)}"`);
  return `${validName('namespace', parts[0] ?? '')}/${validName('daemonset name', parts[1] ?? '')}`;
}
