import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedCluster, type SimulatedCluster } from './cluster';

describe('the simulated clock endpoint', () => {
  let cluster: SimulatedCluster;
  beforeAll(async () => {
    cluster = await startSimulatedCluster({ scenario: 'empty', speed: 1 });
  });
  afterAll(() => cluster.close());

  it('reports simulated time, speed and mode', async () => {
    const reading = (await (await fetch(`${cluster.url}/_sim/clock`)).json()) as Record<string, unknown>;
    expect(reading).toMatchObject({ speed: 1, manual: false });
    expect(Math.abs((reading.now as number) - cluster.clock.now())).toBeLessThan(1_000);
  });

  it('moves simulated time forward when a test asks', async () => {
    const before = cluster.clock.now();
    const response = await fetch(`${cluster.url}/_sim/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 600_000 }) });
    expect(response.status).toBe(200);
    expect(cluster.clock.now() - before).toBeGreaterThanOrEqual(600_000);
  });

  it.each([{ advanceMs: -1 }, { advanceMs: 'soon' }, {}])('refuses %j with a 400 Status', async (body) => {
    const response = await fetch(`${cluster.url}/_sim/clock`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });
});
