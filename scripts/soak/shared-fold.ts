/**
 * Folding stream events into grids with lib's reducer, as the browser does — shared between clients.
 * Two hundred clients receive the same bytes for the same batch; the reducer is a pure function, so a
 * client whose grid is the very object another client folded the same text into gets that client's
 * result instead of parsing and folding again. Same input, same output: each client still ends up with
 * exactly what its own bytes produce, and the soak's own CPU stays small next to the server's.
 */
import { applyDelta } from '../../lib/fleet-model/reducer';
import type { CellChange, FleetDelta, FleetSnapshot } from '../../lib/fleet-model/types';

/** A folded `snapshot` event. */
export interface SnapshotStep {
  seq: number;
  grid: FleetSnapshot;
}

/** A folded `delta` event: the batch's seq, the grid after it, and every cell it changed. */
export interface DeltaStep {
  seq: number;
  grid: FleetSnapshot;
  cells: readonly CellChange[];
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseSeq(payload: Record<string, unknown>, event: string): number {
  const seq = payload.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) throw new Error(`${event} without a whole-number seq`);
  return seq;
}

/** Parses a `snapshot` event's data. */
export function parseSnapshot(data: string): SnapshotStep {
  const payload: unknown = JSON.parse(data);
  if (!isObject(payload) || !Array.isArray(payload.rows) || !Array.isArray(payload.columns)) throw new Error('snapshot without rows and columns');
  const { seq: _seq, ...grid } = payload;
  return { seq: parseSeq(payload, 'snapshot'), grid: grid as unknown as FleetSnapshot };
}

/** Parses a `delta` event's data and applies it to `before`. */
export function foldDelta(before: FleetSnapshot, data: string): DeltaStep {
  const payload: unknown = JSON.parse(data);
  if (!isObject(payload) || !Array.isArray(payload.deltas)) throw new Error('delta without a deltas list');
  const deltas = payload.deltas as FleetDelta[];
  let grid = before;
  const cells: CellChange[] = [];
  for (const delta of deltas) {
    grid = applyDelta(grid, delta);
    if (delta.cells) cells.push(...delta.cells);
  }
  return { seq: parseSeq(payload, 'delta'), grid, cells };
}

/** The shared cache: recent event texts and what they folded into. */
export class SharedFold {
  private readonly snapshots = new Map<string, SnapshotStep>();
  /** Per delta text, the step from each grid it was folded onto (clients that joined at different seqs hold different grid objects). */
  private readonly deltas = new Map<string, Map<FleetSnapshot, DeltaStep>>();
  /** Folds actually computed, and those answered from the cache (for the report). */
  computed = 0;
  reused = 0;

  /** `capacity`: texts kept per kind; clients more than this many batches apart fold on their own. */
  constructor(private readonly capacity = 256) {}

  snapshot(data: string): SnapshotStep {
    const cached = this.snapshots.get(data);
    if (cached !== undefined) {
      this.reused++;
      return cached;
    }
    this.computed++;
    const step = parseSnapshot(data);
    remember(this.snapshots, data, step, this.capacity);
    return step;
  }

  delta(before: FleetSnapshot, data: string): DeltaStep {
    let steps = this.deltas.get(data);
    const cached = steps?.get(before);
    if (cached !== undefined) {
      this.reused++;
      return cached;
    }
    this.computed++;
    const step = foldDelta(before, data);
    if (steps === undefined) {
      steps = new Map();
      remember(this.deltas, data, steps, this.capacity);
    }
    steps.set(before, step);
    return step;
  }
}

function remember<T>(cache: Map<string, T>, key: string, value: T, capacity: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > capacity) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}
