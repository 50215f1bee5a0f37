import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as readyz } from '@/app/api/readyz/route';
import { demoEntry } from '@/server/clusters/demo';
import { setRegistry } from '@/server/clusters/global-registry';
import { ClusterRegistry } from '@/server/clusters/registry';
import { parseConfig, setConfig } from '@/server/config';
import { emptyView, readStream, type StreamView } from '@/server/hub/sse-client';
import type { StreamStatus } from '@/server/hub/stream-protocol';
import { startSimulatedCluster, type SimulatedCluster } from '@/server/simulator/cluster';
import { GET as stream } from './route';

/* The external simulated cluster dies and comes back on the same port: the stream must say Stale
   (since the first failure) at once, readyz must agree, and both must return to Live only once every
   watch has re-synced. */

const ORIGIN = 'http://127.0.0.1:3000';
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
let sim: SimulatedCluster;
let port = 0;
let registry: ClusterRegistry;
const abort = new AbortController();
const view: StreamView = emptyView();

const lastStatus = (): StreamStatus | undefined => view.statuses[view.statuses.length - 1];

async function readiness(): Promise<{ reachable: boolean; message?: string }> {
  const response = await readyz(new Request(`${ORIGIN}/api/readyz`), params({}));
  const body = (await response.json()) as { clusters: { name: string; reachable: boolean; message?: string }[] };
  return body.clusters.find((cluster) => cluster.name === 'demo') ?? { reachable: false, message: 'missing' };
}

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo' });
  port = Number(new URL(sim.url).port);
  const dir = await mkdtemp(join(tmpdir(), 'stale-'));
  const config = { ...parseConfig({}, { cwd: dir, home: dir, fileExists: () => false }), demoUrl: sim.url };
  setConfig(config);
  registry = new ClusterRegistry([demoEntry(config)], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  for (let i = 0; i < 600 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const response = await stream(new Request(`${ORIGIN}/api/c/demo/stream`, { signal: abort.signal }), params({ cluster: 'demo' }));
  void readStream(response, view, abort.signal);
});

afterAll(async () => {
  abort.abort();
  await registry?.close();
  setRegistry(undefined);
  await sim?.close();
});

describe('stream status when the cluster goes away and comes back', () => {
  it('flips to Stale with the first failure time, readyz agrees, and returns to Live after every kind re-syncs', async () => {
    await expect.poll(() => lastStatus()?.state, { timeout: 10_000 }).toBe('Live');
    const liveSince = lastStatus()?.since ?? 0;

    await sim.close();
    const killedAt = Date.now();
    await expect.poll(() => lastStatus()?.state, { timeout: 5_000, interval: 20 }).toBe('Stale');
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    const stale = lastStatus();
    expect(stale?.since).toBeGreaterThanOrEqual(liveSince);
    expect(Object.values(stale?.resources ?? {}).some((resource) => resource.error !== undefined)).toBe(true);
    expect(await readiness()).toMatchObject({ reachable: false, message: expect.any(String) as unknown });

    // While it stays down, later failures (other kinds, retries) keep the first failure's time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lastStatus()).toMatchObject({ state: 'Stale', since: stale?.since });

    sim = await startSimulatedCluster({ scenario: 'demo', port });
    await expect.poll(() => lastStatus()?.state, { timeout: 20_000, interval: 50 }).toBe('Live');
    const live = lastStatus();
    expect(Object.values(live?.resources ?? {}).every((resource) => resource.synced && resource.error === undefined)).toBe(true);
    expect(await readiness()).toEqual({ name: 'demo', source: 'demo', reachable: true });
  });
});
