/**
 * Collects what the model changed since the last delta was taken and turns it into one FleetDelta:
 * each changed cell once (with its final code), summaries only when a field of them changed.
 * Recording is cheap (a note per cell, a mark per column); summaries are built and compared only when
 * the delta is taken, so a batch of events (a relist: one ADDED per pod) pays for them once per column.
 */
import { CELL_CODES } from '../cell-state';
import type { Column } from './column';
import type { Rows } from './rows';
import { columnToWire, rowCells } from './snapshot';
import type { CellChange, DaemonSetSummary, FleetDelta, FleetColumn, RowAddition } from './types';

/** Whether two plain-data values would serialise alike (undefined members count as absent). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  for (const key in aRecord) if (!sameData(aRecord[key], bRecord[key])) return false;
  for (const key in bRecord) if (!(key in aRecord) && bRecord[key] !== undefined) return false;
  return true;
}

/** Changes since the last delta. */
export class DeltaRecorder {
  private readonly cellsBefore = new Map<Column, Map<number, number>>();
  private readonly touched = new Set<Column>();
  private readonly added = new Set<Column>();
  /** Rows added since the last delta, by row id; their cells are read when the delta is taken. */
  private readonly rowsAdded = new Map<number, string>();
  private readonly rowsRemoved = new Set<number>();
  private readonly columnsRemoved = new Set<number>();
  private lastColumn: Column | undefined;
  private lastNoted: Map<number, number> | undefined;

  /** Notes a cell's code before it is re-evaluated (only the first note since the last delta counts). */
  cellBefore(column: Column, row: number): void {
    // A relist lists pods by namespace/name, so runs of one DaemonSet's pods: skip the outer map for them.
    let rows = this.lastColumn === column ? this.lastNoted : this.cellsBefore.get(column);
    if (rows === undefined) {
      rows = new Map();
      this.cellsBefore.set(column, rows);
    }
    this.lastColumn = column;
    this.lastNoted = rows;
    if (!rows.has(row)) rows.set(row, column.codes[row] ?? 255);
  }

  /** Notes that a column's summary may have changed. */
  touch(column: Column): void {
    this.touched.add(column);
  }

  /** Notes a new row; the delta carries its cells as they are when it is taken. */
  rowAdded(id: number, name: string): void {
    this.rowsAdded.set(id, name);
  }

  /** Notes a freed row slot; a row added since the last delta simply never reaches the browser. */
  rowRemoved(id: number): void {
    if (!this.rowsAdded.delete(id)) this.rowsRemoved.add(id);
  }

  /** Notes a new column; the delta carries it as it is when it is taken. */
  columnAdded(column: Column): void {
    this.added.add(column);
  }

  /** Notes a freed column slot; a column added since the last delta simply never reaches the browser. */
  columnRemoved(column: Column): void {
    if (!this.added.delete(column)) this.columnsRemoved.add(column.id);
  }

  /** The delta since the last one, with only the fields that carry something; starts a new one. */
  take(columns: readonly (Column | undefined)[], rows: Rows): FleetDelta {
    const delta: FleetDelta = {};
    if (this.rowsRemoved.size > 0) delta.rowsRemoved = [...this.rowsRemoved];
    if (this.columnsRemoved.size > 0) delta.columnsRemoved = [...this.columnsRemoved];
    const columnsAdded = this.wireColumns(columns, rows.slotCount);
    if (columnsAdded.length > 0) delta.columnsAdded = columnsAdded;
    const rowsAdded = this.wireRows(columns);
    if (rowsAdded.length > 0) delta.rowsAdded = rowsAdded;
    const cells = this.changedCells(columns, rows);
    if (cells.length > 0) delta.cells = cells;
    const summaries = this.changedSummaries(columns);
    if (summaries.length > 0) delta.summaries = summaries;
    this.reset();
    return delta;
  }

  private reset(): void {
    this.cellsBefore.clear();
    this.lastColumn = undefined;
    this.lastNoted = undefined;
    this.touched.clear();
    this.added.clear();
    this.rowsAdded.clear();
    this.rowsRemoved.clear();
    this.columnsRemoved.clear();
  }

  private wireColumns(columns: readonly (Column | undefined)[], rowSlots: number): FleetColumn[] {
    const wires: FleetColumn[] = [];
    for (const column of this.added) {
      if (columns[column.id] !== column) continue;
      const wire = columnToWire(column, rowSlots);
      const { cells: _cells, ...summary } = wire;
      column.sentSummary = summary;
      wires.push(wire);
    }
    return wires;
  }

  private wireRows(columns: readonly (Column | undefined)[]): RowAddition[] {
    const wires: RowAddition[] = [];
    for (const [id, name] of this.rowsAdded) wires.push({ id, name, cells: rowCells(columns, id) });
    return wires;
  }

  /** Cells whose code moved, except those of rows and columns the delta adds whole. */
  private changedCells(columns: readonly (Column | undefined)[], rows: Rows): CellChange[] {
    const cells: CellChange[] = [];
    for (const [column, noted] of this.cellsBefore) {
      if (columns[column.id] !== column || this.added.has(column)) continue;
      for (const [row, before] of noted) {
        if (rows.nameOf(row) === undefined || this.rowsAdded.has(row)) continue;
        const after = column.codes[row] ?? 255;
        const code = CELL_CODES[after];
        if (after !== before && code !== undefined) cells.push([column.id, row, code]);
      }
    }
    return cells;
  }

  private changedSummaries(columns: readonly (Column | undefined)[]): DaemonSetSummary[] {
    const summaries: DaemonSetSummary[] = [];
    for (const column of this.touched) {
      if (columns[column.id] !== column || this.added.has(column)) continue;
      const summary = column.summary();
      if (column.sentSummary !== undefined && sameData(column.sentSummary, summary)) continue;
      column.sentSummary = summary;
      summaries.push(summary);
    }
    return summaries;
  }
}
