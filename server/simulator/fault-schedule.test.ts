import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedCluster, type SimulatedCluster } from './cluster';
import { startFaultSchedule } from './fault-schedule';

let sim: SimulatedCluster;

beforeAll(async () => {
  sim = await startSimulatedCluster({ scenario: 'scale', nodes: 3, daemonSets: 1, manual: true });
});

afterAll(async () => {
  await sim?.close();
});

const nodeName = () => sim.store.list('nodes').items[0]?.metadata.name ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startFaultSchedule', () => {
  it('injects each periodic fault on its interval, logs it, and stops', async () => {
    const lines: string[] = [];
    const schedule = startFaultSchedule(sim.faults, {
      dropWatchesEveryMs: 40,
      expireWatchesEveryMs: 60,
      fail: { everyMs: 50, status: 429, count: 1, retryAfterSeconds: 3 },
      flapNode: { name: nodeName(), everyMs: 30 },
    }, (line) => lines.push(line));
    expect(schedule.description).toEqual([
      'drop every watch every 40 ms',
      '410 Gone to every watch every 60 ms',
      '1 requests answer 429 every 50 ms',
      `node ${nodeName()} flips Ready/NotReady every 30 ms`,
    ]);
    await expect.poll(() => lines.filter((line) => line.includes('Ready=')).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => lines.some((line) => line.startsWith('fault: dropped')) && lines.some((line) => line.includes('410 Gone')), { timeout: 5_000 }).toBe(true);
    const flips = lines.filter((line) => line.includes('Ready=')).slice(0, 2);
    expect(flips).toEqual([`fault: node ${nodeName()} Ready=False`, `fault: node ${nodeName()} Ready=True`]);
    await expect.poll(() => lines.some((line) => line.includes('answer 429')), { timeout: 5_000 }).toBe(true);
    const refused = await fetch(`${sim.url}/api/v1/nodes`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3');
    schedule.stop();
    sim.faults.reset();
    const count = lines.length;
    await sleep(150);
    expect(lines.length).toBe(count);
    expect((await fetch(`${sim.url}/api/v1/nodes`)).status).toBe(200);
  });

  it('adds latency from the start', async () => {
    const schedule = startFaultSchedule(sim.faults, { latencyMs: 200 }, () => {});
    try {
      expect(schedule.description).toEqual(['200 ms latency on every request']);
      const started = Date.now();
      expect((await fetch(`${sim.url}/version`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    } finally {
      schedule.stop();
      sim.faults.reset();
    }
  });

  it('refuses to flap a node that does not exist', () => {
    expect(() => startFaultSchedule(sim.faults, { flapNode: { name: 'no-such-node', everyMs: 1_000 } }, () => {})).toThrow('nodes "no-such-node" not found');
  });
});
