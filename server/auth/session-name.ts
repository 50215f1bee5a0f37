import 'server-only';
import { createHash } from 'node:crypto';
import type { ClusterConnection } from '../clusters/connection';
import type { ClusterEntry } from '../clusters/types';
import type { AuthConfig } from '../config';
import { sessionUser, type SessionUser } from './request-user';
import { readSession } from './session-cookie';
import { whoAmI } from './who-am-i';

/**
 * Who a token-mode session belongs to, for `GET /api/session`: the cluster that accepted the token at
 * sign-in names its user (SelfSubjectReview), as it did in the sign-in answer. The browser holds only
 * the HttpOnly cookie, so the name it shows after a reload comes from the cluster, never from the page.
 */

/**
 * The cluster that judges a token: the one asked for when it is configured; otherwise a real cluster
 * before the embedded demo (which accepts any token), else the first one.
 */
export function tokenJudge(entries: readonly ClusterEntry[], requested: string | undefined): string | undefined {
  if (requested !== undefined && entries.some((entry) => entry.name === requested)) return requested;
  return (entries.find((entry) => entry.source !== 'demo') ?? entries[0])?.name;
}

/** How long a name is reused: a reload costs no review, and a revoked token stops being named within a minute. */
export const SESSION_NAME_TTL_MS = 60_000;

/**
 * How long `GET /api/session` waits for a name. A slow or hung cluster must not hold the sign-in gate:
 * past this the session is answered unnamed, and the review, when it answers, fills the cache.
 */
export const SESSION_NAME_WAIT_MS = 2_000;

/** Names kept at most; the oldest goes first (a burst of sign-ins must not grow memory without bound). */
export const SESSION_NAME_CAPACITY = 1_000;

/**
 * The names clusters gave tokens, for a short time, keyed by a SHA-256 of cluster and token: the token
 * itself is never kept here. Only answers are cached; a failed review is asked again next time.
 */
export class SessionNames {
  private readonly names = new Map<string, { name: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = SESSION_NAME_TTL_MS,
    private readonly capacity = SESSION_NAME_CAPACITY,
  ) {}

  /** The cached name of `token` on `cluster`, or `ask()`'s answer, kept for the TTL. */
  async name(cluster: string, token: string, ask: () => Promise<string>): Promise<string> {
    const key = cacheKey(cluster, token);
    const cached = this.names.get(key);
    if (cached !== undefined && cached.expiresAt > this.now()) return cached.name;
    this.names.delete(key);
    const name = await ask();
    this.store(key, name);
    return name;
  }

  /** Keeps the name a sign-in just learnt, so the session read that follows needs no second review. */
  remember(cluster: string, token: string, name: string): void {
    this.store(cacheKey(cluster, token), name);
  }

  private store(key: string, name: string): void {
    this.names.delete(key);
    this.names.set(key, { name, expiresAt: this.now() + this.ttlMs });
    for (const oldest of this.names.keys()) {
      if (this.names.size <= this.capacity) break;
      this.names.delete(oldest);
    }
  }

  /** How many names are kept (tests). */
  get size(): number {
    return this.names.size;
  }
}

/** What naming a session needs of the cluster registry: the clusters, and a client per user on one. */
export interface TokenJudges {
  readonly entries: readonly ClusterEntry[];
  connection(name: string): Promise<Pick<ClusterConnection, 'clientAs'>>;
}

const cacheKey = (cluster: string, token: string) => createHash('sha256').update(cluster).update('\0').update(token).digest('hex');

const globalKey = Symbol.for('daemonscope.session-names');
type NamesGlobal = { [globalKey]?: SessionNames };

/** The process-wide cache, shared by the sign-in and session routes through one globalThis slot. */
export function sessionNames(): SessionNames {
  const holder = globalThis as NamesGlobal;
  holder[globalKey] ??= new SessionNames(() => Date.now());
  return holder[globalKey];
}

/**
 * The session fields of `GET /api/session`, with the user's name in token mode. When the cluster
 * cannot say in time (unreachable, slow, or it refuses the token) the session is answered without a
 * name, as before: a refused token shows as a 401 on the data routes, which the sign-in gate handles.
 */
export async function namedSessionUser(
  request: Request,
  auth: AuthConfig,
  registry: TokenJudges,
  names: SessionNames,
  waitMs = SESSION_NAME_WAIT_MS,
): Promise<SessionUser> {
  const fields = sessionUser(request, auth);
  const session = readSession(request);
  if (auth.mode !== 'token' || !fields.signedIn || session === undefined) return fields;
  const cluster = tokenJudge(registry.entries, session.cluster);
  if (cluster === undefined) return fields;
  const kube = { kind: 'token' as const, token: session.token };
  const naming = names.name(cluster, session.token, async () => {
    const connection = await registry.connection(cluster);
    return (await whoAmI(connection.clientAs(kube), { kube, username: undefined, groups: [] })).username;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const user = await Promise.race([naming, late]);
    return user === undefined ? fields : { ...fields, user };
  } catch {
    return fields;
  } finally {
    clearTimeout(timer);
    // A review still running after the answer may fail later; that is no one's error to report.
    naming.catch(() => undefined);
  }
}
