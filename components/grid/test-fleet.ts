import type { CellCode } from '@/lib/cell-state';
import type { FleetColumn, FleetSnapshot } from '@/lib/fleet-model/types';

/** Test builder: a snapshot from node names and `namespace/name → codes` (one char per node). */
export function snapshotOf(
  nodes: readonly (string | null)[],
  columns: Readonly<Record<string, string>>,
): FleetSnapshot {
  return {
    rows: [...nodes],
    columns: Object.entries(columns).map(([key, cells], id) => column(id, key, cells)),
  };
}

function column(id: number, key: string, cells: string): FleetColumn {
  const [namespace = '', name = ''] = key.split('/');
  const zero = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  return {
    id,
    namespace,
    name,
    uid: `uid-${key}`,
    implied: zero,
    reported: {},
    updateStrategy: { type: 'RollingUpdate' },
    minReadySeconds: 0,
    cells,
  };
}

/** Test helper: counts as `{ code: n }` with zeros left out, for readable expectations. */
export function countsByCode(counts: readonly number[]): Partial<Record<CellCode, number>> {
  const codes: CellCode[] = ['R', 'U', 'P', 'F', 'M', 'X', 'N'];
  return Object.fromEntries(codes.flatMap((code, i) => ((counts[i] ?? 0) > 0 ? [[code, counts[i]]] : [])));
}
