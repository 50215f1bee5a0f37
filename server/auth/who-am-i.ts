import 'server-only';
import { createHash } from 'node:crypto';
import type { KubeClient } from '../clusters/kube-http';
import { DaemonscopeError } from '../errors';
import type { RequestUser } from './request-user';

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

/**
 * The user the cluster sees behind `client` (SelfSubjectReview, authentication.k8s.io/v1). A cluster
 * too old to serve it gets a token fingerprint instead, never the token.
 */
export async function whoAmI(client: KubeClient, user: RequestUser): Promise<{ username: string; groups: string[] }> {
  if (user.username !== undefined) return { username: user.username, groups: user.groups };
  try {
    const review = await client<SelfSubjectReview>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1' },
    });
    const info = review?.status?.userInfo;
    if (info?.username !== undefined && info.username !== '') return { username: info.username, groups: info.groups ?? [] };
  } catch (error) {
    if (!(error instanceof DaemonscopeError) || error.code !== 404) throw error;
  }
  return { username: tokenFingerprint(user), groups: [] };
}

function tokenFingerprint(user: RequestUser): string {
  if (user.kube.kind !== 'token') return 'unknown';
  return `token:${createHash('sha256').update(user.kube.token).digest('hex').slice(0, 12)}`;
}
