/**
 * The short soak: the code path of `npm run soak`, in process and small — 20 clients (2 slow) on a
 * 100 × 5 fleet at 100 watch events/s for 10 s. Its checks are the soak's own, except those about speed: the
 * event rate reached and the delivery latency are reported but not asserted (speed is measured by
 * `npm run soak`, not in tests), and memory is not judged (a trend needs minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoakFigures } from './figures';
import { startInProcessStack } from './in-process-stack';
import { runSoak } from './run';
import type { SoakStack } from './stack';

let stack: SoakStack;
let figures: SoakFigures;
const lines: string[] = [];

beforeAll(async () => {
  // A hub queue of 12 chunks: a client stalled for 7 s (some 70 batches) falls far enough behind to be
  // resynced, while a client that reads keeps at most a few chunks queued.
  stack = await startInProcessStack({ nodes: 100, daemonsets: 5, seed: 1, maxQueued: 12 });
  figures = await runSoak(stack, {
    nodes: 100, daemonsets: 5, seed: 1, clients: 20, slowClients: 2, eventsPerSecond: 100, minutes: 0.17, warmupSeconds: 2, sampleSeconds: 1,
    slowStallSeconds: 7, rssSlopeMbPerMin: 2, latencyBudgetMs: null,
  }, (line) => lines.push(line));
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

function verdict(name: string): boolean | null | undefined {
  return figures.checks.find((check) => check.name === name)?.ok;
}

describe('a short soak in process', () => {
  it('drives watch events at the dashboard and delivers them to every normal client', () => {
    expect(figures.drive?.flipsMade).toBeGreaterThan(0);
    expect(figures.drive?.eventsByResource['/api/v1/pods']).toBeGreaterThan(0);
    expect(figures.latency?.samples).toBeGreaterThan(0);
    expect(figures.drive?.achievedEventsPerSecond).toBeGreaterThan(0);
  });

  it('drops no normal client, and every one is gap-free and equals a fresh snapshot at the end', () => {
    expect(figures.clients?.problems.filter((problem) => problem.includes('(normal)'))).toEqual([]);
    expect(verdict('no normal client dropped')).toBe(true);
    expect(verdict('normal clients gap-free, never resynced')).toBe(true);
    expect(figures.final?.differences).toEqual([]);
    expect(verdict('every normal client equals a fresh snapshot')).toBe(true);
  });

  it('resyncs the slow clients instead of dropping them, and they catch up', () => {
    expect(figures.clients?.slowResyncs).toHaveLength(2);
    expect(verdict('slow clients resynced, not dropped'), JSON.stringify(figures.clients)).toBe(true);
    expect(verdict('slow clients caught up to a fresh snapshot')).toBe(true);
  });

  it('reports memory and latency without judging them on a run this short', () => {
    expect(figures.memory.samples.length).toBeGreaterThan(5);
    expect(figures.memory.samples.every((sample) => sample.heapMB !== undefined)).toBe(true);
    expect(verdict('dashboard memory flat after warm-up')).toBeNull();
    expect(verdict('normal clients\' delivery p99 within budget')).toBeNull();
    expect(figures.latency?.fromAnswer.p99Ms).not.toBeNull();
    expect(figures.latency?.fromRequest.p99Ms).not.toBeNull();
  });
});
