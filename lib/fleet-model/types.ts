/**
 * The FleetModel's wire shapes: the snapshot a browser starts from, the deltas that follow, and the
 * watch events the server feeds in. Plain JSON data, no classes, so the browser's reducer shares them.
 *
 * Rows are nodes and columns are DaemonSets. Both are addressed by small integer ids ("slots") that
 * stay stable for the object's lifetime; a freed slot may be reused by a later object, after the
 * delta that removed the old one.
 */
import type { CellCode } from '../cell-state';
import type { DaemonSetCounters } from '../daemon-status';
import type { ControllerRevision, DaemonSet, IntOrString, Node, Pod } from '../k8s-types';

/** The character of a cell in a free row or column slot. */
export const EMPTY_SLOT = '.';

/** A cell as carried in snapshot strings: one of the seven codes, or {@link EMPTY_SLOT}. */
export type SlotCode = CellCode | typeof EMPTY_SLOT;

/** The reported status of a DaemonSet as its controller last wrote it (zero values may be absent). */
export interface ReportedStatus extends Partial<DaemonSetCounters> {
  observedGeneration?: number;
}

/** One DaemonSet's column header: identity, implied and reported counters, revision, strategy. */
export interface DaemonSetSummary {
  /** The column id. */
  id: number;
  namespace: string;
  name: string;
  uid: string;
  generation?: number;
  /** Counters implied by the pods the model sees (as upstream `updateDaemonSetStatus` would write them). */
  implied: DaemonSetCounters;
  /** `status` as the API reported it. */
  reported: ReportedStatus;
  /** The current ControllerRevision's hash, when one matches the template. */
  currentRevision?: string;
  /** The current ControllerRevision's number. */
  currentRevisionNumber?: number;
  updateStrategy: {
    type: string;
    maxUnavailable?: IntOrString | null;
    maxSurge?: IntOrString | null;
  };
  minReadySeconds: number;
}

/** A column in a snapshot: its summary and one code per row slot. */
export interface FleetColumn extends DaemonSetSummary {
  /** `cells[row]` is the state of (row's node, this DaemonSet); its length equals `rows.length`. */
  cells: string;
}

/** The whole grid, compact and JSON-serialisable. */
export interface FleetSnapshot {
  /** Node names by row id; null marks a free slot. */
  rows: (string | null)[];
  /** DaemonSet columns by column id; null marks a free slot. */
  columns: (FleetColumn | null)[];
}

/** A node added to the grid, with its cells (one code per column slot). */
export interface RowAddition {
  id: number;
  name: string;
  /** `cells[column]` for every column slot; {@link EMPTY_SLOT} at free ones. */
  cells: string;
}

/** One changed cell: column id, row id, new code. */
export type CellChange = [column: number, row: number, code: CellCode];

/**
 * What changed since the previous delta. Applied in this order: rowsRemoved, columnsRemoved,
 * columnsAdded, rowsAdded, cells, summaries.
 */
export interface FleetDelta {
  rowsRemoved?: number[];
  columnsRemoved?: number[];
  columnsAdded?: FleetColumn[];
  rowsAdded?: RowAddition[];
  cells?: CellChange[];
  /** Column summaries whose fields changed (complete summaries, replacing the old ones). */
  summaries?: DaemonSetSummary[];
}

/** The watch event types of the Kubernetes API that carry an object. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A watch event for one of the four kinds the model follows. */
export type FleetEvent =
  | { kind: 'node'; type: WatchEventType; object: Node }
  | { kind: 'daemonset'; type: WatchEventType; object: DaemonSet }
  | { kind: 'pod'; type: WatchEventType; object: Pod }
  | { kind: 'controllerrevision'; type: WatchEventType; object: ControllerRevision };

/** Every object of the fleet, as lists (the input of a full build). */
export interface FleetObjects {
  nodes: readonly Node[];
  daemonSets: readonly DaemonSet[];
  /** DaemonSet-owned pods; others are ignored. */
  pods: readonly Pod[];
  controllerRevisions: readonly ControllerRevision[];
}
