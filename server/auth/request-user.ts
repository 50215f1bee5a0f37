import 'server-only';
import type { KubeIdentity } from '../clusters/user-identity';
import type { AuthConfig } from '../config';
import { DaemonscopeError } from '../errors';
import { isTrustedPeer, peerAddress } from './peer-trust';
import { readSessionToken } from './session-cookie';

/** The person behind a dashboard request and the credentials their cluster requests carry. */
export interface RequestUser {
  kube: KubeIdentity;
  /** Known without asking the cluster (local, proxy); token mode asks the cluster (SelfSubjectReview). */
  username: string | undefined;
  groups: string[];
}

/** The audit name of the person at this machine in `local` mode. */
export const LOCAL_USERNAME = 'local';

// User and group names from a proxy: no control characters, bounded, so they are safe in logs and headers.
const NAME_SHAPE = /^[^\x00-\x1f\x7f,]{1,256}$/;

/**
 * Who makes this request. `local`: the kubeconfig's identity. `token`: the session cookie's token
 * (401 without one). `proxy`: the user and groups headers, believed only from a configured proxy
 * address (401 otherwise: never fall back to the dashboard's own identity).
 */
export function requestUser(request: Request, auth: AuthConfig): RequestUser {
  if (auth.mode === 'local') return { kube: { kind: 'kubeconfig' }, username: LOCAL_USERNAME, groups: [] };
  if (auth.mode === 'token') {
    const token = readSessionToken(request);
    if (token === undefined) throw new DaemonscopeError('unauthorized', 'not signed in: POST /api/session/login with your Kubernetes bearer token');
    return { kube: { kind: 'token', token }, username: undefined, groups: [] };
  }
  return proxyUser(request, auth);
}

function proxyUser(request: Request, auth: AuthConfig): RequestUser {
  const peer = peerAddress(request, auth.peerStamped);
  if (!isTrustedPeer(peer, auth.proxyTrusted)) {
    throw new DaemonscopeError('unauthorized', `sign in through the authenticating proxy: user headers are accepted only from DAEMONSCOPE_PROXY_TRUSTED, and this request came from ${peer ?? 'an unknown address'}`);
  }
  const username = request.headers.get(auth.proxyUserHeader)?.trim() ?? '';
  if (!NAME_SHAPE.test(username)) throw new DaemonscopeError('unauthorized', `the proxy sent no usable ${auth.proxyUserHeader} header`);
  const groups = (request.headers.get(auth.proxyGroupsHeader) ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter((group) => NAME_SHAPE.test(group));
  return { kube: { kind: 'impersonate', user: username, groups }, username, groups };
}

/** What `GET /api/session` says about the user: the mode, who (when known without the cluster), and why not signed in. */
export interface SessionUser {
  authMode: AuthConfig['mode'];
  /** null when not signed in; in token mode {@link sessionUser} leaves it null and `namedSessionUser` (session-name.ts) asks the cluster. */
  user: string | null;
  signedIn: boolean;
  /** Why the user is not signed in. */
  signIn?: string;
}

/** The session fields for a request; never throws and never carries a token. */
export function sessionUser(request: Request, auth: AuthConfig): SessionUser {
  try {
    const user = requestUser(request, auth);
    return { authMode: auth.mode, user: user.username ?? null, signedIn: true };
  } catch (error) {
    return { authMode: auth.mode, user: null, signedIn: false, signIn: error instanceof Error ? error.message : String(error) };
  }
}

/** Refuses (401) a request with no user in token or proxy mode; read routes call it so the fleet is not shown to anyone who reaches the port. */
export function assertSignedIn(request: Request, auth: AuthConfig): void {
  requestUser(request, auth);
}
