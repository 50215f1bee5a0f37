import { isCellCode, type CellCode } from '@/lib/cell-state';
import type { FleetColumn, FleetSnapshot } from '@/lib/fleet-model/types';
import { stateSlug } from '../filters/url-state';
import { stateName } from '../grid/cell-style';

/** One node of a DaemonSet's column. */
export interface ColumnRow {
  node: string;
  code: CellCode;
}

/** The column of a snapshot for `namespace/name`, or undefined when the DaemonSet is not (or no longer) there. */
export function findColumn(snapshot: FleetSnapshot, daemonSet: string): FleetColumn | undefined {
  return snapshot.columns.find(
    (column): column is FleetColumn => column !== null && `${column.namespace}/${column.name}` === daemonSet,
  );
}

/** The column's nodes filtered by name substring and state slugs, problems (non-Ready, eligible) first, then by name. */
export function columnRows(
  snapshot: FleetSnapshot,
  column: FleetColumn,
  filter: { node: string; states: readonly string[]; showNotEligible: boolean },
): ColumnRow[] {
  const needle = filter.node.toLowerCase();
  const rows: ColumnRow[] = [];
  snapshot.rows.forEach((node, row) => {
    const code = column.cells[row] ?? '';
    if (node === null || !isCellCode(code)) return;
    if (needle !== '' && !node.toLowerCase().includes(needle)) return;
    if (
      filter.states.length > 0
        ? !filter.states.includes(stateSlug(stateName(code)))
        : code === 'N' && !filter.showNotEligible
    )
      return;
    rows.push({ node, code });
  });
  const rank = (code: CellCode) => (code === 'R' ? 1 : code === 'N' ? 2 : 0);
  return rows.sort((a, b) => rank(a.code) - rank(b.code) || a.node.localeCompare(b.node));
}
