import 'server-only';
import { type ResourceKind, type StoreErrorReason } from '../store-types';
import { qualifiedKind, qualifiedResource, RESOURCES } from './resources';

/** One entry of a Status's `details.causes` (upstream `metav1.StatusCause`). */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** One field problem of an Invalid error, as upstream's `field.Error` renders into `details.causes`. */
export interface FieldCause extends StatusCause {
  /** FieldValueRequired | FieldValueInvalid | FieldValueNotSupported | FieldValueForbidden | FieldValueDuplicate */
  reason: string;
  field: string;
}

/** The `details` of a Kubernetes Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** HTTP status reasons beyond the store's own (served by the HTTP layer only). */
export type HttpReason = StoreErrorReason | 'Expired' | 'MethodNotAllowed' | 'UnsupportedMediaType' | 'NotAcceptable'
  | 'TooManyRequests' | 'InternalError' | 'ServiceUnavailable' | 'Timeout';

const CODES: Record<HttpReason, number> = {
  NotFound: 404, AlreadyExists: 409, Conflict: 409, Invalid: 422, BadRequest: 400, Gone: 410, Expired: 410,
  Forbidden: 403, MethodNotAllowed: 405, UnsupportedMediaType: 415, NotAcceptable: 406, TooManyRequests: 429,
  InternalError: 500, ServiceUnavailable: 503, Timeout: 504,
};

/** An error a real API server would answer with a `Status`: reason, HTTP code, upstream message. */
export class StoreError extends Error {
  readonly reason: HttpReason;
  readonly code: number;
  readonly details: StatusDetails | undefined;

  constructor(reason: HttpReason, message: string, details?: StatusDetails, code?: number) {
    super(message);
    this.name = 'StoreError';
    this.reason = reason;
    this.code = code ?? CODES[reason];
    this.details = details;
  }
}

/** The wire `Status` object of a failure. */
export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** Renders any thrown value as the Status a real API server would send (unknown errors → 500). */
export function toStatus(error: unknown): StatusObject {
  if (error instanceof StoreError) {
    // Upstream's reason for a Gone watch/list is "Expired" (StatusReasonExpired); the code stays 410.
    const reason = error.reason === 'Gone' ? 'Expired' : error.reason;
    return {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, reason,
      ...(error.details ? { details: error.details } : {}), code: error.code,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
}

function resourceDetails(kind: ResourceKind, name: string): StatusDetails {
  const info = RESOURCES[kind];
  return { name, ...(info.group ? { group: info.group } : {}), kind };
}

/** 404 `daemonsets.apps "x" not found`. */
export function notFound(kind: ResourceKind, name: string): StoreError {
  return new StoreError('NotFound', `${qualifiedResource(kind)} "${name}" not found`, resourceDetails(kind, name));
}

/** 409 `daemonsets.apps "x" already exists`. */
export function alreadyExists(kind: ResourceKind, name: string): StoreError {
  return new StoreError('AlreadyExists', `${qualifiedResource(kind)} "${name}" already exists`, resourceDetails(kind, name));
}

/** 409 Conflict `Operation cannot be fulfilled on daemonsets.apps "x": <why>`. */
export function conflict(kind: ResourceKind, name: string, why = OBJECT_MODIFIED): StoreError {
  return new StoreError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(kind)} "${name}": ${why}`,
    resourceDetails(kind, name));
}

/** Upstream's optimistic-concurrency text (`registry/generic/registry/store.go OptimisticLockErrorMsg`). */
export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/** 422 `DaemonSet.apps "x" is invalid: spec.selector: Required value` with `details.causes`. */
export function invalid(kind: ResourceKind, name: string, causes: FieldCause[]): StoreError {
  const rendered = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message));
  const summary = rendered.length === 1 ? (rendered[0] ?? '') : `[${rendered.join(', ')}]`;
  const info = RESOURCES[kind];
  return new StoreError('Invalid', `${qualifiedKind(kind)} "${name}" is invalid: ${summary}`, {
    name, ...(info.group ? { group: info.group } : {}), kind: info.objectKind, causes,
  });
}

/** 400 BadRequest with a plain message. */
export function badRequest(message: string): StoreError {
  return new StoreError('BadRequest', message);
}

/** 410 Gone for a resourceVersion older than the history window (`too old resource version: 5 (10)`). */
export function gone(requested: string, oldest: string): StoreError {
  return new StoreError('Gone', `too old resource version: ${requested} (${oldest})`);
}

/**
 * 504 for a resourceVersion this server has not reached (upstream `storage.NewTooLargeResourceVersionError`:
 * the watch cache waits 3 s for it, then answers this). After an API server restart over a store with
 * restarted resourceVersions, clients holding newer ones see it and must relist.
 */
export function tooLargeResourceVersion(requested: number, current: number): StoreError {
  return new StoreError('Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1,
  });
}
