/**
 * The browser's side of the delta codec: a pure reducer from (snapshot, delta) to the next snapshot,
 * plus a name-keyed view for comparing grids whose ids were assigned in different orders.
 * Unchanged columns keep their identity, so React selectors can skip them.
 */
import { isCellCode, type CellCode } from '../cell-state';
import { EMPTY_SLOT, type FleetColumn, type FleetDelta, type FleetSnapshot } from './types';

/** `text` padded with empty slots (or cut) to `length` chars. */
function fitTo(text: string, length: number): string {
  return text.length >= length ? text.slice(0, length) : text + EMPTY_SLOT.repeat(length - text.length);
}

/** Replaces chars of a cell string at the given positions. */
function patch(text: string, changes: ReadonlyMap<number, string>): string {
  const chars = text.split('');
  for (const [at, code] of changes) if (at >= 0 && at < chars.length) chars[at] = code;
  return chars.join('');
}

/** Column cell strings after some row positions change (one split/join per changed column). */
function patchColumns(
  columns: (FleetColumn | null)[],
  changes: ReadonlyMap<number, Map<number, string>>,
): (FleetColumn | null)[] {
  return columns.map((column, id) => {
    const rows = changes.get(id);
    return column === null || rows === undefined ? column : { ...column, cells: patch(column.cells, rows) };
  });
}

/** Groups (column, row, code) triples by column. */
function groupByColumn(
  entries: Iterable<readonly [number, number, string]>,
): Map<number, Map<number, string>> {
  const byColumn = new Map<number, Map<number, string>>();
  for (const [column, row, code] of entries) {
    let rows = byColumn.get(column);
    if (rows === undefined) {
      rows = new Map();
      byColumn.set(column, rows);
    }
    rows.set(row, code);
  }
  return byColumn;
}

/** Frees row slots: null names, empty cells. */
function removeRows(state: FleetSnapshot, ids: readonly number[]): FleetSnapshot {
  const rows = state.rows.slice();
  for (const id of ids) if (id < rows.length) rows[id] = null;
  const blanks = state.columns.flatMap((_, column) => ids.map((row) => [column, row, EMPTY_SLOT] as const));
  return { rows, columns: patchColumns(state.columns, groupByColumn(blanks)) };
}

/** Frees column slots. */
function removeColumns(state: FleetSnapshot, ids: readonly number[]): FleetSnapshot {
  const columns = state.columns.slice();
  for (const id of ids) if (id < columns.length) columns[id] = null;
  return { ...state, columns };
}

/** Puts new columns in their slots, their cell strings fitted to the row slots. */
function addColumns(state: FleetSnapshot, added: readonly FleetColumn[]): FleetSnapshot {
  const columns = state.columns.slice();
  for (const column of added) {
    while (columns.length < column.id) columns.push(null);
    columns[column.id] = { ...column, cells: fitTo(column.cells, state.rows.length) };
  }
  return { ...state, columns };
}

/** Puts new rows in their slots, growing every column's string when the row count grows. */
function addRows(state: FleetSnapshot, added: NonNullable<FleetDelta['rowsAdded']>): FleetSnapshot {
  const rows = state.rows.slice();
  for (const row of added) {
    while (rows.length < row.id) rows.push(null);
    rows[row.id] = row.name;
  }
  const grown = state.columns.map((column) =>
    column === null ? null : { ...column, cells: fitTo(column.cells, rows.length) },
  );
  const cells = added.flatMap((row) => [...row.cells].map((code, column) => [column, row.id, code] as const));
  return {
    rows,
    columns: patchColumns(grown, groupByColumn(cells.filter(([, , code]) => code !== EMPTY_SLOT))),
  };
}

/** Applies a delta to a snapshot, in the order FleetDelta documents; returns a new snapshot. */
export function applyDelta(state: FleetSnapshot, delta: FleetDelta): FleetSnapshot {
  let next = state;
  if (delta.rowsRemoved?.length) next = removeRows(next, delta.rowsRemoved);
  if (delta.columnsRemoved?.length) next = removeColumns(next, delta.columnsRemoved);
  if (delta.columnsAdded?.length) next = addColumns(next, delta.columnsAdded);
  if (delta.rowsAdded?.length) next = addRows(next, delta.rowsAdded);
  if (delta.cells?.length)
    next = { ...next, columns: patchColumns(next.columns, groupByColumn(delta.cells)) };
  if (delta.summaries?.length) {
    const columns = next.columns.slice();
    for (const summary of delta.summaries) {
      const column = columns[summary.id];
      if (column) columns[summary.id] = { ...summary, cells: column.cells };
    }
    next = { ...next, columns };
  }
  return next;
}

/** The code of one cell, or undefined for a free or unknown slot. */
export function cellAt(state: FleetSnapshot, column: number, row: number): CellCode | undefined {
  const code = state.columns[column]?.cells[row];
  return code !== undefined && isCellCode(code) ? code : undefined;
}

/** A grid keyed by names instead of ids: `namespace/name` → node name → code, plus summaries without ids. */
export interface NamedGrid {
  cells: Record<string, Record<string, CellCode>>;
  summaries: Record<string, Omit<FleetColumn, 'id' | 'cells'>>;
}

/** The grid by names, so two snapshots with different id assignments can be compared. */
export function namedGrid(state: FleetSnapshot): NamedGrid {
  const grid: NamedGrid = { cells: {}, summaries: {} };
  for (const column of state.columns) {
    if (column === null) continue;
    const key = `${column.namespace}/${column.name}`;
    const { id: _id, cells, ...summary } = column;
    grid.summaries[key] = summary;
    const byNode: Record<string, CellCode> = {};
    state.rows.forEach((name, row) => {
      const code = cells[row];
      if (name !== null && code !== undefined && isCellCode(code)) byNode[name] = code;
    });
    grid.cells[key] = byNode;
  }
  return grid;
}
