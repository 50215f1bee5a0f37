import 'server-only';
import { readCookie } from '../csrf';

/** The token-mode session: the user's bearer token, HttpOnly so no script on the page can read it. */
export const SESSION_COOKIE = 'daemonscope-session';

// Bearer tokens are printable ASCII without spaces (RFC 6750 b64token, JWTs, static tokens); 16 KiB bounds a cookie.
const TOKEN_SHAPE = /^[\x21-\x7e]{1,16384}$/;

/** Why a token cannot be a bearer token, or undefined when it can. */
export function invalidToken(token: string): string | undefined {
  return TOKEN_SHAPE.test(token) ? undefined : 'a bearer token is printable ASCII without spaces, at most 16384 characters';
}

/** What the session cookie holds: the bearer token and the cluster that accepted it at sign-in. */
export interface SessionCookie {
  token: string;
  /** Absent in cookies written before the cluster was remembered. */
  cluster?: string;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const fromBase64url = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/**
 * Set-Cookie for a signed-in user: HttpOnly, SameSite=Strict, Secure over https; lives as long as the
 * browser session. The value is `base64url(token)[.base64url(cluster)]`: the cluster is no secret and
 * only says which cluster to ask who the token belongs to.
 */
export function sessionCookie(token: string, secure: boolean, cluster?: string): string {
  const value = cluster === undefined ? base64url(token) : `${base64url(token)}.${base64url(cluster)}`;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that signs the user out. */
export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

// Cluster (kubeconfig context) names are free text; this bounds what a hand-edited cookie can carry.
const CLUSTER_SHAPE = /^[^\x00-\x1f\x7f]{1,253}$/;

/** The session cookie's token and cluster, or undefined when there is none or its token is malformed. */
export function readSession(request: Request): SessionCookie | undefined {
  const raw = readCookie(request, SESSION_COOKIE);
  const match = raw === undefined ? null : /^([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]*))?$/.exec(raw);
  if (match?.[1] === undefined) return undefined;
  const token = fromBase64url(match[1]);
  if (invalidToken(token) !== undefined) return undefined;
  const cluster = match[2] === undefined ? undefined : fromBase64url(match[2]);
  return cluster !== undefined && CLUSTER_SHAPE.test(cluster) ? { token, cluster } : { token };
}

/** The session's token, or undefined when there is none or it is malformed. */
export function readSessionToken(request: Request): string | undefined {
  return readSession(request)?.token;
}
