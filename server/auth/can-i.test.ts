import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeRequest } from '../clusters/kube-http';
import { DaemonscopeError } from '../errors';
import { actionPermissions } from './can-i';

type Verdict = { allowed: boolean; reason?: string } | Error;

/** A cluster answering SelfSubjectAccessReviews by verb, recording what was asked. */
function fakeCluster(byVerb: Record<string, Verdict>) {
  const asked: unknown[] = [];
  const client = (async (request: KubeRequest) => {
    const spec = (request.body as { spec: { resourceAttributes: { verb: string } } }).spec;
    asked.push(spec.resourceAttributes);
    const verdict = byVerb[spec.resourceAttributes.verb] ?? { allowed: false };
    if (verdict instanceof Error) throw verdict;
    return { status: verdict };
  }) as KubeClient;
  return { client, asked };
}

describe('actionPermissions', () => {
  it('asks patch on the DaemonSet and delete on pods, with the user’s own client', async () => {
    const { client, asked } = fakeCluster({ patch: { allowed: true }, delete: { allowed: false } });
    const answer = await actionPermissions(client, 'dev', 'team', 'agent', false);
    expect(asked).toEqual([
      { verb: 'patch', group: 'apps', resource: 'daemonsets', namespace: 'team', name: 'agent' },
      { verb: 'delete', group: '', resource: 'pods', namespace: 'team' },
    ]);
    expect(answer.rollback).toEqual({ allowed: true });
    expect(answer.restart).toEqual({ allowed: true });
    expect(answer['delete-pod']).toEqual({ allowed: false, reason: 'pods is forbidden: User "dev" cannot delete resource "pods" in API group "" in the namespace "team"' });
  });

  it('keeps the cluster’s own reason when it gives one', async () => {
    const { client } = fakeCluster({ patch: { allowed: false, reason: 'denied by policy X' } });
    expect((await actionPermissions(client, 'dev', 'team', 'agent', false)).pause).toEqual({ allowed: false, reason: 'denied by policy X' });
  });

  it('a cluster that cannot answer leaves the buttons usable and says so', async () => {
    const { client } = fakeCluster({ patch: new DaemonscopeError('not_found', 'the server could not find the requested resource') });
    expect((await actionPermissions(client, 'dev', 'team', 'agent', false)).resume).toEqual({ allowed: true, reason: expect.stringContaining('could not ask the cluster') });
  });

  it('read-only disables everything without asking', async () => {
    const { client, asked } = fakeCluster({});
    const answer = await actionPermissions(client, 'dev', 'team', undefined, true);
    expect(asked).toEqual([]);
    expect(Object.values(answer).every((verdict) => !verdict.allowed && verdict.reason?.includes('read-only'))).toBe(true);
  });
});
