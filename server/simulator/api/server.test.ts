import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SimStore } from '../store';
import { type KObject } from '../store-types';
import { type ApiServer } from './server';
import { type ManualClock, makeDaemonSet, makeNode, makePod, startTestServer } from './test-builders';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let store: SimStore;
let server: ApiServer;
let clock: ManualClock;

beforeEach(async () => {
  ({ store, server, clock } = await startTestServer());
});
afterEach(async () => {
  await server.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text }, headers: response.headers };
}

const names = (list: Record<string, unknown>): string[] => (list.items as KObject[]).map((item) => item.metadata.name);

describe('discovery', () => {
  it('reports a 1.32 server and the resources kubectl needs', async () => {
    expect((await call('GET', '/version')).body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
    expect((await call('GET', '/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await call('GET', '/apis')).body).toMatchObject({ kind: 'APIGroupList', groups: [{ name: 'apps', preferredVersion: { groupVersion: 'apps/v1' } }] });
    const core = (await call('GET', '/api/v1')).body.resources as { name: string; shortNames?: string[]; namespaced: boolean; verbs: string[] }[];
    const byName = new Map(core.map((resource) => [resource.name, resource]));
    expect(byName.get('nodes')).toMatchObject({ shortNames: ['no'], namespaced: false });
    expect(byName.get('pods')).toMatchObject({ shortNames: ['po'], namespaced: true });
    expect(byName.get('events')?.shortNames).toEqual(['ev']);
    expect(byName.get('namespaces')?.shortNames).toEqual(['ns']);
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['pods/status', 'nodes/status', 'pods/eviction']));
    const apps = (await call('GET', '/apis/apps/v1')).body.resources as { name: string; shortNames?: string[]; verbs: string[] }[];
    expect(apps.find((resource) => resource.name === 'daemonsets')).toMatchObject({ shortNames: ['ds'], verbs: expect.arrayContaining(['get', 'list', 'watch', 'patch']) });
    expect(apps.map((resource) => resource.name)).toEqual(['daemonsets', 'daemonsets/status', 'controllerrevisions']);
  });

  it("derives a node's heartbeat Lease for kubectl describe node", async () => {
    store.create('nodes', makeNode('n1'));
    expect((await call('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1')).body).toMatchObject({ kind: 'Lease', spec: { holderIdentity: 'n1' } });
    expect((await call('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n9')).body).toMatchObject({ code: 404, message: 'leases.coordination.k8s.io "n9" not found' });
  });

  it('answers unknown paths with a NotFound Status', async () => {
    for (const path of ['/apis/batch/v1', '/api/v1/widgets', '/apis/apps/v1/namespaces/x/pods', '/nothing']) {
      const { status, body } = await call('GET', path);
      expect([path, status, body.kind, body.reason]).toEqual([path, 404, 'Status', 'NotFound']);
    }
  });
});

describe('list', () => {
  beforeEach(() => {
    store.create('nodes', makeNode('n1', { labels: { zone: 'a' } }));
    store.create('nodes', makeNode('n2', { labels: { zone: 'b' } }));
    store.create('nodes', makeNode('n3', { labels: { zone: 'a', gpu: 'true' } }));
    store.create('pods', makePod('p1', { nodeName: 'n1' }));
    store.create('pods', makePod('p2', { nodeName: 'n2', phase: 'Failed' }));
  });

  it.each([
    ['/api/v1/nodes', ['n1', 'n2', 'n3']],
    ['/api/v1/nodes?labelSelector=zone%3Da', ['n1', 'n3']],
    ['/api/v1/nodes?labelSelector=zone%20in%20(a,b),!gpu', ['n1', 'n2']],
    ['/api/v1/nodes?fieldSelector=metadata.name%3Dn2', ['n2']],
    ['/api/v1/pods?fieldSelector=spec.nodeName%3Dn1', ['p1']],
    ['/api/v1/namespaces/kube-system/pods?fieldSelector=status.phase!%3DFailed', ['p1']],
    ['/api/v1/namespaces/default/pods', []],
  ])('%s', async (path, expected) => {
    const { status, body } = await call('GET', path);
    expect(status).toBe(200);
    expect(names(body)).toEqual(expected);
    expect((body.metadata as { resourceVersion: string }).resourceVersion).toBe(store.currentResourceVersion());
  });

  it('rejects an unsupported field selector and a malformed label selector with 400', async () => {
    expect((await call('GET', '/api/v1/nodes?fieldSelector=spec.podCIDR%3Dx')).body).toMatchObject({ code: 400, message: 'field label not supported: spec.podCIDR' });
    expect((await call('GET', '/api/v1/nodes?labelSelector=a%20in%20b')).status).toBe(400);
  });

  it('pages with limit/continue without gaps or duplicates', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const { body } = await call('GET', `/api/v1/nodes?limit=2${token ? `&continue=${token}` : ''}`);
      seen.push(...names(body));
      token = (body.metadata as { continue?: string }).continue ?? '';
      pages++;
    } while (token);
    expect([seen, pages]).toEqual([['n1', 'n2', 'n3'], 2]);
    expect((await call('GET', '/api/v1/nodes?limit=2&continue=garbage')).status).toBe(400);
  });

  it('answers a Table with the columns kubectl prints', async () => {
    clock.advance(2 * 86_400_000 + 3 * 3_600_000);
    const { body } = await call('GET', '/api/v1/nodes?labelSelector=zone%3Db', undefined, { Accept: TABLE });
    expect(body.kind).toBe('Table');
    const columns = (body.columnDefinitions as { name: string; priority: number }[]).map((c) => `${c.name}:${c.priority}`);
    expect(columns).toEqual(['Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1']);
    const rows = body.rows as { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
    expect(rows.map((row) => row.cells)).toEqual([['n2', 'Ready', '<none>', '2d3h', 'v1.32.0', '10.0.0.1', '<none>', 'Debian GNU/Linux 12', '6.1.0', 'containerd://1.7.0']]);
    expect(rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'n2' } });
  });

  it('streams a list larger than one write batch as one valid document, objects and table rows alike', async () => {
    for (let i = 0; i < 1_200; i++) store.create('nodes', makeNode(`big-${String(i).padStart(4, '0')}`));
    const list = await call('GET', '/api/v1/nodes?labelSelector=!zone');
    expect(names(list.body)).toEqual(Array.from({ length: 1_200 }, (_, i) => `big-${String(i).padStart(4, '0')}`));
    const tableRows = (await call('GET', '/api/v1/nodes', undefined, { Accept: TABLE })).body.rows as unknown[];
    expect(tableRows).toHaveLength(1_203);
  });

  it('pages across namespaces', async () => {
    store.create('namespaces', { metadata: { name: 'a-first' } });
    store.create('pods', { ...makePod('p0'), metadata: { name: 'p0', namespace: 'a-first' } });
    const pages: string[][] = [];
    let token = '';
    do {
      const { body } = await call('GET', `/api/v1/pods?limit=1${token ? `&continue=${token}` : ''}`);
      pages.push((body.items as KObject[]).map((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`));
      token = (body.metadata as { continue?: string }).continue ?? '';
    } while (token);
    expect(pages).toEqual([['a-first/p0'], ['kube-system/p1'], ['kube-system/p2']]);
  });

  it('answers PartialObjectMetadataList when asked', async () => {
    const { body } = await call('GET', '/api/v1/nodes', undefined, { Accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
    expect(body.kind).toBe('PartialObjectMetadataList');
    expect((body.items as { kind: string; spec?: unknown }[]).every((item) => item.kind === 'PartialObjectMetadata' && item.spec === undefined)).toBe(true);
  });
});

describe('writes', () => {
  const DS = '/apis/apps/v1/namespaces/kube-system/daemonsets';

  it('creates (201), refuses duplicates (409) and missing namespaces (404)', async () => {
    const created = await call('POST', DS, makeDaemonSet('agent'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'DaemonSet', metadata: { name: 'agent', generation: 1 } });
    expect((await call('POST', DS, makeDaemonSet('agent'))).body).toMatchObject({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409,
      message: 'daemonsets.apps "agent" already exists', details: { name: 'agent', group: 'apps', kind: 'daemonsets' },
    });
    const missing = await call('POST', '/apis/apps/v1/namespaces/nope/daemonsets', makeDaemonSet('agent', 'a:1', 'nope'));
    expect([missing.status, missing.body.message]).toEqual([404, 'namespaces "nope" not found']);
  });

  it('ignores a client-sent status on create: pods start Pending with their QoS class', async () => {
    const guaranteed = makePod('p1', { nodeName: 'n1' });
    (guaranteed.spec as { containers: Record<string, unknown>[] }).containers[0] = { name: 'main', image: 'a:1', resources: { limits: { cpu: '1', memory: '1Gi' } } };
    const { status, body } = await call('POST', '/api/v1/namespaces/kube-system/pods', guaranteed);
    expect([status, body.status]).toEqual([201, { phase: 'Pending', qosClass: 'Guaranteed' }]);
    const burstable = makePod('p2');
    (burstable.spec as { containers: Record<string, unknown>[] }).containers[0] = { name: 'main', image: 'a:1', resources: { requests: { cpu: '1' } } };
    expect((await call('POST', '/api/v1/namespaces/kube-system/pods', burstable)).body.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
    expect((await call('POST', '/api/v1/namespaces/kube-system/pods', { ...makePod('p3'), status: undefined })).body.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('answers 422 with field causes for an invalid DaemonSet', async () => {
    const bad = makeDaemonSet('agent');
    (bad.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    const { status, body } = await call('POST', DS, bad);
    expect(status).toBe(422);
    expect(body).toMatchObject({ reason: 'Invalid', details: { kind: 'DaemonSet', causes: [{ field: 'spec.template.metadata.labels', reason: 'FieldValueInvalid' }] } });
  });

  it('honours dryRun=All on every write', async () => {
    await call('POST', DS, makeDaemonSet('agent'));
    const rv = store.currentResourceVersion();
    expect((await call('POST', `${DS}?dryRun=All`, makeDaemonSet('other'))).status).toBe(201);
    expect((await call('PATCH', `${DS}/agent?dryRun=All`, { metadata: { labels: { a: 'b' } } }, { 'Content-Type': 'application/merge-patch+json' })).body).toMatchObject({ metadata: { labels: { a: 'b' } } });
    expect((await call('DELETE', `${DS}/agent?dryRun=All`)).status).toBe(200);
    expect(store.currentResourceVersion()).toBe(rv);
    expect(store.get('daemonsets', 'kube-system', 'agent')?.metadata.labels).toBeUndefined();
  });

  it('answers a stale PUT with the upstream 409 Conflict', async () => {
    const first = (await call('POST', DS, makeDaemonSet('agent'))).body as KObject;
    await call('PUT', `${DS}/agent`, { ...first, metadata: { ...first.metadata, labels: { v: '1' } } });
    const stale = await call('PUT', `${DS}/agent`, { ...first, metadata: { ...first.metadata, labels: { v: '2' } } });
    expect(stale.body).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Operation cannot be fulfilled on daemonsets.apps "agent": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('treats a resourceVersion inside a patch as a precondition', async () => {
    const ds = (await call('POST', DS, makeDaemonSet('agent'))).body as KObject;
    const merge = { 'Content-Type': 'application/merge-patch+json' };
    const ok = await call('PATCH', `${DS}/agent`, { metadata: { resourceVersion: ds.metadata.resourceVersion, labels: { a: '1' } } }, merge);
    expect(ok.status).toBe(200);
    const stale = await call('PATCH', `${DS}/agent`, { metadata: { resourceVersion: ds.metadata.resourceVersion, labels: { a: '2' } } }, merge);
    expect([stale.status, stale.body.reason]).toEqual([409, 'Conflict']);
  });

  it('changes only status through PUT .../status', async () => {
    const ds = (await call('POST', DS, makeDaemonSet('agent'))).body as KObject;
    const { body } = await call('PUT', `${DS}/agent/status`, { ...ds, spec: {}, status: { desiredNumberScheduled: 4, observedGeneration: 1 } });
    expect(body).toMatchObject({ status: { desiredNumberScheduled: 4 }, metadata: { generation: 1 } });
    expect((body.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'agent' } });
  });

  it.each([
    ['merge patch', 'application/merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'main', image: 'agent:2' }] } } } }],
    ['json patch', 'application/json-patch+json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'agent:2' }]],
    ['strategic merge patch by container name', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'main', image: 'agent:2' }] } } } }],
    ['rollout undo ($patch: replace)', 'application/strategic-merge-patch+json', { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'main', image: 'agent:2' }] } } } }],
  ])('%s changes the image and bumps generation', async (_name, type, patch) => {
    await call('POST', DS, makeDaemonSet('agent'));
    const { status, body } = await call('PATCH', `${DS}/agent`, patch, { 'Content-Type': type });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      metadata: { generation: 2, annotations: { 'deprecated.daemonset.template.generation': '2' } },
      spec: { template: { spec: { containers: [{ name: 'main', image: 'agent:2' }] } } },
    });
  });

  it('answers 415 for an unsupported patch type and 404 for a missing object', async () => {
    await call('POST', DS, makeDaemonSet('agent'));
    const apply = await call('PATCH', `${DS}/agent`, '{}', { 'Content-Type': 'application/apply-patch+yaml' });
    expect([apply.status, apply.body.reason]).toEqual([415, 'UnsupportedMediaType']);
    expect((await call('PATCH', `${DS}/nope`, {}, { 'Content-Type': 'application/merge-patch+json' })).body.message).toBe('daemonsets.apps "nope" not found');
    expect((await call('POST', `${DS}/agent`, {})).status).toBe(405);
    expect((await call('POST', DS, '{not json')).status).toBe(400);
    expect((await call('POST', DS, { ...makePod('p'), kind: 'Pod', apiVersion: 'v1' })).body).toMatchObject({ code: 400, message: expect.stringMatching(/^Pod in version "v1" cannot be handled as a DaemonSet/) });
    expect((await call('POST', DS, { metadata: 'x' })).status).toBe(400);
  });

  it('deletes a DaemonSet with a Success Status and garbage-collects its pods', async () => {
    const ds = (await call('POST', DS, makeDaemonSet('agent'))).body as KObject;
    store.create('pods', makePod('agent-1', { ownerUid: ds.metadata.uid ?? '' }));
    const { body } = await call('DELETE', `${DS}/agent`, { propagationPolicy: 'Background' });
    expect(body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'agent', kind: 'daemonsets', uid: ds.metadata.uid } });
    expect(store.count('pods')).toBe(0);
  });

  it('deletes a scheduled pod gracefully and returns it; grace 0 removes it', async () => {
    store.create('pods', makePod('p1', { nodeName: 'n1' }));
    const marked = await call('DELETE', '/api/v1/namespaces/kube-system/pods/p1');
    expect(marked.body).toMatchObject({ kind: 'Pod', metadata: { deletionGracePeriodSeconds: 30 } });
    await call('DELETE', '/api/v1/namespaces/kube-system/pods/p1?gracePeriodSeconds=0');
    expect(store.get('pods', 'kube-system', 'p1')).toBeUndefined();
  });

  it('evicts a pod through pods/eviction', async () => {
    store.create('pods', makePod('p1', { nodeName: 'n1' }));
    const { status } = await call('POST', '/api/v1/namespaces/kube-system/pods/p1/eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p1' } });
    expect(status).toBe(201);
    expect(store.get('pods', 'kube-system', 'p1')?.metadata.deletionTimestamp).toBeDefined();
  });
});

describe('faults', () => {
  it('fails the next N matching requests with 429 + Retry-After, then recovers', async () => {
    server.faults.failNext({ count: 2, status: 429, pathPrefix: '/api/v1/nodes', retryAfterSeconds: 3 });
    expect((await call('GET', '/api/v1/pods')).status).toBe(200);
    const first = await call('GET', '/api/v1/nodes');
    expect([first.status, first.headers.get('retry-after'), first.body.reason]).toEqual([429, '3', 'TooManyRequests']);
    expect((await call('GET', '/api/v1/nodes')).status).toBe(429);
    expect((await call('GET', '/api/v1/nodes')).status).toBe(200);
  });

  it('is controlled through POST /_sim/faults', async () => {
    expect((await call('POST', '/_sim/faults', { action: 'fail', count: 1, status: 503 })).body).toEqual({ ok: true });
    expect((await call('GET', '/api/v1/nodes')).body).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    await call('POST', '/_sim/faults', { action: 'latency', ms: 150 });
    const started = Date.now();
    await call('GET', '/version');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await call('POST', '/_sim/faults', { action: 'reset' });
    expect((await call('POST', '/_sim/faults', { action: 'explode' })).status).toBe(400);
  });

  it('flips a node between Ready and NotReady through POST /_sim/faults nodeReady, and refuses bad input', async () => {
    store.create('nodes', { metadata: { name: 'flappy' } });
    const ready = () => (store.get('nodes', undefined, 'flappy')?.status as { conditions?: { type: string; status: string; reason: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Ready');
    expect((await call('POST', '/_sim/faults', { action: 'nodeReady', node: 'flappy' })).body).toEqual({ ok: true, node: 'flappy', ready: 'False' });
    expect(ready()).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect((await call('POST', '/_sim/faults', { action: 'nodeReady', node: 'flappy' })).body).toMatchObject({ ready: 'True' });
    expect((await call('POST', '/_sim/faults', { action: 'nodeReady', node: 'flappy', ready: true })).body).toMatchObject({ ready: 'True' });
    expect(ready()).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect((await call('POST', '/_sim/faults', { action: 'nodeReady' })).status).toBe(400);
    expect((await call('POST', '/_sim/faults', { action: 'nodeReady', node: 'ghost' })).body).toMatchObject({ code: 404, message: 'nodes "ghost" not found' });
  });
});
