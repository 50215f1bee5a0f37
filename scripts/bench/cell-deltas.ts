/**
 * Finding, in a dashboard stream, the `delta` that carried one cell's change, and reading the
 * `receivedAt` stamp the server put on it (when the batch's earliest watch event reached the server).
 * Pure: the bench feeds it SSE event data text.
 */

/** Where one cell sits in the stream's grid: its column and row ids. */
export interface CellAddress {
  column: number;
  row: number;
}

/** A delta that changed the watched cell. */
export interface CellDelta {
  seq: number;
  /** The server's wall clock (epoch ms); undefined when the server did not stamp the batch. */
  receivedAt: number | undefined;
  /** The cell's new code. */
  code: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObject(data: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The address of (node, namespace/name) in a snapshot event's data; undefined when either is absent. */
export function cellAddress(snapshotData: string, node: string, namespace: string, name: string): CellAddress | undefined {
  const snapshot = parseObject(snapshotData);
  if (!snapshot || !Array.isArray(snapshot.rows) || !Array.isArray(snapshot.columns)) return undefined;
  const row = snapshot.rows.indexOf(node);
  const column = snapshot.columns.findIndex((entry) => isRecord(entry) && entry.namespace === namespace && entry.name === name);
  return row < 0 || column < 0 ? undefined : { column, row };
}

/** The change a delta event's data makes to the cell at `address` (the last one if it changes it twice). */
export function cellChange(deltaData: string, address: CellAddress): CellDelta | undefined {
  const data = parseObject(deltaData);
  if (!data || typeof data.seq !== 'number' || !Array.isArray(data.deltas)) return undefined;
  let code: string | undefined;
  for (const delta of data.deltas) {
    if (!isRecord(delta) || !Array.isArray(delta.cells)) continue;
    for (const cell of delta.cells) {
      if (Array.isArray(cell) && cell[0] === address.column && cell[1] === address.row && typeof cell[2] === 'string') code = cell[2];
    }
  }
  if (code === undefined) return undefined;
  const receivedAt = typeof data.receivedAt === 'number' && Number.isFinite(data.receivedAt) ? data.receivedAt : undefined;
  return { seq: data.seq, receivedAt, code };
}
