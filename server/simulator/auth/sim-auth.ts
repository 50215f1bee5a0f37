import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, readBody, sendJson } from '../api/http-io';
import { StoreError } from '../api/status-error';
import { REVIEW_PATHS, review, ReviewError } from './access-review';
import { authenticate, type SimAuthOptions } from './authenticate';
import { authorize, BUILTIN_ROLES, forbiddenMessage, type SimRole, type SimUserInfo } from './rbac';
import { requestAttributes } from './request-attributes';

/** A refusal as the wire Status an API server sends. */
export interface AuthRefusal {
  code: 401 | 403;
  status: Record<string, unknown>;
}

/** Authentication and authorization for the simulated API server; one instance per server. */
export class SimAuth {
  private readonly roles: readonly SimRole[];

  constructor(private readonly options: SimAuthOptions) {
    this.roles = [...BUILTIN_ROLES, ...(options.roles ?? [])];
  }

  /** The caller, or why the request is refused (401 unauthenticated, 403 forbidden with the API server's message). */
  check(req: IncomingMessage, path: string, params: URLSearchParams): { user: SimUserInfo } | AuthRefusal {
    // headersDistinct keeps repeated Impersonate-Group lines apart (req.headers joins them with ", ").
    const headers = { ...req.headers, 'impersonate-group': req.headersDistinct['impersonate-group'] };
    const outcome = authenticate(headers, this.options, this.roles);
    if (!outcome.ok) return refusal(outcome.code, outcome.message, outcome.details);
    const attributes = requestAttributes(req.method ?? 'GET', path, params);
    if (authorize(outcome.user, attributes, this.roles, this.options.bindings).allowed) return { user: outcome.user };
    const details: Record<string, string> = { group: attributes.apiGroup, kind: attributes.resource };
    if (attributes.name !== undefined) details.name = attributes.name;
    return refusal(403, forbiddenMessage(outcome.user.username, attributes), attributes.path === undefined ? details : undefined);
  }

  /** Answers an access review (or SelfSubjectReview) for an already authorized caller. */
  review(kind: string, body: unknown, caller: SimUserInfo): Record<string, unknown> {
    return review(kind, body, caller, this.roles, this.options.bindings);
  }
}

/** The user every request acts as while auth is off. */
export const ANONYMOUS_ADMIN: SimUserInfo = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };

/**
 * Serves the review endpoints (true when `path` is one). With auth off the caller is the anonymous
 * cluster-admin, so every review is allowed, as it is for system:masters on a real cluster.
 */
export async function serveReview(auth: SimAuth | undefined, path: string, req: IncomingMessage, res: ServerResponse, caller: SimUserInfo): Promise<boolean> {
  const kind = Object.hasOwn(REVIEW_PATHS, path) ? REVIEW_PATHS[path] : undefined;
  if (kind === undefined) return false;
  if (req.method !== 'POST') throw new StoreError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const body = parseJsonBody(await readBody(req));
  try {
    const answer = auth === undefined ? review(kind, body, caller, BUILTIN_ROLES, []) : auth.review(kind, body, caller);
    sendJson(res, 201, answer);
  } catch (error) {
    if (error instanceof ReviewError) throw new StoreError('Invalid', `${kind}.authorization.k8s.io "" is invalid: ${error.message}`);
    throw error;
  }
  return true;
}

function refusal(code: 401 | 403, message: string, details?: Record<string, string>): AuthRefusal {
  const status: Record<string, unknown> = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: code === 401 ? 'Unauthorized' : 'Forbidden', code,
  };
  if (details !== undefined) status.details = details;
  return { code, status };
}
