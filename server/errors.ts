import 'server-only';

/** HTTP status and Kubernetes Status reason for every error kind the server answers with. */
export const ERROR_KINDS = {
  bad_request: { code: 400, reason: 'BadRequest' },
  unauthorized: { code: 401, reason: 'Unauthorized' },
  forbidden: { code: 403, reason: 'Forbidden' },
  not_found: { code: 404, reason: 'NotFound' },
  method_not_allowed: { code: 405, reason: 'MethodNotAllowed' },
  conflict: { code: 409, reason: 'Conflict' },
  gone: { code: 410, reason: 'Expired' },
  too_large: { code: 413, reason: 'RequestEntityTooLarge' },
  unsupported_media_type: { code: 415, reason: 'UnsupportedMediaType' },
  invalid: { code: 422, reason: 'Invalid' },
  too_many_requests: { code: 429, reason: 'TooManyRequests' },
  internal: { code: 500, reason: 'InternalError' },
  unavailable: { code: 503, reason: 'ServiceUnavailable' },
  timeout: { code: 504, reason: 'Timeout' },
} as const;

/** One of the keys of ERROR_KINDS. */
export type ErrorKind = keyof typeof ERROR_KINDS;

/** The body of every error response: a Kubernetes `Status`, as `kubectl` and the API server write it. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  code: number;
  reason: string;
  message: string;
  details?: unknown;
}

/** The one error type of server/: a kind (HTTP code + reason) and a message safe to show the operator. */
export class DaemonscopeError extends Error {
  override name = 'DaemonscopeError';
  readonly kind: ErrorKind;
  /** The API server's own reason when it sent one (e.g. `AlreadyExists`), else the kind's. */
  readonly reason: string;
  readonly details: unknown;

  constructor(kind: ErrorKind, message: string, options: { reason?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.reason = options.reason ?? ERROR_KINDS[kind].reason;
    this.details = options.details;
  }

  get code(): number {
    return ERROR_KINDS[this.kind].code;
  }

  /** The Kubernetes-style body for the wire. */
  toStatus(): StatusBody {
    const body: StatusBody = { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: this.code, reason: this.reason, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

/** A 404 in the shape the API server uses: `daemonsets.apps "x" not found`. */
export function notFound(resource: string, name: string): DaemonscopeError {
  return new DaemonscopeError('not_found', `${resource} "${name}" not found`, { details: { name, kind: resource } });
}

/** Maps an HTTP status to the nearest error kind. */
export function kindForStatus(status: number): ErrorKind {
  const match = (Object.keys(ERROR_KINDS) as ErrorKind[]).find((kind) => ERROR_KINDS[kind].code === status);
  if (match !== undefined) return match;
  return status >= 500 ? 'unavailable' : 'bad_request';
}

/**
 * Turns an API server answer that is not a success into our error, keeping the server's message and
 * reason: the operator must see RBAC's "forbidden: User … cannot patch …" verbatim.
 */
export function fromApiStatus(status: number, body: unknown, fallback: string): DaemonscopeError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : fallback;
  const reason = typeof record.reason === 'string' && record.reason !== '' ? record.reason : undefined;
  return new DaemonscopeError(kindForStatus(status), message, { reason, details: record.details });
}

/** A short, safe description of any error for status reports (never a stack). */
export function describeError(error: unknown): string {
  if (error instanceof DaemonscopeError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * The one place an error becomes a response. Our errors carry their status; anything else is a bug or
 * an outage we did not classify, so the caller gets a generic 500 and the detail goes to the log only.
 */
export function errorResponse(error: unknown, log: (message: string, error: unknown) => void = logUnexpected): Response {
  if (error instanceof DaemonscopeError) return Response.json(error.toStatus(), { status: error.code });
  log('unexpected error while handling a request', error);
  const body = new DaemonscopeError('internal', 'Internal error; the server log has the details.').toStatus();
  return Response.json(body, { status: 500 });
}

function logUnexpected(message: string, error: unknown): void {
  console.error(`[daemonscope] ${message}:`, error);
}
