import { CELL_CODES, CELL_STATE_NAMES, type CellCode } from '@/lib/cell-state';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import type { Taint } from '@/lib/k8s-types';
import { parseLabelSelectorString } from '@/lib/label-selector-string';
import { matchesTaintFilter, parseTaintFilter } from '../filters/taint-filter';
import { stateSlug, type ViewQuery } from '../filters/url-state';
import { PROBLEM_CODES, codeIndex } from './cell-style';

/**
 * Which rows (nodes) and columns (DaemonSets) of a snapshot the grid shows, in which order, with the
 * counts per state the headers and charts display. Pure: recomputed from snapshot + query.
 */

/** The node fields the filters need beyond the name the snapshot carries. */
export interface NodeFacts {
  labels?: Readonly<Record<string, string>>;
  taints?: readonly Taint[] | null;
}

/** Counts per state, indexed like `CELL_CODES`. */
export type StateCounts = number[];

/** The grid as displayed. */
export interface GridView {
  /** Row ids (snapshot slots) in display order. */
  rows: number[];
  /** Column ids (snapshot slots) in display order. */
  columns: number[];
  /** `rowCounts[i]` counts the cells of `rows[i]` over the shown columns. */
  rowCounts: StateCounts[];
  /** `columnCounts[j]` counts the cells of `columns[j]` over the shown rows. */
  columnCounts: StateCounts[];
  /** Filters that could not be applied, and why (the view ignores them rather than showing nothing). */
  errors: string[];
}

// One collator for every sort: `localeCompare` per comparison is the slow part at 5,000 rows;
// numeric so that node-2 sorts before node-10.
const collator = new Intl.Collator('en', { numeric: true });
const compareNames = collator.compare;

const zeroCounts = (): StateCounts => CELL_CODES.map(() => 0);
const PROBLEM_INDEXES = PROBLEM_CODES.map(codeIndex);
const FAILING = codeIndex('F');

/** The number of problem cells in a count. */
export function problemCount(counts: StateCounts): number {
  return PROBLEM_INDEXES.reduce((sum, index) => sum + (counts[index] ?? 0), 0);
}

/** The codes the state filter selects (unknown slugs ignored), or undefined for "every state". */
export function selectedCodes(query: ViewQuery): Set<CellCode> | undefined {
  const wanted = new Set(query.states);
  let codes =
    wanted.size === 0
      ? undefined
      : new Set(CELL_CODES.filter((code) => wanted.has(stateSlug(CELL_STATE_NAMES[code]))));
  if (query.problemsOnly)
    codes = new Set(PROBLEM_CODES.filter((code) => codes === undefined || codes.has(code)));
  return codes;
}

function filterColumns(snapshot: FleetSnapshot, query: ViewQuery): number[] {
  const needle = query.daemonSet.toLowerCase();
  const ids: number[] = [];
  snapshot.columns.forEach((column, id) => {
    if (column === null) return;
    if (query.namespace !== '' && column.namespace !== query.namespace) return;
    if (needle !== '' && !`${column.namespace}/${column.name}`.toLowerCase().includes(needle)) return;
    ids.push(id);
  });
  return ids.sort((a, b) => compareNames(columnKey(snapshot, a), columnKey(snapshot, b)));
}

const columnKey = (snapshot: FleetSnapshot, id: number) => {
  const column = snapshot.columns[id];
  return column ? `${column.namespace}/${column.name}` : '';
};

/** The query fields that choose rows by the node itself (its name, labels and taints), not by its cells. */
export type RowFilter = Pick<ViewQuery, 'node' | 'label' | 'taint'>;

/** The nodes a row filter keeps, sorted by name, and the filters it had to ignore. */
export interface NameOrderedRows {
  ids: number[];
  errors: string[];
}

/**
 * The rows the node filters keep, in name order. This depends on the node names, the filters and
 * the node list, not on cells: a live delta changes cells, so the fleet view computes this once per
 * filter or node change and reuses it for every delta (sorting 5,000 names is the costly part).
 */
export function nameOrderedRows(
  rows: FleetSnapshot['rows'],
  filter: RowFilter,
  facts: ReadonlyMap<string, NodeFacts> | undefined,
): NameOrderedRows {
  const errors: string[] = [];
  const needle = filter.node.toLowerCase();
  const selector = parseLabelSelectorString(filter.label);
  if (!selector.ok) errors.push(`label filter ignored: ${selector.error}`);
  const taint = parseTaintFilter(filter.taint);
  if (!taint.ok) errors.push(`taint filter ignored: ${taint.error}`);
  const needsFacts =
    (selector.ok && selector.requirements.length > 0) || (taint.ok && taint.matcher !== undefined);
  if (needsFacts && facts === undefined) errors.push('label and taint filters wait for the node list');
  const ids: number[] = [];
  rows.forEach((name, id) => {
    if (name === null) return;
    if (needle !== '' && !name.toLowerCase().includes(needle)) return;
    if (needsFacts && facts !== undefined) {
      const node = facts.get(name);
      if (selector.ok && !selector.matches(node?.labels)) return;
      if (taint.ok && !matchesTaintFilter(node?.taints, taint.matcher)) return;
    }
    ids.push(id);
  });
  ids.sort((a, b) => compareNames(rows[a] ?? '', rows[b] ?? ''));
  return { ids, errors };
}

/** The cell strings of the given columns, looked up once per view rather than once per cell. */
const cellStrings = (snapshot: FleetSnapshot, columns: readonly number[]) =>
  columns.map((id) => snapshot.columns[id]?.cells ?? '');

function countRow(cells: readonly string[], row: number): StateCounts {
  const counts = zeroCounts();
  for (const column of cells) {
    const index = codeIndex(column.charAt(row));
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function countColumn(snapshot: FleetSnapshot, column: number, rows: readonly number[]): StateCounts {
  const counts = zeroCounts();
  const cells = snapshot.columns[column]?.cells ?? '';
  for (const row of rows) {
    const index = codeIndex(cells.charAt(row));
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

const hasAny = (counts: StateCounts, codes: ReadonlySet<CellCode>) =>
  CELL_CODES.some((code, i) => codes.has(code) && (counts[i] ?? 0) > 0);

/**
 * Applies the query's filters, state selection and sort to a snapshot. `ordered` is
 * {@link nameOrderedRows} for the same snapshot rows, query and facts, when the caller kept it.
 */
export function buildGridView(
  snapshot: FleetSnapshot,
  query: ViewQuery,
  facts?: ReadonlyMap<string, NodeFacts>,
  ordered: NameOrderedRows = nameOrderedRows(snapshot.rows, query, facts),
): GridView {
  let columns = filterColumns(snapshot, query);
  const codes = selectedCodes(query);
  let cells = cellStrings(snapshot, columns);
  let rows = ordered.ids.map((id) => ({ id, counts: countRow(cells, id) }));
  if (codes !== undefined) {
    rows = rows.filter((row) => hasAny(row.counts, codes));
    const rowIds = rows.map((row) => row.id);
    columns = columns.filter((column) => hasAny(countColumn(snapshot, column, rowIds), codes));
    cells = cellStrings(snapshot, columns);
    rows = rows.map((row) => ({ id: row.id, counts: countRow(cells, row.id) }));
  }
  // Array.prototype.sort is stable, so rows with equal problems stay in name order.
  if (query.sort === 'problems') {
    rows.sort(
      (a, b) =>
        (b.counts[FAILING] ?? 0) - (a.counts[FAILING] ?? 0) ||
        problemCount(b.counts) - problemCount(a.counts),
    );
  }
  const rowIds = rows.map((row) => row.id);
  const columnCounts = columns.map((column) => countColumn(snapshot, column, rowIds));
  return {
    rows: rowIds,
    columns,
    rowCounts: rows.map((row) => row.counts),
    columnCounts,
    errors: [...ordered.errors],
  };
}
