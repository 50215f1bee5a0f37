/**
 * The browser's view of who is signed in (`GET /api/session`) and what they may do (`GET /api/c/{cluster}/can-i`),
 * read defensively: a field of the wrong type is dropped, never trusted.
 */

/** `--auth-mode`: who the dashboard acts as (README "Users and modes"). */
export type AuthMode = 'local' | 'token' | 'proxy';

/** The user fields of `GET /api/session`. */
export interface AuthSession {
  authMode: AuthMode;
  signedIn: boolean;
  /** Known without asking the cluster (local, proxy); token mode learns it from the sign-in answer. */
  user?: string;
  /** Why the user is not signed in (the server's words). */
  signIn?: string;
}

/** Every action button the can-i route judges, named as the API names them. */
export const ACTION_NAMES = ['rollback', 'pause', 'resume', 'restart', 'delete-pod'] as const;

/** One of {@link ACTION_NAMES}. */
export type ActionName = (typeof ACTION_NAMES)[number];

/** One button's verdict: usable or not and, when known, why. */
export interface ActionPermission {
  allowed: boolean;
  reason?: string;
}

/** `GET /api/c/{cluster}/can-i`: the user the cluster saw and a verdict per action it answered. */
export interface CanIAnswer {
  user?: string;
  actions: Partial<Record<ActionName, ActionPermission>>;
}

const AUTH_MODES: readonly string[] = ['local', 'token', 'proxy'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Reads the session answer. An answer without `authMode` comes from a server without sign-in, which
 * acts as `local`; a `signedIn` that is not literally false counts as signed in, for the same reason.
 */
export function parseAuthSession(body: unknown): AuthSession {
  const record = isRecord(body) ? body : {};
  const mode = typeof record.authMode === 'string' && AUTH_MODES.includes(record.authMode) ? (record.authMode as AuthMode) : 'local';
  const user = nonEmpty(record.user);
  const signIn = nonEmpty(record.signIn);
  return {
    authMode: mode,
    signedIn: record.signedIn !== false,
    ...(user === undefined ? {} : { user }),
    ...(signIn === undefined ? {} : { signIn }),
  };
}

function parsePermission(value: unknown): ActionPermission | undefined {
  if (!isRecord(value) || typeof value.allowed !== 'boolean') return undefined;
  const reason = nonEmpty(value.reason);
  return reason === undefined ? { allowed: value.allowed } : { allowed: value.allowed, reason };
}

/** Reads a can-i answer; an action missing or malformed is left out (its button behaves as if unasked). */
export function parseCanI(body: unknown): CanIAnswer {
  const record = isRecord(body) ? body : {};
  const actions = isRecord(record.actions) ? record.actions : {};
  const verdicts: Partial<Record<ActionName, ActionPermission>> = {};
  for (const name of ACTION_NAMES) {
    const verdict = parsePermission(actions[name]);
    if (verdict !== undefined) verdicts[name] = verdict;
  }
  const user = nonEmpty(record.user);
  return user === undefined ? { actions: verdicts } : { user, actions: verdicts };
}
