import type { FleetSnapshot } from '@/lib/fleet-model/types';

/**
 * The columns the horizontal virtualizer currently shows, resolved once per range change rather
 * than once per cell: every row of the grid shares this list, so a vertical scroll (which leaves the
 * list unchanged) re-renders no existing row.
 */

/** One rendered column: what its cells need to draw themselves, all primitives. */
export interface VisibleColumn {
  /** The DaemonSet's uid, the React key of its cells. */
  uid: string;
  /** Position among displayed columns (zero-based), the keyboard focus coordinate. */
  col: number;
  /** `namespace/name`, as cells name it. */
  daemonSet: string;
  /** Left edge within the grid, in CSS pixels. */
  left: number;
  /** The column's cell codes, one character per snapshot row slot. */
  cells: string;
}

/** The part of a virtual item this module reads. */
export interface VirtualSlot {
  index: number;
  start: number;
}

/** Resolves virtual columns to snapshot columns; slots without a column (stale view) are left out. */
export function visibleColumns(
  slots: readonly VirtualSlot[],
  snapshot: FleetSnapshot,
  viewColumns: readonly number[],
  offset: number,
): VisibleColumn[] {
  return slots.flatMap((slot) => {
    const column = snapshot.columns[viewColumns[slot.index] ?? -1];
    if (!column) return [];
    return [
      {
        uid: column.uid,
        col: slot.index,
        daemonSet: `${column.namespace}/${column.name}`,
        left: offset + slot.start,
        cells: column.cells,
      },
    ];
  });
}

/** The displayed column of a `namespace/name`, or -1 when it is not among `columns`. */
export function columnOf(columns: readonly VisibleColumn[], daemonSet: string | undefined): number {
  if (daemonSet === undefined) return -1;
  return columns.find((column) => column.daemonSet === daemonSet)?.col ?? -1;
}
