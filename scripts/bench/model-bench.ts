/**
 * In-process FleetModel figures on a `makeScaleFleet` fleet: the full rebuild (median of several after
 * one warm-up) and the time of each `apply` over a rolling update's watch events (p50, p99).
 */
import { performance } from 'node:perf_hooks';
import { makeScaleFleet } from '../../lib/fleet-model/fixture';
import { FleetModel } from '../../lib/fleet-model/model';
import type { FleetEvent } from '../../lib/fleet-model/types';
import { rollingUpdateEvents } from './rolling-events';
import { median, percentile } from './stats';

/** Options of {@link measureModel}. */
export interface ModelBenchOptions {
  nodes: number;
  daemonSets: number;
  seed: number;
  /** Timed rebuilds after the warm-up one. */
  rebuilds: number;
  log: (line: string) => void;
}

/** What {@link measureModel} measured. */
export interface ModelBenchResult {
  rebuildMs: number | null;
  rebuildSamplesMs: number[];
  deltaP50Ms: number | null;
  deltaP99Ms: number | null;
  deltaMaxMs: number;
  events: number;
  pods: number;
  snapshotMs: number;
}

/**
 * Untimed rebuilds first: V8 compiles the per-cell loops in tiers, and the first few builds also grow
 * the heap to its working size. A server rebuilds on every relist, so the steady state is what counts.
 */
const WARM_UP_REBUILDS = 3;

/** Passes over the rolling-update stream; the reported percentiles are the median pass's. */
const DELTA_PASSES = 3;

function fixed(values: readonly number[]): string {
  return values.map((value) => value.toFixed(4)).join(' / ');
}

/** The time of each `apply`, in order. */
function timeEvents(model: FleetModel, events: readonly FleetEvent[], now: number): number[] {
  const timings = new Float64Array(events.length);
  events.forEach((event, index) => {
    const start = performance.now();
    model.apply(event, now);
    timings[index] = performance.now() - start;
  });
  return Array.from(timings);
}

/** Runs the rebuild and per-event measurements. */
export function measureModel(options: ModelBenchOptions): ModelBenchResult {
  const built = performance.now();
  const fleet = makeScaleFleet({ nodes: options.nodes, daemonSets: options.daemonSets, seed: options.seed });
  options.log(`model: fixture of ${fleet.nodes.length} nodes, ${fleet.daemonSets.length} DaemonSets, ${fleet.pods.length} pods in ${Math.round(performance.now() - built)} ms`);

  let model = FleetModel.fromObjects(fleet, fleet.now);
  for (let run = 1; run < WARM_UP_REBUILDS; run++) model = FleetModel.fromObjects(fleet, fleet.now);
  const rebuildSamplesMs: number[] = [];
  for (let run = 0; run < options.rebuilds; run++) {
    const start = performance.now();
    model = FleetModel.fromObjects(fleet, fleet.now);
    rebuildSamplesMs.push(performance.now() - start);
  }
  const snapshotStart = performance.now();
  model.snapshot();
  const snapshotMs = performance.now() - snapshotStart;
  options.log(`model: rebuilds ${rebuildSamplesMs.map((ms) => ms.toFixed(1)).join(', ')} ms; snapshot() ${snapshotMs.toFixed(1)} ms`);

  // DaemonSet 0 of the fixture tolerates every taint: its rolling update touches every node. The
  // stream runs on fresh models several times and the median pass counts, so one burst of load from
  // another process on a shared machine does not decide the percentiles.
  const events = rollingUpdateEvents(fleet, { daemonSet: 0, hash: 'bench0next', now: fleet.now });
  const passes = Array.from({ length: DELTA_PASSES }, () => timeEvents(FleetModel.fromObjects(fleet, fleet.now), events, fleet.now));
  const p50s = passes.map((samples) => percentile(samples, 50) ?? 0);
  const p99s = passes.map((samples) => percentile(samples, 99) ?? 0);
  options.log(`model: ${events.length} rolling-update events × ${DELTA_PASSES} passes, apply p50 ${fixed(p50s)} ms, p99 ${fixed(p99s)} ms, max ${fixed(passes.map((samples) => percentile(samples, 100) ?? 0))} ms`);
  const result: ModelBenchResult = {
    rebuildMs: median(rebuildSamplesMs),
    rebuildSamplesMs,
    deltaP50Ms: median(p50s),
    deltaP99Ms: median(p99s),
    deltaMaxMs: Math.max(...passes.map((samples) => percentile(samples, 100) ?? 0)),
    events: events.length,
    pods: fleet.pods.length,
    snapshotMs,
  };
  return result;
}
