/**
 * The changes the soak made and has not yet seen delivered: for each grid cell (DaemonSet × node) whose
 * pod was made unready, the request that did it. The first batch that changes that cell carries the
 * change; the ledger hands that batch the requests once, and every client that receives the batch
 * measures its delivery latency against them.
 */
import type { CellChange, FleetSnapshot } from '../../lib/fleet-model/types';

/** A cell's key: `namespace/daemonset` and node name. */
export function cellKey(daemonSet: string, node: string): string {
  return `${daemonSet}\u0000${node}`;
}

/**
 * One `POST /_sim/unready` (ms, the soak's clock). The simulator writes every watch event of the
 * request before it answers, so a change reached the API server's watches between `requestedAt`
 * and `answeredAt`: latency from the request is an upper bound of the dashboard's delivery time
 * (it includes the simulator's queueing), latency from the answer a lower bound.
 */
export interface FlipRequest {
  requestedAt: number;
  answeredAt?: number;
}

/** Batches whose resolutions are kept (clients further behind than this are not timed). */
const RESOLVED_KEPT = 1_024;

export class FlipLedger {
  private readonly pending = new Map<string, FlipRequest>();
  private readonly resolved = new Map<number, readonly FlipRequest[]>();
  /** Flips that were replaced or expired before any batch changed their cell. */
  unseen = 0;

  /** Records flips of these cells, made by `request`. */
  register(cells: readonly string[], request: FlipRequest): void {
    for (const cell of cells) {
      if (this.pending.has(cell)) this.unseen++;
      this.pending.set(cell, request);
    }
  }

  /** Forgets flips the simulator did not make (the pod was not Ready, or is gone). */
  cancel(cells: readonly string[]): void {
    for (const cell of cells) this.pending.delete(cell);
  }

  /** Forgets flips requested before `before` that no batch has shown (a change that does not alter the cell). */
  expire(before: number): void {
    for (const [cell, request] of this.pending) {
      if (request.requestedAt >= before) continue;
      this.pending.delete(cell);
      this.unseen++;
    }
  }

  pendingCount(): number {
    return this.pending.size;
  }

  /**
   * The requests behind the flips batch `seq` delivers: pending cells among `cells`, addressed by
   * `grid`'s row and column slots. Worked out on the first call for a seq; later calls get the same list.
   */
  resolve(seq: number, grid: FleetSnapshot, cells: readonly CellChange[]): readonly FlipRequest[] {
    const known = this.resolved.get(seq);
    if (known !== undefined) return known;
    const requests: FlipRequest[] = [];
    for (const [column, row] of cells) {
      const summary = grid.columns[column];
      const node = grid.rows[row];
      if (summary == null || node == null) continue;
      const key = cellKey(`${summary.namespace}/${summary.name}`, node);
      const request = this.pending.get(key);
      if (request === undefined) continue;
      this.pending.delete(key);
      requests.push(request);
    }
    this.resolved.set(seq, requests);
    if (this.resolved.size > RESOLVED_KEPT) {
      const oldest = this.resolved.keys().next();
      if (!oldest.done) this.resolved.delete(oldest.value);
    }
    return requests;
  }
}
