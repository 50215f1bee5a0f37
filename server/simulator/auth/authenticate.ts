import 'server-only';
import { authorize, forbiddenMessage, type SimRole, type SimRoleBinding, type SimUserInfo } from './rbac';

/** Who a bearer token belongs to (upstream's static token file: token, user, groups). */
export interface SimTokenUser {
  username: string;
  groups?: string[];
}

/** Turns the simulated cluster's authentication and RBAC on; off, every request acts as cluster-admin. */
export interface SimAuthOptions {
  /** Bearer token → user. */
  tokens: Record<string, SimTokenUser>;
  /** Roles beyond the built-in `cluster-admin`, `view` and `edit`. */
  roles?: SimRole[];
  bindings: SimRoleBinding[];
}

/** Why a request was refused before authorization: 401 (no or unknown token) or 403 (impersonation denied). */
export type AuthenticationOutcome =
  | { ok: true; user: SimUserInfo }
  | { ok: false; code: 401 | 403; message: string; details?: { name: string; kind: string } };

/** The headers that authenticate a request (names lower-case; Impersonate-Group one value per header line). */
export interface AuthHeaders {
  authorization?: string;
  'impersonate-user'?: string;
  'impersonate-group'?: string | string[];
}

const withAuthenticated = (groups: readonly string[]) => [...new Set([...groups, 'system:authenticated'])];

/**
 * Authenticates the bearer token, then applies impersonation (Impersonate-User / Impersonate-Group):
 * the caller must be allowed to `impersonate` each user and group (upstream filters/impersonation.go).
 */
export function authenticate(headers: AuthHeaders, auth: SimAuthOptions, roles: readonly SimRole[]): AuthenticationOutcome {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  const known = match?.[1] === undefined ? undefined : Object.hasOwn(auth.tokens, match[1]) ? auth.tokens[match[1]] : undefined;
  if (known === undefined) return { ok: false, code: 401, message: 'Unauthorized' };
  const caller: SimUserInfo = { username: known.username, groups: withAuthenticated(known.groups ?? []) };
  const asUser = headers['impersonate-user']?.trim();
  const rawGroups = headers['impersonate-group'];
  // Each header line is one group, commas and all, as upstream reads req.Header values.
  const asGroups = (Array.isArray(rawGroups) ? rawGroups : rawGroups === undefined ? [] : [rawGroups]).filter((value) => value !== '');
  if (asUser === undefined || asUser === '') {
    if (asGroups.length > 0) return { ok: false, code: 403, message: 'requested [Impersonate-Group] without impersonating a user' };
    return { ok: true, user: caller };
  }
  for (const [resource, name] of [['users', asUser], ...asGroups.map((group) => ['groups', group])] as const) {
    const attributes = { verb: 'impersonate', apiGroup: '', resource, name };
    if (!authorize(caller, attributes, roles, auth.bindings).allowed) {
      return { ok: false, code: 403, message: forbiddenMessage(caller.username, attributes), details: { name, kind: resource } };
    }
  }
  return { ok: true, user: { username: asUser, groups: withAuthenticated(asGroups) } };
}
