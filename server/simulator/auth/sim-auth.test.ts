import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedCluster, type SimulatedCluster } from '../cluster';

let sim: SimulatedCluster;
let open: SimulatedCluster;

const TOKENS = { 'viewer-token': { username: 'viewer', groups: ['viewers'] }, 'admin-token': { username: 'admin' } };
const BINDINGS = [
  { name: 'viewers', role: 'view', subjects: [{ kind: 'Group' as const, name: 'viewers' }] },
  { name: 'admin', role: 'cluster-admin', subjects: [{ kind: 'User' as const, name: 'admin' }] },
];

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', manual: true, auth: { tokens: TOKENS, bindings: BINDINGS } });
  open = await startSimulatedCluster({ scenario: 'demo', manual: true });
});
afterAll(async () => {
  await sim?.close();
  await open?.close();
});

async function call(base: SimulatedCluster, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const firstDaemonSet = () => {
  const ds = sim.store.list('daemonsets').items[0];
  if (ds === undefined) throw new Error('the demo scenario has no DaemonSet');
  return { namespace: ds.metadata.namespace ?? '', name: ds.metadata.name ?? '' };
};
const dsPath = ({ namespace, name }: { namespace: string; name: string }) => `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;

describe('the simulated API server with auth on', () => {
  it('401 without or with an unknown token, as a Status', async () => {
    for (const token of [undefined, 'nope']) {
      expect(await call(sim, 'GET', '/api/v1/nodes', token)).toMatchObject({ status: 401, json: { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 } });
    }
  });

  it('a viewer reads but is refused a patch with the API server message; an admin patches', async () => {
    const ds = firstDaemonSet();
    expect((await call(sim, 'GET', dsPath(ds), 'viewer-token')).status).toBe(200);
    const refused = await call(sim, 'PATCH', dsPath(ds), 'viewer-token', { metadata: { labels: { x: 'y' } } });
    expect(refused).toMatchObject({ status: 403, json: { reason: 'Forbidden', code: 403, details: { name: ds.name, group: 'apps', kind: 'daemonsets' } } });
    expect(refused.json.message).toBe(
      `daemonsets.apps "${ds.name}" is forbidden: User "viewer" cannot patch resource "daemonsets" in API group "apps" in the namespace "${ds.namespace}"`,
    );
    expect((await call(sim, 'PATCH', dsPath(ds), 'admin-token', { metadata: { labels: { x: 'y' } } })).status).toBe(200);
  });

  it('SelfSubjectAccessReview answers for the caller, SubjectAccessReview for the named subject', async () => {
    const ds = firstDaemonSet();
    const spec = { resourceAttributes: { verb: 'patch', group: 'apps', resource: 'daemonsets', namespace: ds.namespace, name: ds.name } };
    const ssar = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    expect((await call(sim, 'POST', ssar, 'viewer-token', { spec })).json.status).toEqual({ allowed: false });
    expect(await call(sim, 'POST', ssar, 'admin-token', { spec })).toMatchObject({ status: 201, json: { kind: 'SelfSubjectAccessReview', status: { allowed: true } } });
    const sar = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
    expect((await call(sim, 'POST', sar, 'viewer-token', { spec: { ...spec, user: 'admin' } })).status).toBe(403);
    expect((await call(sim, 'POST', sar, 'admin-token', { spec: { ...spec, user: 'viewer', groups: ['viewers'] } })).json.status).toEqual({ allowed: false });
    expect((await call(sim, 'POST', sar, 'admin-token', { spec: { resourceAttributes: {} } })).status).toBe(422);
  });

  it('SelfSubjectReview says who the token is', async () => {
    const answer = await call(sim, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', 'viewer-token', {});
    expect(answer.json.status).toEqual({ userInfo: { username: 'viewer', groups: ['viewers', 'system:authenticated'] } });
  });

  it('with auth off every request is cluster-admin, reviews included', async () => {
    expect((await call(open, 'GET', '/api/v1/nodes')).status).toBe(200);
    const spec = { resourceAttributes: { verb: 'delete', resource: 'nodes' } };
    expect((await call(open, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', undefined, { spec })).json.status).toEqual({ allowed: true });
  });
});
