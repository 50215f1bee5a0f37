import { describe, expect, it } from 'vitest';
import type { KubeClient } from '../clusters/kube-http';
import { DaemonscopeError } from '../errors';
import type { RequestUser } from './request-user';
import { whoAmI } from './who-am-i';

const tokenUser: RequestUser = { kube: { kind: 'token', token: 'secret-token' }, username: undefined, groups: [] };
const answering = (answer: unknown): KubeClient => (async () => {
  if (answer instanceof Error) throw answer;
  return answer;
}) as KubeClient;

describe('whoAmI', () => {
  it('a known username needs no request', async () => {
    const user: RequestUser = { kube: { kind: 'impersonate', user: 'alice', groups: ['ops'] }, username: 'alice', groups: ['ops'] };
    expect(await whoAmI(answering(new Error('must not be called')), user)).toEqual({ username: 'alice', groups: ['ops'] });
  });

  it('a token is named by the cluster (SelfSubjectReview)', async () => {
    expect(await whoAmI(answering({ status: { userInfo: { username: 'bob', groups: ['system:authenticated'] } } }), tokenUser)).toEqual({ username: 'bob', groups: ['system:authenticated'] });
  });

  it('a cluster without SelfSubjectReview gets a fingerprint, never the token', async () => {
    const who = await whoAmI(answering(new DaemonscopeError('not_found', 'not found')), tokenUser);
    expect(who.username).toMatch(/^token:[0-9a-f]{12}$/);
    expect(who.username).not.toContain('secret-token');
  });

  it('a rejected token is the cluster’s 401', async () => {
    await expect(whoAmI(answering(new DaemonscopeError('unauthorized', 'Unauthorized')), tokenUser)).rejects.toMatchObject({ code: 401 });
  });
});
