/**
 * One DaemonSet column of the FleetModel: a code and a flag byte per row, incremental counters, and
 * the cells waiting for minReadySeconds to pass. No per-cell objects.
 */
import { CELL_CODES, cellState, type CellCode } from '../cell-state';
import {
  addNodeToCounters,
  nodeDaemonFacts,
  revisionContext,
  zeroCounters,
  type DaemonSetCounters,
  type EligibilityFn,
  type RevisionContext,
} from '../daemon-status';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../k8s-types';
import { availableAt } from '../pod-state';
import type { DaemonSetSummary } from './types';

/** Code index of a free row slot (CELL_CODES has seven entries). */
export const EMPTY_CODE = 255;

const SHOULD_RUN = 1;
const SCHEDULED = 2;
const READY = 4;
const AVAILABLE = 8;
const UPDATED = 16;

/** Reused for every counter update, so a cell evaluation allocates nothing for it. */
const scratch = { scheduled: false, ready: false, available: false, updated: false };

function setScratch(flags: number): typeof scratch {
  scratch.scheduled = (flags & SCHEDULED) !== 0;
  scratch.ready = (flags & READY) !== 0;
  scratch.available = (flags & AVAILABLE) !== 0;
  scratch.updated = (flags & UPDATED) !== 0;
  return scratch;
}

/** The identity key of a DaemonSet: its uid, which is what its pods' controller references carry. */
export function daemonSetKey(daemonSet: DaemonSet): string | undefined {
  return daemonSet.metadata?.uid || undefined;
}

/** A DaemonSet's column: its object, compiled eligibility, revision, and per-row state. */
export class Column {
  codes: Uint8Array;
  flags: Uint8Array;
  counters: DaemonSetCounters = zeroCounters();
  context: RevisionContext;
  currentRevision: ControllerRevision | undefined;
  /** Rows whose oldest pod is Ready but not yet available, with the instant it becomes so. */
  readonly pending = new Map<number, number>();
  /** The summary the last snapshot or delta carried, so a delta sends it only when it changed. */
  sentSummary: DaemonSetSummary | undefined;

  constructor(
    readonly id: number,
    public daemonSet: DaemonSet,
    public eligibility: EligibilityFn,
    capacity: number,
  ) {
    this.codes = new Uint8Array(capacity).fill(EMPTY_CODE);
    this.flags = new Uint8Array(capacity);
    this.context = revisionContext(daemonSet, undefined);
  }

  /** Grows the per-row arrays to `capacity` rows. */
  grow(capacity: number): void {
    const codes = new Uint8Array(capacity).fill(EMPTY_CODE);
    codes.set(this.codes);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.codes = codes;
    this.flags = flags;
  }

  /** The cell code at `row`, or undefined for a free slot. */
  codeAt(row: number): CellCode | undefined {
    return CELL_CODES[this.codes[row] ?? EMPTY_CODE];
  }

  /**
   * Re-evaluates one cell from its node and pods; `shouldRun` is reused from the last evaluation unless
   * a node is given. Keeps the counters and the pending-availability set in step.
   */
  evaluate(row: number, node: Node | undefined, pods: readonly Pod[], now: number): void {
    const before = this.flags[row] ?? 0;
    const shouldRun = node === undefined ? (before & SHOULD_RUN) !== 0 : this.eligibility(node).shouldRun;
    if (this.codes[row] !== EMPTY_CODE) addNodeToCounters(this.counters, (before & SHOULD_RUN) !== 0, setScratch(before), -1);
    const live = pods.length > 1 ? pods.filter((pod) => !pod.metadata?.deletionTimestamp) : pods;
    const facts = nodeDaemonFacts(pods, this.context, now);
    let flags = shouldRun ? SHOULD_RUN : 0;
    if (pods.length > 0) flags |= SCHEDULED;
    if (facts.ready) flags |= READY;
    if (facts.available) flags |= AVAILABLE;
    if (facts.updated) flags |= UPDATED;
    this.flags[row] = flags;
    addNodeToCounters(this.counters, shouldRun, setScratch(flags), 1);
    const code = cellState({ shouldRun }, facts.oldest, facts.updated, now, {
      minReadySeconds: this.context.minReadySeconds,
      otherPods: live.length > 1 ? live.filter((pod) => pod !== facts.oldest) : undefined,
    });
    this.codes[row] = CELL_CODES.indexOf(code);
    const at = facts.oldest && facts.ready && !facts.available ? availableAt(facts.oldest, this.context.minReadySeconds, now) : undefined;
    if (at === undefined) this.pending.delete(row);
    else this.pending.set(row, at);
  }

  /** Frees a row slot: its share of the counters goes, its code becomes empty. */
  clear(row: number): void {
    const before = this.flags[row] ?? 0;
    if (this.codes[row] !== EMPTY_CODE) addNodeToCounters(this.counters, (before & SHOULD_RUN) !== 0, setScratch(before), -1);
    this.codes[row] = EMPTY_CODE;
    this.flags[row] = 0;
    this.pending.delete(row);
  }

  /** The column header as the wire carries it. */
  summary(): DaemonSetSummary {
    const { metadata, spec, status } = this.daemonSet;
    const strategy = spec?.updateStrategy;
    return {
      id: this.id,
      namespace: metadata?.namespace ?? '',
      name: metadata?.name ?? '',
      uid: metadata?.uid ?? '',
      generation: metadata?.generation,
      implied: { ...this.counters },
      reported: pickReported(status),
      currentRevision: this.context.currentHash,
      currentRevisionNumber: this.currentRevision?.revision,
      updateStrategy: {
        type: strategy?.type ?? 'RollingUpdate',
        maxUnavailable: strategy?.rollingUpdate?.maxUnavailable,
        maxSurge: strategy?.rollingUpdate?.maxSurge,
      },
      minReadySeconds: this.context.minReadySeconds,
    };
  }
}

/** The reported counters and observedGeneration, without the rest of `status`. */
function pickReported(status: DaemonSet['status']): DaemonSetSummary['reported'] {
  if (status === undefined) return {};
  const {
    desiredNumberScheduled,
    currentNumberScheduled,
    numberMisscheduled,
    numberReady,
    updatedNumberScheduled,
    numberAvailable,
    numberUnavailable,
    observedGeneration,
  } = status;
  return {
    desiredNumberScheduled,
    currentNumberScheduled,
    numberMisscheduled,
    numberReady,
    updatedNumberScheduled,
    numberAvailable,
    numberUnavailable,
    observedGeneration,
  };
}
