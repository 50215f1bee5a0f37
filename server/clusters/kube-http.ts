import 'server-only';
import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import { DaemonscopeError, fromApiStatus } from '../errors';

/** One request to a cluster's API server: the REST path and what to send. */
export interface KubeRequest {
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** For PATCH: `application/strategic-merge-patch+json`, `application/merge-patch+json`, `application/json-patch+json`. */
  contentType?: string;
  signal?: AbortSignal;
}

/** Sends requests to one cluster and answers parsed wire JSON; throws DaemonscopeError on a non-2xx. */
export type KubeClient = <T = unknown>(request: KubeRequest) => Promise<T>;

/** A user to act as through the kubeconfig's identity (Impersonate-User / Impersonate-Group). */
export interface Impersonation {
  user: string;
  groups: readonly string[];
}

const http = new IsomorphicFetchHttpLibrary();

/**
 * A client that speaks raw REST through client-node's authentication (tokens, exec plugins, client
 * certificates, TLS). We read wire JSON instead of client-node's `V1*` classes so that list and watch
 * objects have one shape (string timestamps) and API server errors keep their Status message.
 */
export function makeKubeClient(kc: KubeConfig, impersonate?: Impersonation): KubeClient {
  return async <T>(request: KubeRequest): Promise<T> => {
    const cluster = kc.getCurrentCluster();
    if (cluster === null) throw new DaemonscopeError('unavailable', 'no current cluster in the kubeconfig context');
    const url = new URL(cluster.server.replace(/\/$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const ctx = new RequestContext(url.toString(), HttpMethod[request.method]);
    ctx.setHeaderParam('Accept', 'application/json');
    if (request.body !== undefined) {
      ctx.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(request.body));
    }
    if (request.signal !== undefined) ctx.setSignal(request.signal);
    await kc.applySecurityAuthentication(ctx);
    if (impersonate !== undefined) {
      ctx.setHeaderParam('Impersonate-User', impersonate.user);
      // client-node sends one value per header name; several groups go comma-joined (see the auth report).
      if (impersonate.groups.length > 0) ctx.setHeaderParam('Impersonate-Group', impersonate.groups.join(','));
    }
    let response;
    try {
      response = await http.send(ctx).toPromise();
    } catch (error) {
      throw new DaemonscopeError('unavailable', `${cluster.server} is unreachable: ${causeText(error)}`, { cause: error });
    }
    const text = await response.body.text();
    const json = parseJson(text);
    if (response.httpStatusCode < 200 || response.httpStatusCode >= 300) {
      throw fromApiStatus(response.httpStatusCode, json, `${request.method} ${request.path}: HTTP ${response.httpStatusCode}`);
    }
    return json as T;
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}

/** fetch wraps the useful part ("connect ECONNREFUSED 127.0.0.1:6443") in `cause`. */
function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return cause.message;
  return error.message;
}
