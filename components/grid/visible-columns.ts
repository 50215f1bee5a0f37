import type { FleetSnapshot } from '@/lib/fleet-model/types';

/**
 * The columns the horizontal virtualizer currently shows, resolved once per range change rather
 * than once per cell. A column here is its identity and position only, never its cells: a live
 * delta changes cells, so the list (which every row shares) stays the same array through deltas and
 * vertical scrolls, and a row re-renders only when its own codes ({@link rowCodes}) change.
 */

/** What identifies a displayed column; it stays the same while deltas change the column's cells. */
export interface ColumnHead {
  /** The snapshot slot, the index into `snapshot.columns`. */
  id: number;
  uid: string;
  namespace: string;
  name: string;
}

/** One rendered column: what its cells and header need to draw themselves, all primitives. */
export interface VisibleColumn extends ColumnHead {
  /** Position among displayed columns (zero-based), the keyboard focus coordinate. */
  col: number;
  /** `namespace/name`, as cells name it. */
  daemonSet: string;
  /** Left edge within the grid, in CSS pixels. */
  left: number;
}

/** The part of a virtual item this module reads. */
export interface VirtualSlot {
  index: number;
  start: number;
}

/** The heads of the view's columns in display order; null for a slot whose column was freed. */
export function columnHeads(
  snapshot: FleetSnapshot,
  viewColumns: readonly number[],
): (ColumnHead | null)[] {
  return viewColumns.map((id) => {
    const column = snapshot.columns[id];
    return column ? { id, uid: column.uid, namespace: column.namespace, name: column.name } : null;
  });
}

/** Resolves virtual columns to displayed columns; slots without a column (stale view) are left out. */
export function visibleColumns(
  slots: readonly VirtualSlot[],
  heads: readonly (ColumnHead | null)[],
  offset: number,
): VisibleColumn[] {
  return slots.flatMap((slot) => {
    const head = heads[slot.index];
    if (!head) return [];
    return [
      {
        ...head,
        col: slot.index,
        daemonSet: `${head.namespace}/${head.name}`,
        left: offset + slot.start,
      },
    ];
  });
}

/** The cell strings of the visible columns, in their order (looked up once per render, not per row). */
export function visibleCells(snapshot: FleetSnapshot, columns: readonly VisibleColumn[]): string[] {
  return columns.map((column) => snapshot.columns[column.id]?.cells ?? '');
}

/** A row's codes over the visible columns, one character each: a primitive a memoised row compares. */
export function rowCodes(cells: readonly string[], slot: number): string {
  let codes = '';
  for (const column of cells) codes += column.charAt(slot) || ' ';
  return codes;
}

/** The displayed column of a `namespace/name`, or -1 when it is not among `columns`. */
export function columnOf(columns: readonly VisibleColumn[], daemonSet: string | undefined): number {
  if (daemonSet === undefined) return -1;
  return columns.find((column) => column.daemonSet === daemonSet)?.col ?? -1;
}
