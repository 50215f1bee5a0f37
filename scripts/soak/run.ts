/**
 * One soak against a running stack: open the clients, drive the load while sampling memory, then stop,
 * let the cluster settle, compare every client with a fresh snapshot, and judge.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sleep } from '../bench/net';
import { percentile, rounded } from '../bench/stats';
import { soakChecks } from './checks';
import { ClientPool } from './clients';
import { startDriver, type DriverResult } from './driver';
import type { DriveFigures, LatencyFigures, LatencySummary, MemoryFigures, SoakFigures } from './figures';
import { FlipLedger } from './flip-ledger';
import { LatencyHistogram } from './histogram';
import type { SoakOptions } from './options';
import { SharedFold } from './shared-fold';
import { totalEvents, type SoakStack } from './stack';
import { fitTrend, type MemorySample } from './trend';

/** Post-warm-up minutes below which the memory trend is not judged. */
export const MIN_TREND_MINUTES = 3;
/**
 * A pause after the load stops so the slow clients, reading freely again, drain their backlog. The
 * final comparison is made at one batch seq, so it does not need the cluster to be quiet.
 */
const SETTLE_MS = 1_000;
/**
 * The event rate is measured from this far into the drive: a flipped pod's second event (the kubelet
 * making it Ready again) comes only after the readiness delay (2 s simulated), so the first seconds
 * run at about half the rate.
 */
const RAMP_MS = 5_000;
const PROGRESS_EVERY_MS = 30_000;

/** The options a run reads (the CLI's, or a test's). */
export type SoakRunOptions = Pick<SoakOptions,
  'nodes' | 'daemonsets' | 'seed' | 'clients' | 'slowClients' | 'eventsPerSecond' | 'minutes' | 'warmupSeconds' | 'sampleSeconds' | 'slowStallSeconds' | 'rssSlopeMbPerMin' | 'simSpeed'> & {
  /** null: delivery latency is reported but not judged. */
  latencyBudgetMs: number | null;
};

function loads(): number[] {
  return loadavg().map((load) => Math.round(load * 100) / 100);
}

/** Watch events counted at a moment. */
interface EventMark {
  at: number;
  events: Map<string, number>;
}

function driveFigures(result: DriverResult, target: number, start: EventMark, ramped: EventMark, end: EventMark): DriveFigures {
  const byResource: Record<string, number> = {};
  for (const [path, count] of end.events) byResource[path] = count - (start.events.get(path) ?? 0);
  const seconds = (end.at - ramped.at) / 1000;
  return {
    seconds: rounded(result.seconds, 1) ?? 0,
    targetEventsPerSecond: target,
    achievedEventsPerSecond: seconds > 0 ? (totalEvents(end.events) - totalEvents(ramped.events)) / seconds : 0,
    eventsByResource: byResource,
    flipsAsked: result.flipsAsked,
    flipsMade: result.flipsMade,
    requestP50Ms: rounded(percentile(result.requestMs, 50), 1),
    requestP99Ms: rounded(percentile(result.requestMs, 99), 1),
    ticksSkipped: result.ticksSkipped,
    failedRequests: result.failedRequests,
    errors: result.errors,
  };
}

function latencySummary(histogram: LatencyHistogram): LatencySummary {
  return { p50Ms: histogram.percentile(50), p99Ms: histogram.percentile(99), maxMs: histogram.count === 0 ? null : rounded(histogram.maxMs, 1), meanMs: rounded(histogram.meanMs(), 1) };
}

function latencyFigures(timing: { fromRequest: LatencyHistogram; fromAnswer: LatencyHistogram }, budgetMs: number | null, ledger: FlipLedger): LatencyFigures {
  return {
    samples: timing.fromAnswer.count,
    fromAnswer: latencySummary(timing.fromAnswer),
    fromRequest: latencySummary(timing.fromRequest),
    budgetMs,
    unseenFlips: ledger.unseen + ledger.pendingCount(),
  };
}

function memoryFigures(samples: MemorySample[], options: SoakRunOptions, source: string): MemoryFigures {
  return {
    source,
    warmupSeconds: options.warmupSeconds,
    toleranceMBPerMin: options.rssSlopeMbPerMin,
    minMinutes: MIN_TREND_MINUTES,
    rss: fitTrend(samples, options.warmupSeconds) ?? null,
    heap: fitTrend(samples, options.warmupSeconds, (sample) => sample.heapMB) ?? null,
    samples,
  };
}

/** Runs the soak on `stack` (which the caller closes) and returns its figures, checks included. */
export async function runSoak(stack: SoakStack, options: SoakRunOptions, log: (line: string) => void): Promise<SoakFigures> {
  const figures: SoakFigures = {
    nodes: options.nodes, daemonsets: options.daemonsets, minutes: options.minutes,
    drive: null, memory: memoryFigures([], options, stack.memorySource), clients: null, latency: null, final: null, checks: [], notes: [],
    load: { start: loads(), end: [] },
  };
  const fold = new SharedFold();
  const ledger = new FlipLedger();
  const timing = { ledger, fromRequest: new LatencyHistogram(), fromAnswer: new LatencyHistogram() };
  const pool = new ClientPool(stack, fold, timing);
  const samples: MemorySample[] = [];
  let sampler: ReturnType<typeof setInterval> | undefined;
  try {
    log(`soak: opening ${options.clients} stream clients (${options.slowClients} slow)…`);
    const openedAt = performance.now();
    await pool.open(options.clients, options.slowClients, 120_000);
    log(`soak: ${pool.clients.filter(({ follower }) => follower.snapshots > 0).length} clients have a snapshot after ${((performance.now() - openedAt) / 1000).toFixed(1)} s`);
    pool.startStalling(options.slowStallSeconds * 1000);

    const driveStart = performance.now();
    const start: EventMark = { at: driveStart, events: stack.watchEvents() };
    const rampMs = Math.min(RAMP_MS, (options.minutes * 60_000) / 4);
    const sample = () => {
      const reading = stack.memory();
      if (reading) samples.push({ atSeconds: (performance.now() - driveStart) / 1000, rssMB: reading.rssMB, ...(reading.heapMB === undefined ? {} : { heapMB: reading.heapMB }) });
    };
    sample();
    sampler = setInterval(sample, options.sampleSeconds * 1000);
    const driver = await startDriver({
      simUrl: stack.simUrl, targetEventsPerSecond: options.eventsPerSecond, watchEvents: () => totalEvents(stack.watchEvents()), ledger, seed: options.seed, log,
    });
    const driveMs = options.minutes * 60_000;
    let lastEvents = totalEvents(start.events);
    let lastAt = driveStart;
    await sleep(rampMs);
    const ramped: EventMark = { at: performance.now(), events: stack.watchEvents() };
    for (let left = driveMs - (performance.now() - driveStart); left > 100 && stack.alive(); left = driveMs - (performance.now() - driveStart)) {
      await sleep(Math.min(PROGRESS_EVERY_MS, left));
      const now = performance.now();
      const events = totalEvents(stack.watchEvents());
      const clients = pool.figures();
      log(`soak: ${((now - driveStart) / 1000).toFixed(0)} s: ${((events - lastEvents) / ((now - lastAt) / 1000)).toFixed(0)} watch events/s, RSS ${samples.at(-1)?.rssMB.toFixed(0) ?? '?'} MB, delivery p99 ${timing.fromAnswer.percentile(99) ?? '—'} ms (${timing.fromRequest.percentile(99) ?? '—'} ms from the request), ${clients.normalDropped} normal clients dropped, slow resyncs ${clients.slowResyncs.join('/') || '—'}, load ${loads().join(' ')}`);
      lastEvents = events;
      lastAt = now;
    }
    const end: EventMark = { at: performance.now(), events: stack.watchEvents() };
    const result = await driver.stop();
    figures.drive = driveFigures(result, options.eventsPerSecond, start, ramped, end);
    if (!stack.alive()) figures.notes.push('the dashboard server exited during the soak');

    log('soak: load stopped; letting the cluster settle and the slow clients catch up…');
    pool.stopStalling();
    await sleep(SETTLE_MS / options.simSpeed + 1_000);
    figures.final = await pool.compareWithFresh(60_000);
    figures.clients = pool.figures();
    figures.latency = latencyFigures(timing, options.latencyBudgetMs, ledger);
    if (fold.computed + fold.reused > 0) figures.notes.push(`shared fold: ${fold.computed} folds computed, ${fold.reused} reused by clients that received the same bytes`);
  } finally {
    clearInterval(sampler);
    pool.close();
    figures.memory = memoryFigures(samples, options, stack.memorySource);
    figures.load = { start: figures.load?.start ?? [], end: loads() };
  }
  figures.checks = soakChecks(figures);
  return figures;
}
