/**
 * In-process FleetModel figures on a `makeScaleFleet` fleet: the full rebuild (median of several after
 * one warm-up) and the time of each `apply` over a rolling update's watch events (p50, p99).
 */
import { performance } from 'node:perf_hooks';
import { makeScaleFleet } from '../../lib/fleet-model/fixture';
import { FleetModel } from '../../lib/fleet-model/model';
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
  deltaMaxMs: number | null;
  events: number;
  pods: number;
  snapshotMs: number;
}

/** Runs the rebuild and per-event measurements. */
export function measureModel(options: ModelBenchOptions): ModelBenchResult {
  const built = performance.now();
  const fleet = makeScaleFleet({ nodes: options.nodes, daemonSets: options.daemonSets, seed: options.seed });
  options.log(`model: fixture of ${fleet.nodes.length} nodes, ${fleet.daemonSets.length} DaemonSets, ${fleet.pods.length} pods in ${Math.round(performance.now() - built)} ms`);

  let model = FleetModel.fromObjects(fleet, fleet.now); // warm-up: the JIT compiles the hot paths
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

  // DaemonSet 0 of the fixture tolerates every taint: its rolling update touches every node.
  const events = rollingUpdateEvents(fleet, { daemonSet: 0, hash: 'bench0next', now: fleet.now });
  const timings = new Float64Array(events.length);
  events.forEach((event, index) => {
    const start = performance.now();
    model.apply(event, fleet.now);
    timings[index] = performance.now() - start;
  });
  const samples = Array.from(timings);
  const result: ModelBenchResult = {
    rebuildMs: median(rebuildSamplesMs),
    rebuildSamplesMs,
    deltaP50Ms: percentile(samples, 50),
    deltaP99Ms: percentile(samples, 99),
    deltaMaxMs: percentile(samples, 100),
    events: events.length,
    pods: fleet.pods.length,
    snapshotMs,
  };
  options.log(`model: ${events.length} rolling-update events, apply p50 ${result.deltaP50Ms?.toFixed(4)} ms, p99 ${result.deltaP99Ms?.toFixed(4)} ms, max ${result.deltaMaxMs?.toFixed(1)} ms`);
  return result;
}
