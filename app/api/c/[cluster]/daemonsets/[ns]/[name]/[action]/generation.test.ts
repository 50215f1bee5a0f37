import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as session } from '@/app/api/session/route';
import { demoEntry } from '@/server/clusters/demo';
import { setRegistry } from '@/server/clusters/global-registry';
import { makeKubeClient, type KubeClient } from '@/server/clusters/kube-http';
import { ClusterRegistry } from '@/server/clusters/registry';
import { kubeConfigForUrl } from '@/server/clusters/url-access';
import { parseConfig, setConfig } from '@/server/config';
import { startSimulatedCluster, type SimulatedCluster } from '@/server/simulator/cluster';
import { POST as daemonSetAction } from './route';

/* A busy rollout keeps writing status, which bumps resourceVersion but not generation: an action sent
   with the `generation` the operator reviewed must go through, and be refused only by a spec change. */

const ORIGIN = 'http://127.0.0.1:3000';
const DS_PATH = '/apis/apps/v1/namespaces/kube-system/daemonsets/node-agent';
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
let sim: SimulatedCluster;
let registry: ClusterRegistry;
let client: KubeClient;
let token = '';

interface Live {
  metadata: { resourceVersion: string; generation: number };
  spec: { template: { metadata?: { annotations?: Record<string, string> } } };
  status?: Record<string, unknown>;
}

const live = () => client<Live>({ method: 'GET', path: DS_PATH });

async function act(action: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const request = new Request(`${ORIGIN}/api/c/demo/daemonsets/kube-system/node-agent/${action}`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', cookie: `daemonscope-csrf=${token}`, 'x-csrf-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const response = await daemonSetAction(request, params({ cluster: 'demo', ns: 'kube-system', name: 'node-agent', action }));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** What the DaemonSet controller does all through a rollout: a status write (new resourceVersion, same generation). */
async function statusWrite(): Promise<void> {
  const ds = await live();
  const status = { ...ds.status, numberMisscheduled: ((ds.status?.numberMisscheduled as number | undefined) ?? 0) + 1 };
  await client({ method: 'PUT', path: `${DS_PATH}/status`, body: { ...ds, status } });
}

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', manual: true });
  sim.plane.advance(60_000, 1_000);
  client = makeKubeClient(kubeConfigForUrl('demo', sim.url));
  const dir = await mkdtemp(join(tmpdir(), 'generation-'));
  const config = { ...parseConfig({}, { cwd: dir, home: dir, fileExists: () => false }), demoUrl: sim.url };
  setConfig(config);
  registry = new ClusterRegistry([demoEntry(config)], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  const response = await session(new Request(`${ORIGIN}/api/session`), params({}));
  token = ((await response.json()) as { csrfToken: string }).csrfToken;
  for (let i = 0; i < 600 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
});

afterAll(async () => {
  await registry?.close();
  setRegistry(undefined);
  await sim?.close();
});

describe('the generation precondition of DaemonSet actions', () => {
  it('goes through after status writes moved the resourceVersion, where the resourceVersion precondition gives 409', async () => {
    const reviewed = await live();
    await statusWrite();
    const moved = await live();
    expect(moved.metadata.resourceVersion).not.toBe(reviewed.metadata.resourceVersion);
    expect(moved.metadata.generation).toBe(reviewed.metadata.generation);

    expect((await act('restart', { resourceVersion: reviewed.metadata.resourceVersion })).status).toBe(409);
    const dry = await act('restart', { generation: reviewed.metadata.generation, dryRun: true });
    expect(dry.status).toBe(200);
    const real = await act('restart', { generation: reviewed.metadata.generation });
    expect(real).toMatchObject({ status: 200, json: { ok: true, result: { generation: reviewed.metadata.generation + 1 } } });
    expect((await live()).spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeDefined();
  });

  it('refuses with 409 and says the spec changed when the generation moved on, and changes nothing', async () => {
    const reviewed = await live();
    await client({ method: 'PATCH', path: DS_PATH, contentType: 'application/merge-patch+json', body: { spec: { minReadySeconds: 7 } } });
    const changed = await live();
    expect(changed.metadata.generation).toBe(reviewed.metadata.generation + 1);

    const refused = await act('pause', { generation: reviewed.metadata.generation });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ reason: 'Conflict', message: expect.stringContaining(`generation ${reviewed.metadata.generation}, it is now ${changed.metadata.generation}`) as unknown });
    expect((await live()).metadata.resourceVersion).toBe(changed.metadata.resourceVersion);
  });

  it.each([[0], [-1], [1.5], ['3']])('refuses a malformed generation (%j) as 422', async (generation) => {
    expect((await act('restart', { generation, dryRun: true })).status).toBe(422);
  });
});
