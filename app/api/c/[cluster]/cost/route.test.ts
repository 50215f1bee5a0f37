import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuantity, quantityRatio } from '@/lib/quantity';
import { demoEntry } from '@/server/clusters/demo';
import { setRegistry } from '@/server/clusters/global-registry';
import { ClusterRegistry } from '@/server/clusters/registry';
import { parseConfig, setConfig } from '@/server/config';
import type { FleetCostReport } from '@/server/hub/fleet-cost';
import { startSimulatedCluster, type SimulatedCluster } from '@/server/simulator/cluster';
import { GET as cost } from './route';

const ORIGIN = 'http://127.0.0.1:3000';
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
let sim: SimulatedCluster;
let registry: ClusterRegistry;

async function getCost(cluster = 'demo'): Promise<{ status: number; json: unknown }> {
  const response = await cost(new Request(`${ORIGIN}/api/c/${cluster}/cost`), params({ cluster }));
  return { status: response.status, json: await response.json() };
}

/** `total / perPod` of one resource, as a number (the node count the total was multiplied by). */
const factor = (total: string | undefined, perPod: string | undefined) =>
  total === undefined || perPod === undefined ? undefined : quantityRatio(parseQuantity(total), parseQuantity(perPod));

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'demo', manual: true });
  sim.plane.advance(60_000, 1_000);
  const dir = await mkdtemp(join(tmpdir(), 'cost-'));
  const config = { ...parseConfig({}, { cwd: dir, home: dir, fileExists: () => false }), demoUrl: sim.url };
  setConfig(config);
  registry = new ClusterRegistry([demoEntry(config)], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  for (let i = 0; i < 600 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
});

afterAll(async () => {
  await registry?.close();
  setRegistry(undefined);
  await sim?.close();
});

describe('GET /api/c/{cluster}/cost on the demo cluster', () => {
  it('costs every DaemonSet as per-pod requests and limits × its desired nodes, and sums the fleet', async () => {
    const { status, json } = await getCost();
    expect(status).toBe(200);
    const report = json as FleetCostReport;
    const live = sim.store.list('daemonsets').items;
    expect(report.daemonSets.map((ds) => `${ds.namespace}/${ds.name}`)).toEqual(live.map((ds) => `${ds.metadata.namespace}/${ds.metadata.name}`).sort());

    const agent = report.daemonSets.find((ds) => ds.name === 'node-agent');
    const reported = live.find((ds) => ds.metadata.name === 'node-agent') as { status?: { desiredNumberScheduled?: number } } | undefined;
    expect(agent?.desiredNumberScheduled).toBe(reported?.status?.desiredNumberScheduled);
    expect(agent?.desiredNumberScheduled).toBeGreaterThan(1);
    expect(agent?.perPod.requests).toEqual({ cpu: '50m', memory: '512Mi' });
    for (const ds of report.daemonSets) {
      for (const [resource, perPod] of Object.entries(ds.perPod.requests)) {
        expect(factor(ds.total.requests[resource], perPod)).toBe(ds.desiredNumberScheduled);
      }
    }
    const memorySum = report.daemonSets.reduce((sum, ds) => sum + Number(parseQuantity(ds.total.requests.memory ?? '0').nanos), 0);
    expect(Number(parseQuantity(report.total.requests.memory ?? '0').nanos)).toBe(memorySum);
  });

  it('reports each node’s share of allocatable taken by daemon requests: max, median and the top nodes', async () => {
    const report = (await getCost()).json as FleetCostReport;
    expect(report.nodes.count).toBe(sim.store.list('nodes').items.length);
    const memory = report.nodes.summary.memory;
    expect(memory?.max).toBeGreaterThan(0);
    expect(memory?.median).toBeGreaterThan(0);
    expect(memory?.median).toBeLessThanOrEqual(memory?.max ?? 0);
    const peaks = report.nodes.top.map((entry) => Math.max(...Object.values(entry.share)));
    expect(peaks).toEqual([...peaks].sort((a, b) => b - a));
    expect(peaks[0]).toBe(Math.max(...Object.values(report.nodes.summary).map((s) => s.max)));
    expect(report.nodes.top.length).toBe(Math.min(5, report.nodes.count));
  });

  it('an unknown cluster is a 404 in the API error shape', async () => {
    const { status, json } = await getCost('nope');
    expect(status).toBe(404);
    expect(json).toMatchObject({ code: 404, message: expect.stringContaining('nope') as unknown });
  });
});
