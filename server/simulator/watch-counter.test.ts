import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedCluster, type SimulatedCluster } from './cluster';

async function openWatches(url: string): Promise<unknown> {
  return (await fetch(`${url}/_sim/watches`)).json();
}

/** Polls until the counter shows `expected` (a watch registers once its request has been handled). */
async function until(url: string, expected: unknown): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const seen = await openWatches(url);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await openWatches(url)).toEqual(expected);
}

describe('GET /_sim/watches', () => {
  let cluster: SimulatedCluster;
  beforeAll(async () => {
    cluster = await startSimulatedCluster({ scenario: 'empty', manual: true });
  });
  afterAll(() => cluster.close());

  it('counts open watches per resource, and forgets a watch when its client goes', async () => {
    await until(cluster.url, { open: 0, byResource: {} });
    const pods = new AbortController();
    const nodes = new AbortController();
    const podWatch = await fetch(`${cluster.url}/api/v1/pods?watch=true`, { signal: pods.signal });
    const nodeWatch = await fetch(`${cluster.url}/api/v1/nodes?watch=1`, { signal: nodes.signal });
    expect([podWatch.status, nodeWatch.status]).toEqual([200, 200]);
    await until(cluster.url, { open: 2, byResource: { pods: 1, nodes: 1 } });
    pods.abort();
    await until(cluster.url, { open: 1, byResource: { nodes: 1 } });
    nodes.abort();
    await until(cluster.url, { open: 0, byResource: {} });
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(`${cluster.url}/_sim/watches`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed' });
  });
});
