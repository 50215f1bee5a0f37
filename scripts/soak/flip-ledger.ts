/**
 * The changes the soak made and has not yet seen delivered: for each grid cell (DaemonSet × node) whose
 * pod was made unready, when it was asked for. The first batch that changes that cell carries the
 * change; the ledger hands that batch the request times once, and every client that receives the batch
 * measures its delivery latency against them.
 */
import type { CellChange, FleetSnapshot } from '../../lib/fleet-model/types';

/** A cell's key: `namespace/daemonset` and node name. */
export function cellKey(daemonSet: string, node: string): string {
  return `${daemonSet}\u0000${node}`;
}

/** Batches whose resolutions are kept (clients further behind than this are not timed). */
const RESOLVED_KEPT = 1_024;

export class FlipLedger {
  private readonly pending = new Map<string, number>();
  private readonly resolved = new Map<number, readonly number[]>();
  /** Flips that were replaced or expired before any batch changed their cell. */
  unseen = 0;

  /** Records flips of these cells, asked for at `requestedAt` (ms, the soak's clock). */
  register(cells: readonly string[], requestedAt: number): void {
    for (const cell of cells) {
      if (this.pending.has(cell)) this.unseen++;
      this.pending.set(cell, requestedAt);
    }
  }

  /** Forgets flips the simulator did not make (the pod was not Ready, or is gone). */
  cancel(cells: readonly string[]): void {
    for (const cell of cells) this.pending.delete(cell);
  }

  /** Forgets flips asked for before `before` that no batch has shown (a change that does not alter the cell). */
  expire(before: number): void {
    for (const [cell, at] of this.pending) {
      if (at >= before) continue;
      this.pending.delete(cell);
      this.unseen++;
    }
  }

  pendingCount(): number {
    return this.pending.size;
  }

  /**
   * The request times of the flips batch `seq` delivers: pending cells among `cells`, addressed by
   * `grid`'s row and column slots. Worked out on the first call for a seq; later calls get the same list.
   */
  resolve(seq: number, grid: FleetSnapshot, cells: readonly CellChange[]): readonly number[] {
    const known = this.resolved.get(seq);
    if (known !== undefined) return known;
    const times: number[] = [];
    for (const [column, row] of cells) {
      const summary = grid.columns[column];
      const node = grid.rows[row];
      if (summary == null || node == null) continue;
      const key = cellKey(`${summary.namespace}/${summary.name}`, node);
      const at = this.pending.get(key);
      if (at === undefined) continue;
      this.pending.delete(key);
      times.push(at);
    }
    this.resolved.set(seq, times);
    if (this.resolved.size > RESOLVED_KEPT) {
      const oldest = this.resolved.keys().next();
      if (!oldest.done) this.resolved.delete(oldest.value);
    }
    return times;
  }
}
