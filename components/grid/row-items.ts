import type { NodeFacts, StateCounts } from './grid-view';

/**
 * The grid's row list when rows are grouped by a node label: a header per label value (with its
 * counts) followed by its nodes when expanded. Large fleets start collapsed so the first paint shows
 * the shape of the fleet rather than 5,000 names.
 */

/** Above this many rows, groups start collapsed. */
export const COLLAPSE_GROUPS_ABOVE = 300;

/** The label value shown for nodes that lack the grouping label. */
export const NO_LABEL = '(no label)';

/** One line of the grid body. */
export type RowItem =
  | { kind: 'group'; value: string; size: number; counts: StateCounts; isExpanded: boolean }
  | { kind: 'node'; row: number; counts: StateCounts; index: number };

/** Inputs of {@link buildRowItems}. */
export interface RowItemsInput {
  rows: readonly number[];
  rowCounts: readonly StateCounts[];
  rowNames: readonly (string | null)[];
  groupBy: string;
  facts: ReadonlyMap<string, NodeFacts> | undefined;
  /** Group values whose state the operator flipped from the default. */
  toggled: ReadonlySet<string>;
}

const sum = (a: StateCounts, b: StateCounts) => a.map((value, i) => value + (b[i] ?? 0));

/** The rows as grid lines; `index` is the node's position among displayed rows (for keyboard focus). */
export function buildRowItems(input: RowItemsInput): RowItem[] {
  const { rows, rowCounts } = input;
  if (input.groupBy === '') {
    return rows.map((row, index) => ({ kind: 'node', row, counts: rowCounts[index] ?? [], index }));
  }
  const groups = new Map<string, number[]>();
  rows.forEach((row, position) => {
    const name = input.rowNames[row] ?? '';
    const value = input.facts?.get(name)?.labels?.[input.groupBy] ?? NO_LABEL;
    const members = groups.get(value) ?? [];
    members.push(position);
    groups.set(value, members);
  });
  const collapsedByDefault = rows.length > COLLAPSE_GROUPS_ABOVE;
  const items: RowItem[] = [];
  let index = 0;
  for (const value of [...groups.keys()].sort(compareGroupValues)) {
    const members = groups.get(value) ?? [];
    const isExpanded = collapsedByDefault === input.toggled.has(value);
    const counts = members.reduce<StateCounts>(
      (total, position) => sum(total, rowCounts[position] ?? []),
      rowCounts[0]?.map(() => 0) ?? [],
    );
    items.push({ kind: 'group', value, size: members.length, counts, isExpanded });
    if (!isExpanded) continue;
    for (const position of members) {
      items.push({ kind: 'node', row: rows[position] ?? -1, counts: rowCounts[position] ?? [], index });
      index += 1;
    }
  }
  return items;
}

// Nodes without the label go last; the rest alphabetically.
function compareGroupValues(a: string, b: string): number {
  if (a === NO_LABEL || b === NO_LABEL) return Number(a === NO_LABEL) - Number(b === NO_LABEL);
  return a.localeCompare(b);
}
