/**
 * Collects what one `apply` or `tick` changed and turns it into a FleetDelta: each changed cell once
 * (with its final code), summaries only when a field of them changed.
 */
import { CELL_CODES } from '../cell-state';
import type { Column } from './column';
import type { Rows } from './rows';
import { columnToWire } from './snapshot';
import type { CellChange, DaemonSetSummary, FleetDelta, FleetColumn, RowAddition } from './types';

/** Whether two plain-data values would serialise alike (undefined members count as absent). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(aRecord), ...Object.keys(bRecord)]);
  for (const key of keys) if (!sameData(aRecord[key], bRecord[key])) return false;
  return true;
}

/** Changes of one model step. */
export class DeltaRecorder {
  private readonly cellsBefore = new Map<Column, Map<number, number>>();
  private readonly touched = new Set<Column>();
  private readonly added: Column[] = [];
  private readonly rowsAdded: RowAddition[] = [];
  private readonly rowsRemoved: number[] = [];
  private readonly columnsRemoved: number[] = [];

  /** Notes a cell's code before it is re-evaluated (only the first note of a step counts). */
  cellBefore(column: Column, row: number): void {
    let rows = this.cellsBefore.get(column);
    if (rows === undefined) {
      rows = new Map();
      this.cellsBefore.set(column, rows);
    }
    if (!rows.has(row)) rows.set(row, column.codes[row] ?? 255);
  }

  /** Notes that a column's summary may have changed. */
  touch(column: Column): void {
    this.touched.add(column);
  }

  rowAdded(id: number, name: string, cells: string): void {
    this.rowsAdded.push({ id, name, cells });
  }

  rowRemoved(id: number): void {
    this.rowsRemoved.push(id);
  }

  columnAdded(column: Column): void {
    this.added.push(column);
  }

  columnRemoved(id: number): void {
    this.columnsRemoved.push(id);
  }

  /** The delta, with only the fields that carry something. */
  finish(columns: readonly (Column | undefined)[], rows: Rows): FleetDelta {
    const delta: FleetDelta = {};
    if (this.rowsRemoved.length > 0) delta.rowsRemoved = this.rowsRemoved;
    if (this.columnsRemoved.length > 0) delta.columnsRemoved = this.columnsRemoved;
    const columnsAdded = this.wireColumns(columns, rows.slotCount);
    if (columnsAdded.length > 0) delta.columnsAdded = columnsAdded;
    if (this.rowsAdded.length > 0) delta.rowsAdded = this.rowsAdded;
    const cells = this.changedCells(columns);
    if (cells.length > 0) delta.cells = cells;
    const summaries = this.changedSummaries(columns);
    if (summaries.length > 0) delta.summaries = summaries;
    return delta;
  }

  private wireColumns(columns: readonly (Column | undefined)[], rowSlots: number): FleetColumn[] {
    return this.added
      .filter((column) => columns[column.id] === column)
      .map((column) => {
        const wire = columnToWire(column, rowSlots);
        const { cells: _cells, ...summary } = wire;
        column.sentSummary = summary;
        return wire;
      });
  }

  private changedCells(columns: readonly (Column | undefined)[]): CellChange[] {
    const cells: CellChange[] = [];
    for (const [column, rows] of this.cellsBefore) {
      if (columns[column.id] !== column) continue;
      for (const [row, before] of rows) {
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
      if (columns[column.id] !== column || this.added.includes(column)) continue;
      const summary = column.summary();
      if (column.sentSummary !== undefined && sameData(column.sentSummary, summary)) continue;
      column.sentSummary = summary;
      summaries.push(summary);
    }
    return summaries;
  }
}
