import 'server-only';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { DaemonscopeError } from '../errors';

/** A user to act as through the kubeconfig's identity (Impersonate-User / Impersonate-Group). */
export interface Impersonation {
  user: string;
  groups: readonly string[];
}

/** What came back: status and body text. */
export interface RawResponse {
  status: number;
  text: string;
  retryAfter?: string;
}

/**
 * Sends one request with the kubeconfig's credentials plus impersonation headers, over node:http(s).
 * fetch (client-node's transport) folds repeated headers into one `a, b` line, and the API server
 * reads every Impersonate-Group line as one group name, so each group needs its own line: node:http
 * writes an array header value as separate lines.
 */
export async function sendImpersonated(
  kc: KubeConfig,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
  as: Impersonation,
): Promise<RawResponse> {
  const options: RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  // client-node puts the kubeconfig's Authorization (token, exec plugin output) in `headers`, as an object.
  const base: OutgoingHttpHeaders = options.headers !== undefined && !Array.isArray(options.headers) ? (options.headers as OutgoingHttpHeaders) : {};
  const headers: OutgoingHttpHeaders = { ...base, ...init.headers, 'Impersonate-User': as.user };
  if (as.groups.length > 0) headers['Impersonate-Group'] = [...as.groups];
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = send(url, { ...options, method: init.method, headers, signal: init.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const retryAfter = res.headers['retry-after'];
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ...(retryAfter === undefined ? {} : { retryAfter }) }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new DaemonscopeError('unavailable', `${url.origin} is unreachable: ${error.message}`, { cause: error })));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
