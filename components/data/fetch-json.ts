/**
 * The one way the browser calls the dashboard's own API: JSON in, JSON out, and a Kubernetes-style
 * `{ code, reason, message }` body turned into an {@link ApiError} the UI can show verbatim.
 */

/** An error answer of the dashboard API (403 forbidden, 409 conflict, …) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The ApiError an HTTP answer stands for (status from the body's `code` when it has one). */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.message === 'string') {
    const code = typeof body.code === 'number' ? body.code : status;
    return new ApiError(code, typeof body.reason === 'string' ? body.reason : '', body.message);
  }
  return new ApiError(status, '', `the server answered ${status}`);
}

/** GETs or POSTs JSON; resolves with the parsed body of a 2xx answer, rejects with an ApiError otherwise. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(
      0,
      'NetworkError',
      error instanceof Error ? error.message : 'the dashboard server cannot be reached',
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) throw toApiError(response.status, body);
  return body;
}

/** `/api/c/{cluster}/…` with every segment escaped, so odd names never change the path's shape. */
export function apiPath(cluster: string, ...segments: string[]): string {
  return ['/api/c', cluster, ...segments]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
    .join('/');
}
