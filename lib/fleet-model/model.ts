/**
 * The FleetModel: every node × every DaemonSet, kept up to date from watch events, recomputing only the
 * cells an event can affect and answering with a compact delta. The server runs one per cluster.
 */
import { revisionContext, type EligibilityFn } from '../daemon-status';
import { compileEligibility } from '../eligibility';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../k8s-types';
import { Column, daemonSetKey } from './column';
import { EligibilityCache, RevisionIndex } from './daemon-set-inputs';
import { DeltaRecorder } from './delta-recorder';
import { PodIndex } from './pod-index';
import { Rows, schedulingFactsDiffer } from './rows';
import { buildSnapshot } from './snapshot';
import type { FleetDelta, FleetEvent, FleetObjects, FleetSnapshot, WatchEventType } from './types';

/** Options of a FleetModel. */
export interface FleetModelOptions {
  /** Compiles a DaemonSet's node eligibility; defaults to lib/eligibility's `compileEligibility`. */
  compileEligibility?: (daemonSet: DaemonSet) => EligibilityFn;
}

/** The live grid of one cluster. */
export class FleetModel {
  private readonly rows = new Rows();
  private readonly columns: (Column | undefined)[] = [];
  private readonly columnByKey = new Map<string, number>();
  private readonly freeColumns: number[] = [];
  private readonly pods = new PodIndex(
    (name) => this.rows.rowOf(name),
    (row) => this.rows.nameOf(row),
    () => this.capacity,
  );
  private readonly revisions = new RevisionIndex();
  private readonly eligibility: EligibilityCache;
  private capacity = 64;
  private recorder = new DeltaRecorder();

  constructor(options: FleetModelOptions = {}) {
    this.eligibility = new EligibilityCache(options.compileEligibility ?? compileEligibility);
  }

  /** A model built from complete object lists (a relist, or the bench's full rebuild). */
  static fromObjects(objects: FleetObjects, now: number, options: FleetModelOptions = {}): FleetModel {
    const model = new FleetModel(options);
    model.capacity = Math.max(64, objects.nodes.length);
    for (const node of objects.nodes)
      if (node.metadata?.name && model.rows.rowOf(node.metadata.name) === undefined) model.putNodeRow(node);
    for (const revision of objects.controllerRevisions) model.revisions.put(revision);
    for (const daemonSet of objects.daemonSets) {
      const key = daemonSetKey(daemonSet);
      if (key !== undefined && !model.columnByKey.has(key)) model.putColumn(daemonSet, now, false);
    }
    model.fileAndFill(objects.pods, now);
    for (const column of model.columns) {
      if (column === undefined) continue;
      column.countCells();
      column.sentSummary = column.summary();
    }
    model.recorder = new DeltaRecorder();
    return model;
  }

  /** Files every pod of a full list and evaluates its cell while the pod is at hand (see `Column.fillPods`). */
  private fileAndFill(pods: readonly Pod[], now: number): void {
    let lastOwner: string | undefined;
    let column: Column | undefined;
    for (const pod of pods) {
      const filed = this.pods.add(pod);
      if (filed === undefined) continue;
      if (filed.owner !== lastOwner) {
        lastOwner = filed.owner;
        const id = this.columnByKey.get(filed.owner);
        column = id === undefined ? undefined : this.columns[id];
      }
      if (column !== undefined && filed.row !== undefined) column.fillPods(filed.row, filed.slot, now);
    }
  }

  /** Applies one watch event at `now` (epoch ms) and returns what changed (with anything staged before). */
  apply(event: FleetEvent, now: number): FleetDelta {
    this.stage(event, now);
    return this.takeDelta();
  }

  /** Applies a batch of watch events and returns their combined delta: summaries are built once per column. */
  applyAll(events: Iterable<FleetEvent>, now: number): FleetDelta {
    for (const event of events) this.stage(event, now);
    return this.takeDelta();
  }

  /**
   * Applies one watch event without building its delta: the change waits for `takeDelta` (or the next
   * `apply`, `applyAll` or `tick`), which reports everything staged since the last delta as one.
   */
  stage(event: FleetEvent, now: number): void {
    // Bad input is expected input: an event without an object changes nothing.
    if (typeof event !== 'object' || event === null) return;
    if (typeof event.object !== 'object' || event.object === null) return;
    switch (event.kind) {
      case 'node':
        this.applyNode(event.type, event.object, now);
        break;
      case 'daemonset':
        this.applyDaemonSet(event.type, event.object, now);
        break;
      case 'pod':
        this.applyPod(event.type, event.object, now);
        break;
      case 'controllerrevision':
        this.applyRevision(event.type, event.object, now);
        break;
    }
  }

  /** Everything that changed since the last delta was taken, as one delta. */
  takeDelta(): FleetDelta {
    return this.recorder.take(this.columns, this.rows);
  }

  /** Re-evaluates the cells whose pods become available by `now` (minReadySeconds passing). */
  tick(now: number): FleetDelta {
    for (const column of this.columns) {
      if (column === undefined) continue;
      for (const [row, at] of column.pending) if (at <= now) this.evaluateCell(column, row, undefined, now);
    }
    return this.takeDelta();
  }

  /** The earliest instant a pending cell becomes available, so the caller knows when to `tick`. */
  nextTickAt(): number | undefined {
    let next: number | undefined;
    for (const column of this.columns)
      for (const at of column?.pending.values() ?? []) if (next === undefined || at < next) next = at;
    return next;
  }

  /** The whole grid as compact JSON-ready data. */
  snapshot(): FleetSnapshot {
    return buildSnapshot(this.rows, this.columns);
  }

  // ---- nodes -------------------------------------------------------------------------------

  private applyNode(type: WatchEventType, node: Node, now: number): void {
    const name = node.metadata?.name;
    if (!name) return;
    const row = this.rows.rowOf(name);
    if (type === 'DELETED') {
      if (row !== undefined) this.removeRow(name, row);
    } else if (row === undefined) {
      const added = this.putNodeRow(node);
      for (const column of this.columns) if (column) this.evaluateCell(column, added, node, now, false);
      this.recorder.rowAdded(added, name);
    } else {
      const before = this.rows.nodes[row];
      this.rows.nodes[row] = node;
      if (!schedulingFactsDiffer(before, node)) return;
      for (const column of this.columns) if (column) this.evaluateCell(column, row, node, now);
    }
  }

  private putNodeRow(node: Node): number {
    const name = node.metadata?.name ?? '';
    const row = this.rows.add(name, node);
    if (row >= this.capacity) {
      this.capacity = Math.max(row + 1, this.capacity * 2);
      for (const column of this.columns) column?.grow(this.capacity);
    }
    this.pods.attachRow(name, row);
    return row;
  }

  private removeRow(name: string, row: number): void {
    for (const column of this.columns) {
      if (column === undefined) continue;
      if (column.clear(row)) this.recorder.touch(column);
    }
    this.pods.detachRow(name, row);
    this.rows.remove(name);
    this.recorder.rowRemoved(row);
  }

  // ---- daemonsets --------------------------------------------------------------------------

  private applyDaemonSet(type: WatchEventType, daemonSet: DaemonSet, now: number): void {
    const key = daemonSetKey(daemonSet);
    if (key === undefined) return;
    const id = this.columnByKey.get(key);
    const column = id === undefined ? undefined : this.columns[id];
    if (type === 'DELETED') {
      if (column) this.removeColumn(key, column);
    } else if (column === undefined) {
      const added = this.putColumn(daemonSet, now);
      this.recorder.columnAdded(added);
    } else {
      this.updateColumn(column, daemonSet, now);
    }
  }

  /** A new column with its cells evaluated; a rebuild (`evaluate` false) fills them in three steps. */
  private putColumn(daemonSet: DaemonSet, now: number, evaluate = true): Column {
    const key = daemonSetKey(daemonSet) ?? '';
    const id = this.freeColumns.pop() ?? this.columns.length;
    const column = new Column(id, key, daemonSet, this.eligibility.of(key, daemonSet), this.capacity);
    this.columns[id] = column;
    this.columnByKey.set(key, id);
    this.refreshRevision(column, key);
    if (evaluate) this.evaluateColumn(column, true, now, false);
    else column.fillEligibility(this.rows.nodes);
    return column;
  }

  private updateColumn(column: Column, daemonSet: DaemonSet, now: number): void {
    const key = daemonSetKey(daemonSet) ?? '';
    const specChanged =
      daemonSet.metadata?.generation === undefined ||
      daemonSet.metadata.generation !== column.daemonSet.metadata?.generation;
    column.daemonSet = daemonSet;
    this.recorder.touch(column);
    if (!specChanged) return;
    column.eligibility = this.eligibility.of(key, daemonSet);
    this.refreshRevision(column, key);
    this.evaluateColumn(column, true, now, true);
  }

  private removeColumn(key: string, column: Column): void {
    this.columns[column.id] = undefined;
    this.columnByKey.delete(key);
    this.eligibility.forget(key);
    this.freeColumns.push(column.id);
    this.freeColumns.sort((a, b) => b - a);
    this.recorder.columnRemoved(column);
  }

  // ---- pods and revisions ------------------------------------------------------------------

  private applyPod(type: WatchEventType, pod: Pod, now: number): void {
    const places = type === 'DELETED' ? this.pods.remove(pod) : this.pods.upsert(pod);
    for (const place of places) {
      const id = this.columnByKey.get(place.owner);
      const column = id === undefined ? undefined : this.columns[id];
      const row = this.rows.rowOf(place.nodeName);
      if (column !== undefined && row !== undefined) this.evaluateCell(column, row, undefined, now);
    }
  }

  private applyRevision(type: WatchEventType, revision: ControllerRevision, now: number): void {
    const owner = this.revisions.put(revision, type === 'DELETED');
    const id = owner === undefined ? undefined : this.columnByKey.get(owner);
    const column = id === undefined ? undefined : this.columns[id];
    if (column === undefined || owner === undefined) return;
    const hashBefore = column.context.currentHash;
    const numberBefore = column.currentRevision?.revision;
    this.refreshRevision(column, owner);
    if (column.context.currentHash !== hashBefore) {
      this.evaluateColumn(column, false, now, true);
    }
    if (column.context.currentHash !== hashBefore || column.currentRevision?.revision !== numberBefore)
      this.recorder.touch(column);
  }

  private refreshRevision(column: Column, key: string): void {
    const current = this.revisions.currentOf(key, column.daemonSet);
    column.currentRevision = current.revision;
    column.context = revisionContext(column.daemonSet, current.hash);
  }

  // ---- cells -------------------------------------------------------------------------------

  /** Re-evaluates one cell and records the change; a node forces eligibility to be re-evaluated. */
  private evaluateCell(
    column: Column,
    row: number,
    node: Node | undefined,
    now: number,
    record = true,
  ): void {
    if (this.rows.nameOf(row) === undefined) return;
    if (record) this.recorder.cellBefore(column, row);
    if (column.evaluate(row, node, this.pods.slotsOf(column.key)[row], now)) this.recorder.touch(column);
  }

  /** Re-evaluates every cell of a column (eligibility too when `withNodes`). */
  private evaluateColumn(column: Column, withNodes: boolean, now: number, record: boolean): void {
    const slots = this.pods.slotsOf(column.key);
    const { names, nodes } = this.rows;
    let changed = false;
    for (let row = 0; row < names.length; row++) {
      if (names[row] === null) continue;
      if (record) this.recorder.cellBefore(column, row);
      if (column.evaluate(row, withNodes ? nodes[row] : undefined, slots[row], now)) changed = true;
    }
    if (changed) this.recorder.touch(column);
  }
}
