import 'server-only';
import type { FleetDelta, FleetSnapshot } from '@/lib/fleet-model/types';

/**
 * Narrows a stream to one DaemonSet (`?daemonset=ns/name`): the other columns' slots are null in the
 * snapshot and their cells and summaries are left out of deltas. Row slots are kept whole so the
 * browser's reducer addresses the same ids as on the full stream.
 */
export class DaemonSetFilter {
  private columnId: number | undefined;

  constructor(
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  /** The snapshot with only this DaemonSet's column. */
  snapshot(snapshot: FleetSnapshot): FleetSnapshot {
    this.columnId = undefined;
    const columns = snapshot.columns.map((column) => {
      if (column === null || column.namespace !== this.namespace || column.name !== this.name) return null;
      this.columnId = column.id;
      return column;
    });
    return { rows: snapshot.rows, columns };
  }

  /** The delta restricted to this DaemonSet; undefined when nothing of it remains. */
  delta(delta: FleetDelta): FleetDelta | undefined {
    const out: FleetDelta = {};
    if (delta.rowsRemoved?.length) out.rowsRemoved = delta.rowsRemoved;
    if (this.columnId !== undefined && delta.columnsRemoved?.includes(this.columnId)) {
      out.columnsRemoved = [this.columnId];
      this.columnId = undefined;
    }
    const added = delta.columnsAdded?.find((column) => column.namespace === this.namespace && column.name === this.name);
    if (added !== undefined) {
      out.columnsAdded = [added];
      this.columnId = added.id;
    }
    if (delta.rowsAdded?.length) out.rowsAdded = delta.rowsAdded;
    const id = this.columnId;
    const cells = id === undefined ? [] : (delta.cells ?? []).filter(([column]) => column === id);
    if (cells.length > 0) out.cells = cells;
    const summaries = id === undefined ? [] : (delta.summaries ?? []).filter((summary) => summary.id === id);
    if (summaries.length > 0) out.summaries = summaries;
    return Object.keys(out).length === 0 ? undefined : out;
  }
}
