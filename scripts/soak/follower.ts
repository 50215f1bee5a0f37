/**
 * One soak client's view of the stream: the grid it holds (snapshot, then deltas folded in order),
 * what it saw (snapshots, resyncs, gaps, errors), and — for a normal client — the delivery latency of
 * every change the soak made, measured when the batch carrying it arrives.
 */
import type { FleetSnapshot } from '../../lib/fleet-model/types';
import type { SseEvent } from '../bench/sse';
import type { FlipLedger } from './flip-ledger';
import type { LatencyHistogram } from './histogram';
import type { SharedFold } from './shared-fold';

/** Normal clients read as fast as they can; slow ones stall and are expected to be resynced. */
export type ClientKind = 'normal' | 'slow';

/** Grids kept per client, by seq, for comparing every client at the same batch at the end. */
const RECENT_GRIDS = 64;
/** Protocol errors kept per client (the count goes on). */
const ERRORS_KEPT = 5;

/** Where a follower's timing goes (normal clients only): latency from the flip's request, and from its answer. */
export interface DeliveryTiming {
  ledger: FlipLedger;
  fromRequest: LatencyHistogram;
  fromAnswer: LatencyHistogram;
}

export class StreamFollower {
  grid: FleetSnapshot | undefined;
  seq = 0;
  snapshots = 0;
  deltas = 0;
  /** Deltas whose seq skipped ahead (a lost batch): not applied. */
  gaps = 0;
  errorCount = 0;
  readonly errors: string[] = [];
  /** HTTP status of the stream response, once known. */
  status: number | undefined;
  /** Why and when (ms) the stream ended, if it did. */
  ended: { reason: string; at: number } | undefined;
  private readonly recent = new Map<number, FleetSnapshot>();

  constructor(
    readonly kind: ClientKind,
    private readonly fold: SharedFold,
    private readonly timing: DeliveryTiming | undefined,
  ) {}

  /** Snapshots after the first: the server replaced a backlog (or a burst) with a fresh grid. */
  get resyncs(): number {
    return Math.max(0, this.snapshots - 1);
  }

  /** Handles one event that arrived at `at` (ms, the soak's clock). */
  onEvent(event: SseEvent, at: number): void {
    try {
      if (event.event === 'snapshot') this.onSnapshot(event.data);
      else if (event.event === 'delta') this.onDelta(event.data, at);
    } catch (error) {
      this.recordError(error instanceof Error ? error.message : String(error));
    }
  }

  /** The grid this client held right after batch `seq`, if it is recent enough to be kept. */
  gridAt(seq: number): FleetSnapshot | undefined {
    return this.recent.get(seq);
  }

  private onSnapshot(data: string): void {
    const step = this.fold.snapshot(data);
    this.snapshots++;
    this.keep(step.seq, step.grid);
  }

  private onDelta(data: string, at: number): void {
    if (this.grid === undefined) throw new Error('delta before any snapshot');
    const before = this.grid;
    const step = this.fold.delta(before, data);
    if (step.seq <= this.seq) return; // already contained in the snapshot it follows
    if (step.seq !== this.seq + 1) {
      this.gaps++;
      this.recordError(`delta seq ${step.seq} after ${this.seq}`);
      return;
    }
    this.deltas++;
    this.keep(step.seq, step.grid);
    if (this.timing === undefined) return;
    for (const request of this.timing.ledger.resolve(step.seq, step.grid, step.cells)) {
      this.timing.fromRequest.add(at - request.requestedAt);
      // A batch that beat the answer to the soak's own process was delivered in no measurable time.
      this.timing.fromAnswer.add(request.answeredAt === undefined ? 0 : at - request.answeredAt);
    }
  }

  private keep(seq: number, grid: FleetSnapshot): void {
    this.grid = grid;
    this.seq = seq;
    this.recent.set(seq, grid);
    if (this.recent.size > RECENT_GRIDS) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }

  private recordError(message: string): void {
    this.errorCount++;
    if (this.errors.length < ERRORS_KEPT) this.errors.push(message);
  }
}
