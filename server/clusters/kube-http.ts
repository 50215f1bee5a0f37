import 'server-only';
import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import { DaemonscopeError, fromApiStatus } from '../errors';
import { parseRetryAfterSeconds } from '../watch/retry-after';
import { sendImpersonated, type Impersonation } from './impersonating-transport';

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

const http = new IsomorphicFetchHttpLibrary();

/**
 * A client that speaks raw REST through client-node's authentication (tokens, exec plugins, client
 * certificates, TLS). We read wire JSON instead of client-node's `V1*` classes so that list and watch
 * objects have one shape (string timestamps) and API server errors keep their Status message. With
 * `impersonate`, every request acts as that user and groups (sent over node:http, see sendImpersonated).
 */
export function makeKubeClient(kc: KubeConfig, impersonate?: Impersonation): KubeClient {
  return async <T>(request: KubeRequest): Promise<T> => {
    const cluster = kc.getCurrentCluster();
    if (cluster === null) throw new DaemonscopeError('unavailable', 'no current cluster in the kubeconfig context');
    const url = new URL(cluster.server.replace(/\/$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const { status, text, retryAfter } = impersonate === undefined
      ? await sendWithClientNode(kc, url, request)
      : await sendImpersonated(kc, url, { method: request.method, headers: headersFor(request), body: bodyText(request), signal: request.signal }, impersonate);
    const json = parseJson(text);
    if (status < 200 || status >= 300) throw fromApiStatus(status, withRetryAfter(json, retryAfter), `${request.method} ${request.path}: HTTP ${status}`);
    return json as T;
  };
}

const headersFor = (request: KubeRequest): Record<string, string> =>
  request.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': request.contentType ?? 'application/json' };

const bodyText = (request: KubeRequest) => (request.body === undefined ? undefined : JSON.stringify(request.body));

/** Through client-node's fetch transport, with its authentication (tokens, exec plugins, certificates). */
async function sendWithClientNode(kc: KubeConfig, url: URL, request: KubeRequest): Promise<{ status: number; text: string; retryAfter?: string }> {
  const ctx = new RequestContext(url.toString(), HttpMethod[request.method]);
  for (const [key, value] of Object.entries(headersFor(request))) ctx.setHeaderParam(key, value);
  const body = bodyText(request);
  if (body !== undefined) ctx.setBody(body);
  if (request.signal !== undefined) ctx.setSignal(request.signal);
  await kc.applySecurityAuthentication(ctx);
  let response;
  try {
    response = await http.send(ctx).toPromise();
  } catch (error) {
    throw new DaemonscopeError('unavailable', `${url.origin} is unreachable: ${causeText(error)}`, { cause: error });
  }
  return { status: response.httpStatusCode, text: await response.body.text(), retryAfter: response.headers['retry-after'] };
}

/**
 * An API server that sheds load (API Priority and Fairness) may answer 429 in plain text with only a
 * Retry-After header: the hint goes into the Status details, where the watch supervisor reads it.
 */
function withRetryAfter(body: unknown, header: string | undefined): unknown {
  const seconds = parseRetryAfterSeconds(header, Date.now());
  if (seconds === undefined) return body;
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const details = typeof record.details === 'object' && record.details !== null ? record.details : {};
  return { ...record, details: { retryAfterSeconds: seconds, ...details } };
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
