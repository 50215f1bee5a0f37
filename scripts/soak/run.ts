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
import { startDriver, type Driver, type DriverResult } from './driver';
import type { DriveFigures, LatencyFigures, LatencySummary, MemoryFigures, SoakFigures } from './figures';
import { FlipLedger } from './flip-ledger';
import type { DeliveryTiming } from './follower';
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
const SETTLE_MS = 2_000;
/**
 * The event rate is measured from this far into the drive: a flipped pod's second event (the kubelet
 * making it Ready again) comes only after the readiness delay (2 s simulated), so the first seconds
 * run at about half the rate.
 */
const RAMP_MS = 5_000;
const PROGRESS_EVERY_MS = 30_000;

/** The options a run reads (the CLI's, or a test's). */
export type SoakRunOptions = Pick<SoakOptions,
  'nodes' | 'daemonsets' | 'seed' | 'clients' | 'slowClients' | 'eventsPerSecond' | 'minutes' | 'warmupSeconds' | 'sampleSeconds' | 'slowStallSeconds' | 'rssSlopeMbPerMin'> & {
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

function latencyFigures(timing: DeliveryTiming, budgetMs: number | null, ledger: FlipLedger): LatencyFigures {
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

/** What the phases of a run share. */
interface RunState {
  stack: SoakStack;
  options: SoakRunOptions;
  log: (line: string) => void;
  pool: ClientPool;
  timing: DeliveryTiming;
  samples: MemorySample[];
}

/** Logs the rate, memory, latency and clients every half minute until the drive time is over. */
async function followDrive({ stack, options, log, pool, timing, samples }: RunState, driveStart: number): Promise<void> {
  const driveMs = options.minutes * 60_000;
  let last = { at: driveStart, events: totalEvents(stack.watchEvents()) };
  for (let left = driveMs - (performance.now() - driveStart); left > 100 && stack.alive(); left = driveMs - (performance.now() - driveStart)) {
    await sleep(Math.min(PROGRESS_EVERY_MS, left));
    const now = { at: performance.now(), events: totalEvents(stack.watchEvents()) };
    const clients = pool.figures();
    const rate = (now.events - last.events) / ((now.at - last.at) / 1000);
    log(`soak: ${((now.at - driveStart) / 1000).toFixed(0)} s: ${rate.toFixed(0)} watch events/s, RSS ${samples.at(-1)?.rssMB.toFixed(0) ?? '?'} MB, delivery p99 ${timing.fromAnswer.percentile(99) ?? '—'} ms (${timing.fromRequest.percentile(99) ?? '—'} ms from the request), ${clients.normalDropped} normal clients dropped, slow resyncs ${clients.slowResyncs.join('/') || '—'}, load ${loads().join(' ')}`);
    last = now;
  }
}

/** Drives the load for the run's minutes while memory is sampled; returns what reached the watches. */
async function drive(state: RunState): Promise<DriveFigures> {
  const { stack, options, log, timing, samples } = state;
  const driveStart = performance.now();
  const start: EventMark = { at: driveStart, events: stack.watchEvents() };
  const sample = () => {
    const reading = stack.memory();
    if (reading) samples.push({ atSeconds: (performance.now() - driveStart) / 1000, rssMB: reading.rssMB, ...(reading.heapMB === undefined ? {} : { heapMB: reading.heapMB }) });
  };
  sample();
  const sampler = setInterval(sample, options.sampleSeconds * 1000);
  let driver: Driver | undefined;
  try {
    driver = await startDriver({
      simUrl: stack.simUrl, targetEventsPerSecond: options.eventsPerSecond, watchEvents: () => totalEvents(stack.watchEvents()), ledger: timing.ledger, seed: options.seed, log,
    });
    await sleep(Math.min(RAMP_MS, (options.minutes * 60_000) / 4));
    const ramped: EventMark = { at: performance.now(), events: stack.watchEvents() };
    await followDrive(state, driveStart);
    const end: EventMark = { at: performance.now(), events: stack.watchEvents() };
    return driveFigures(await driver.stop(), options.eventsPerSecond, start, ramped, end);
  } finally {
    clearInterval(sampler);
    await driver?.stop();
  }
}

/** Runs the soak on `stack` (which the caller closes) and returns its figures, checks included. */
export async function runSoak(stack: SoakStack, options: SoakRunOptions, log: (line: string) => void): Promise<SoakFigures> {
  const figures: SoakFigures = {
    nodes: options.nodes, daemonsets: options.daemonsets, minutes: options.minutes,
    drive: null, memory: memoryFigures([], options, stack.memorySource), clients: null, latency: null, final: null, checks: [], notes: [],
    load: { start: loads(), end: [] },
  };
  const fold = new SharedFold();
  const timing: DeliveryTiming = { ledger: new FlipLedger(), fromRequest: new LatencyHistogram(), fromAnswer: new LatencyHistogram() };
  const state: RunState = { stack, options, log, pool: new ClientPool(stack, fold, timing), timing, samples: [] };
  const { pool } = state;
  try {
    log(`soak: opening ${options.clients} stream clients (${options.slowClients} slow)…`);
    const openedAt = performance.now();
    await pool.open(options.clients, options.slowClients, 120_000);
    log(`soak: ${pool.clients.filter(({ follower }) => follower.snapshots > 0).length} clients have a snapshot after ${((performance.now() - openedAt) / 1000).toFixed(1)} s`);
    pool.startStalling(options.slowStallSeconds * 1000);
    figures.drive = await drive(state);
    if (!stack.alive()) figures.notes.push('the dashboard server exited during the soak');

    log('soak: load stopped; the slow clients read freely and catch up…');
    pool.stopStalling();
    await sleep(SETTLE_MS);
    figures.final = await pool.compareWithFresh(60_000);
    figures.clients = pool.figures();
    figures.latency = latencyFigures(timing, options.latencyBudgetMs, timing.ledger);
    figures.notes.push(`shared fold: ${fold.computed} folds computed, ${fold.reused} reused by clients that received the same bytes`);
  } finally {
    pool.close();
    figures.memory = memoryFigures(state.samples, options, stack.memorySource);
    figures.load = { start: figures.load?.start ?? [], end: loads() };
  }
  figures.checks = soakChecks(figures);
  return figures;
}
