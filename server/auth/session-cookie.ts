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

/** Set-Cookie for a signed-in user: HttpOnly, SameSite=Strict, Secure over https; lives as long as the browser session. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${Buffer.from(token, 'utf8').toString('base64url')}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that signs the user out. */
export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session's token, or undefined when there is none or it is malformed. */
export function readSessionToken(request: Request): string | undefined {
  const raw = readCookie(request, SESSION_COOKIE);
  if (raw === undefined || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  const token = Buffer.from(raw, 'base64url').toString('utf8');
  return invalidToken(token) === undefined ? token : undefined;
}
