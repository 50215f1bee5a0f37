/* Route handlers are exercised end to end here, against the simulated cluster: the app/api handlers
   are the unit under test, so this file (alone in server/) imports them. */
/* eslint-disable no-restricted-imports */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as daemonSetAction } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/[action]/route';
import { GET as daemonSetDetail } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/route';
import { GET as nodeDetail } from '@/app/api/c/[cluster]/nodes/[name]/route';
import { GET as nodeList } from '@/app/api/c/[cluster]/nodes/route';
import { POST as deletePod } from '@/app/api/c/[cluster]/pods/[ns]/[name]/delete/route';
import { GET as stream } from '@/app/api/c/[cluster]/stream/route';
import { GET as clusters } from '@/app/api/clusters/route';
import { GET as healthz } from '@/app/api/healthz/route';
import { GET as readyz } from '@/app/api/readyz/route';
import { GET as session } from '@/app/api/session/route';
import { demoEntry } from './clusters/demo';
import { setRegistry } from './clusters/global-registry';
import { ClusterRegistry } from './clusters/registry';
import { parseConfig, setConfig, type ServerConfig } from './config';
import { startSimulatedCluster, type SimulatedCluster } from './simulator/cluster';

const ORIGIN = 'http://127.0.0.1:3000';
let sim: SimulatedCluster;
let registry: ClusterRegistry;
let config: ServerConfig;
let token = '';

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
type Json = Record<string, unknown> & { result?: Record<string, unknown> };

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Request> {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie: `daemonscope-csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function dsAction(name: string, action: string, body: unknown = {}, headers: Record<string, string> = {}, namespace = 'kube-system') {
  const response = await daemonSetAction(await post(`/api/c/demo/daemonsets/${namespace}/${name}/${action}`, body, headers), params({ cluster: 'demo', ns: namespace, name, action }));
  return { status: response.status, json: (await response.json()) as Json };
}

async function dsDetail(name: string, namespace = 'kube-system') {
  const response = await daemonSetDetail(new Request(`${ORIGIN}/x`), params({ cluster: 'demo', ns: namespace, name }));
  return { status: response.status, json: (await response.json()) as Json };
}

const liveResourceVersion = (name: string, namespace = 'kube-system') => sim.store.get('daemonsets', namespace, name)?.metadata.resourceVersion;

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', speed: 20 });
  const dir = await mkdtemp(join(tmpdir(), 'routes-'));
  config = { ...parseConfig({}, { cwd: dir, home: dir, fileExists: () => false }), demoUrl: sim.url };
  setConfig(config);
  registry = new ClusterRegistry([demoEntry(config)], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  const response = await session(new Request(`${ORIGIN}/api/session`), params({}));
  token = ((await response.json()) as { csrfToken: string }).csrfToken;
  for (let i = 0; i < 200 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
});

afterAll(async () => {
  await registry?.close();
  setRegistry(undefined);
  await sim?.close();
});

describe('read routes', () => {
  it('health, readiness and the cluster list', async () => {
    expect(await healthz().json()).toEqual({ status: 'ok' });
    expect((await readyz(new Request(`${ORIGIN}/api/readyz`), params({}))).status).toBe(200);
    expect(await (await clusters(new Request(`${ORIGIN}/api/clusters`), params({}))).json()).toEqual([{ name: 'demo', source: 'demo', reachable: true }]);
  });

  it('session sets a SameSite=Strict readable cookie and says who and whether read-only', async () => {
    const response = await session(new Request(`${ORIGIN}/api/session`), params({}));
    expect(response.headers.get('set-cookie')).toMatch(/^daemonscope-csrf=[\w-]+; Path=\/; SameSite=Strict$/);
    expect(await response.json()).toMatchObject({ readOnly: false, user: 'local' });
  });

  it('DaemonSet detail: spec, both statuses, rollout status text, revisions, cost, rollout verdict', async () => {
    const { status, json } = await dsDetail('node-agent');
    expect(status).toBe(200);
    expect(json).toMatchObject({ spec: { updateStrategy: 'RollingUpdate' }, status: { implied: { desiredNumberScheduled: expect.any(Number) } } });
    expect(json.rolloutStatus).toHaveProperty('message');
    expect((json.revisions as unknown[]).length).toBeGreaterThan(0);
    expect(json).toHaveProperty('cost');
    expect(json).toHaveProperty('rollout.progress');
  });

  it('unknown objects are Kubernetes-style 404s; malformed names 422', async () => {
    expect(await dsDetail('nope')).toEqual({ status: 404, json: expect.objectContaining({ kind: 'Status', code: 404, reason: 'NotFound', message: 'daemonsets.apps "nope" not found' }) });
    const bad = await dsDetail('Bad_Name');
    expect(bad.status).toBe(422);
    const unknownCluster = await daemonSetDetail(new Request(`${ORIGIN}/x`), params({ cluster: 'prod', ns: 'a', name: 'b' }));
    expect(unknownCluster.status).toBe(404);
  });

  it('node detail: every DaemonSet with a verdict, reasons and automatic tolerations', async () => {
    const name = sim.store.list('nodes').items[0]?.metadata.name ?? '';
    const response = await nodeDetail(new Request(`${ORIGIN}/x`), params({ cluster: 'demo', name }));
    const json = (await response.json()) as { node: { name: string }; daemonSets: { state: string; reasons: unknown[]; automaticTolerations: unknown[] }[] };
    expect(json.node.name).toBe(name);
    expect(json.daemonSets.length).toBeGreaterThan(3);
    expect(json.daemonSets[0]?.automaticTolerations.length).toBeGreaterThanOrEqual(6);
  });

  it('node list: names, labels and taints of every node, sorted', async () => {
    const json = (await (await nodeList(new Request(`${ORIGIN}/x`), params({ cluster: 'demo' }))).json()) as { items: { metadata: { name: string; labels: object }; spec: { taints: unknown[] } }[] };
    const names = sim.store.list('nodes').items.map((n) => n.metadata.name).sort();
    expect(json.items.map((n) => n.metadata.name)).toEqual(names);
    expect(json.items[0]).toMatchObject({ metadata: { labels: expect.any(Object) }, spec: { taints: expect.any(Array) } });
  });

  it('the stream route answers SSE: connected, snapshot, status', async () => {
    const abort = new AbortController();
    const response = await stream(new Request(`${ORIGIN}/api/c/demo/stream?daemonset=kube-system/node-agent`, { signal: abort.signal }), params({ cluster: 'demo' }));
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.getReader();
    let text = '';
    while (!text.includes('event: rollout')) text += new TextDecoder().decode((await reader?.read())?.value);
    abort.abort();
    expect(text.startsWith(': connected\n\n')).toBe(true);
    expect(text).toMatch(/event: snapshot\ndata: \{"seq":\d+,"rows"/);
    expect(text).toContain('event: status');
  });

  it('refuses a malformed ?daemonset= filter', async () => {
    const response = await stream(new Request(`${ORIGIN}/api/c/demo/stream?daemonset=a/b/c`), params({ cluster: 'demo' }));
    expect(response.status).toBe(422);
  });
});

describe('actions', () => {
  it('restart: kubectl equivalent, audit line, then a double click with the same resourceVersion is a 409', async () => {
    const resourceVersion = liveResourceVersion('node-agent');
    const first = await dsAction('node-agent', 'restart', { resourceVersion });
    expect(first).toMatchObject({ status: 200, json: { ok: true, kubectl: 'kubectl rollout restart daemonset/node-agent -n kube-system' } });
    const again = await dsAction('node-agent', 'restart', { resourceVersion });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ reason: 'Conflict', message: expect.stringContaining('has been modified') });
    const lines = (await readFile(config.auditLogPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l.action === 'restart').map((l) => l.result)).toEqual(['ok', expect.stringMatching(/^Conflict: /)]);
    expect(lines[0]).toMatchObject({ user: 'local', cluster: 'demo', object: 'daemonset/kube-system/node-agent' });
  });

  it('rollback: a dry run shows the template diff and the rollout order, then the real one', async () => {
    await expect.poll(async () => ((await dsDetail('node-agent')).json.revisions as unknown[]).length, { timeout: 10_000 }).toBeGreaterThan(1);
    const dry = await dsAction('node-agent', 'rollback', { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json.result).toMatchObject({ templateDiff: expect.stringContaining('kubectl.kubernetes.io/restartedAt'), rollout: { strategy: 'RollingUpdate' } });
    expect(((dry.json.result?.rollout as { waves: unknown[] }).waves).length).toBeGreaterThan(0);
    expect(sim.store.get('daemonsets', 'kube-system', 'node-agent')?.spec).toHaveProperty('template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt');
    const toRevision = dry.json.result?.toRevision as number;
    const real = await dsAction('node-agent', 'rollback', { toRevision });
    expect(real).toMatchObject({ status: 200, json: { kubectl: `kubectl rollout undo daemonset/node-agent -n kube-system --to-revision=${toRevision}` } });
    const template = sim.store.get('daemonsets', 'kube-system', 'node-agent')?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } };
    expect(template.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeUndefined();
  });

  it('a stale resourceVersion on a dry run is a 409 too, and a dry run changes nothing', async () => {
    const before = liveResourceVersion('node-agent');
    expect((await dsAction('node-agent', 'restart', { resourceVersion: '1', dryRun: true })).status).toBe(409);
    expect((await dsAction('node-agent', 'restart', { dryRun: true })).json.result).toMatchObject({ templateDiff: expect.stringContaining('restartedAt') });
    expect(liveResourceVersion('node-agent')).toBe(before);
  });

  it('refuses pods that no DaemonSet controls', async () => {
    sim.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'standalone', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const response = await deletePod(await post('/api/c/demo/pods/default/standalone/delete', {}), params({ cluster: 'demo', ns: 'default', name: 'standalone' }));
    expect(response.status).toBe(422);
    expect(sim.store.get('pods', 'default', 'standalone')).toBeDefined();
  });

  it('rollback to a revision that does not exist: kubectl text as a 404', async () => {
    expect(await dsAction('node-agent', 'rollback', { toRevision: 99 })).toMatchObject({ status: 404, json: { message: 'unable to find specified revision 99 in history' } });
  });

  it('pause (dry run says what it does not stop), pause, pause again refused, resume', async () => {
    const dry = await dsAction('node-exporter', 'pause', { dryRun: true }, {}, 'monitoring');
    expect(dry.json.result).toMatchObject({ updateStrategy: { from: 'RollingUpdate', to: 'OnDelete' } });
    expect(dry.json.result?.doesNotStop).toEqual(expect.arrayContaining([expect.stringContaining('newly eligible')]));
    expect((await dsAction('node-exporter', 'pause', {}, {}, 'monitoring')).status).toBe(200);
    expect(sim.store.get('daemonsets', 'monitoring', 'node-exporter')?.spec).toMatchObject({ updateStrategy: { type: 'OnDelete' } });
    expect(await dsAction('node-exporter', 'pause', {}, {}, 'monitoring')).toMatchObject({ status: 409, json: { message: expect.stringContaining('already paused') } });
    const resumed = await dsAction('node-exporter', 'resume', {}, {}, 'monitoring');
    expect(resumed.json.kubectl).toMatch(/^kubectl patch daemonset\/node-exporter -n monitoring --type=merge -p '/);
    expect(sim.store.get('daemonsets', 'monitoring', 'node-exporter')?.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate' } });
  });

  it('deletes one daemon pod; a second click is a no-op while it terminates', async () => {
    const pod = sim.store.list('pods', 'kube-system').items.find((p) => p.metadata.ownerReferences?.[0]?.name === 'node-agent' && p.metadata.deletionTimestamp === undefined);
    const name = pod?.metadata.name ?? '';
    const call = async () => {
      const response = await deletePod(await post(`/api/c/demo/pods/kube-system/${name}/delete`, {}), params({ cluster: 'demo', ns: 'kube-system', name }));
      return { status: response.status, json: (await response.json()) as Json };
    };
    const dry = await deletePod(await post(`/api/c/demo/pods/kube-system/${name}/delete`, { dryRun: true }), params({ cluster: 'demo', ns: 'kube-system', name }));
    expect(await dry.json()).toMatchObject({ ok: true, dryRun: true, result: { deleted: false, daemonSet: 'node-agent' } });
    expect(sim.store.get('pods', 'kube-system', name)?.metadata.deletionTimestamp).toBeUndefined();
    expect(await call()).toMatchObject({ status: 200, json: { kubectl: `kubectl delete pod ${name} -n kube-system`, result: { deleted: true } } });
    const second = await call();
    expect([200, 404]).toContain(second.status);
    if (second.status === 200) expect(second.json.result).toMatchObject({ alreadyDeleting: true });
  });

  it.each([
    ['a cross-site Origin', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['a missing CSRF header', { 'x-csrf-token': '' }],
    ['a CSRF header that is not the cookie', { 'x-csrf-token': 'forged' }],
  ])('refuses %s with 403 and changes nothing', async (_name, headers) => {
    const before = liveResourceVersion('node-agent');
    expect((await dsAction('node-agent', 'restart', {}, headers)).status).toBe(403);
    expect(liveResourceVersion('node-agent')).toBe(before);
  });

  it('validates the body: unknown fields and wrong types are 422, broken JSON 400, unknown action 404', async () => {
    expect((await dsAction('node-agent', 'rollback', { toRevison: 1 })).status).toBe(422);
    expect((await dsAction('node-agent', 'rollback', { toRevision: '1' })).status).toBe(422);
    const broken = await daemonSetAction(
      new Request(`${ORIGIN}/x`, { method: 'POST', headers: { host: '127.0.0.1:3000', cookie: `daemonscope-csrf=${token}`, 'x-csrf-token': token }, body: '{' }),
      params({ cluster: 'demo', ns: 'kube-system', name: 'node-agent', action: 'restart' }),
    );
    expect(broken.status).toBe(400);
    expect((await dsAction('node-agent', 'explode')).status).toBe(404);
  });

  it('under --read-only every mutation route is a 404', async () => {
    setConfig({ ...config, readOnly: true });
    try {
      const before = liveResourceVersion('node-agent');
      expect(await dsAction('node-agent', 'restart')).toMatchObject({ status: 404, json: { reason: 'NotFound' } });
      expect(liveResourceVersion('node-agent')).toBe(before);
      const response = await session(new Request(`${ORIGIN}/api/session`), params({}));
      expect(await response.json()).toMatchObject({ readOnly: true });
    } finally {
      setConfig(config);
    }
  });
});
