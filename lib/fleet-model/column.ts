/**
 * One DaemonSet column of the FleetModel: a code and a flag byte per row, incremental counters, and
 * the cells waiting for minReadySeconds to pass. No per-cell objects.
 */
import { CELL_CODES, cellCodeOf, type CellCode } from '../cell-state';
import {
  addNodeToCounters,
  NodeFlag,
  nodeFlags,
  revisionContext,
  zeroCounters,
  type DaemonSetCounters,
  type EligibilityFn,
  type RevisionContext,
  shouldRunPredicate,
} from '../daemon-status';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../k8s-types';
import { availableAt, oldestPod, podFailure } from '../pod-state';
import { isPodList, type PodSlot } from './pod-index';
import type { DaemonSetSummary } from './types';

const SHOULD_RUN = NodeFlag.ShouldRun;
const READY = NodeFlag.Ready;
const AVAILABLE = NodeFlag.Available;

/** Code index of a free row slot (CELL_CODES has seven entries). */
export const EMPTY_CODE = 255;

/** Code index of each cell code by its char code, for storing a code in a Uint8Array. */
const CODE_INDEX = new Uint8Array(128).fill(EMPTY_CODE);
CELL_CODES.forEach((code, index) => {
  CODE_INDEX[code.charCodeAt(0)] = index;
});

/** Flag bit for "a pod on the node is failing", above the NodeFlag bits, for the code table. */
const FAILING = 32;

/**
 * Code index of every combination of NodeFlag bits and FAILING, computed once from cellCodeOf so the
 * per-cell path is a table lookup and the precedence is written down in one place only.
 */
const CODE_BY_FACTS = Uint8Array.from({ length: 64 }, (_, facts) => {
  const code = cellCodeOf(
    (facts & NodeFlag.ShouldRun) !== 0,
    (facts & NodeFlag.Scheduled) !== 0,
    (facts & FAILING) !== 0,
    (facts & NodeFlag.Updated) !== 0,
    (facts & NodeFlag.Available) !== 0,
  );
  return CODE_INDEX[code.charCodeAt(0)] ?? EMPTY_CODE;
});

/** Whether a cell's flags say Ready but not yet available: the only cells `pending` may hold. */
function isWaiting(flags: number): boolean {
  return (flags & READY) !== 0 && (flags & AVAILABLE) === 0;
}

/** Whether any pod of the slot other than the oldest, and not already terminating, is failing. */
function otherPodFailing(slot: PodSlot, oldest: Pod): boolean {
  if (!isPodList(slot)) return false;
  return slot.some(
    (pod) => pod !== oldest && !pod.metadata?.deletionTimestamp && podFailure(pod) !== undefined,
  );
}

/** The identity key of a DaemonSet: its uid, which is what its pods' controller references carry. */
export function daemonSetKey(daemonSet: DaemonSet): string | undefined {
  return daemonSet.metadata?.uid || undefined;
}

/** A DaemonSet's column: its object, compiled eligibility, revision, and per-row state. */
export class Column {
  codes: Uint8Array;
  flags: Uint8Array;
  /** How many cells hold each NodeFlag combination: the counters follow from it (see `counters`). */
  private readonly histogram = new Int32Array(32);
  context: RevisionContext;
  /** `eligibility(node).shouldRun` without a verdict object (a rebuild asks it for every cell). */
  private shouldRunOn: (node: Node) => boolean;
  currentRevision: ControllerRevision | undefined;
  /** Rows whose oldest pod is Ready but not yet available, with the instant it becomes so. */
  readonly pending = new Map<number, number>();
  /** The summary the last snapshot or delta carried, so a delta sends it only when it changed. */
  sentSummary: DaemonSetSummary | undefined;

  constructor(
    readonly id: number,
    /** The DaemonSet's uid: what its pods' controller references carry. */
    readonly key: string,
    public daemonSet: DaemonSet,
    private eligibilityFn: EligibilityFn,
    capacity: number,
  ) {
    this.shouldRunOn = shouldRunPredicate(eligibilityFn);
    this.codes = new Uint8Array(capacity).fill(EMPTY_CODE);
    this.flags = new Uint8Array(capacity);
    this.context = revisionContext(daemonSet, undefined);
  }

  /** The compiled eligibility of the DaemonSet. */
  get eligibility(): EligibilityFn {
    return this.eligibilityFn;
  }

  set eligibility(eligibility: EligibilityFn) {
    this.eligibilityFn = eligibility;
    this.shouldRunOn = shouldRunPredicate(eligibility);
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
   * a node is given. Keeps the counters and the pending-availability set in step. Allocates nothing
   * for a node with one pod. Returns whether the counters changed.
   */
  evaluate(row: number, node: Node | undefined, slot: PodSlot | undefined, now: number): boolean {
    const before = this.flags[row] ?? 0;
    const wasEmpty = this.codes[row] === EMPTY_CODE;
    const shouldRun = node === undefined ? (before & SHOULD_RUN) !== 0 : this.shouldRunOn(node);
    if (slot === undefined) {
      // No pod: nothing to read but the verdict (the common case of a rebuild's second pass).
      this.store(row, shouldRun ? SHOULD_RUN : 0, 0, before, wasEmpty);
      if (isWaiting(before)) this.pending.delete(row);
    } else {
      const oldest = isPodList(slot) ? oldestPod(slot) : slot;
      const flags = nodeFlags(shouldRun, oldest, this.context, now);
      const isFailing =
        oldest !== undefined &&
        shouldRun &&
        (podFailure(oldest) !== undefined || otherPodFailing(slot, oldest));
      this.store(row, flags, isFailing ? FAILING : 0, before, wasEmpty);
      this.trackPending(row, oldest, flags, before, now);
    }
    return wasEmpty || this.flags[row] !== before;
  }

  /**
   * Rebuild, step 1 of 3, on a column that holds no cell yet: every row's eligibility, stored as a
   * pod-less cell (the counters wait for `countCells`).
   */
  fillEligibility(nodes: readonly (Node | undefined)[]): void {
    const { codes, flags, shouldRunOn } = this;
    for (let row = 0; row < nodes.length; row++) {
      const node = nodes[row];
      if (node === undefined) continue;
      const cell = shouldRunOn(node) ? SHOULD_RUN : 0;
      flags[row] = cell;
      codes[row] = CODE_BY_FACTS[cell] ?? EMPTY_CODE;
    }
  }

  /**
   * Rebuild, step 2: a filled cell whose pods just changed, evaluated while the newest pod is at hand
   * (a list is walked in its own order, which is the pods' order in memory).
   */
  fillPods(row: number, slot: PodSlot, now: number): void {
    const before = this.flags[row] ?? 0;
    const shouldRun = (before & SHOULD_RUN) !== 0;
    const oldest = isPodList(slot) ? oldestPod(slot) : slot;
    const flags = nodeFlags(shouldRun, oldest, this.context, now);
    const isFailing =
      oldest !== undefined && shouldRun && (podFailure(oldest) !== undefined || otherPodFailing(slot, oldest));
    this.flags[row] = flags;
    this.codes[row] = CODE_BY_FACTS[flags | (isFailing ? FAILING : 0)] ?? EMPTY_CODE;
    this.trackPending(row, oldest, flags, before, now);
  }

  /** Rebuild, step 3: the counters of the filled cells. */
  countCells(): void {
    const { codes, flags, histogram } = this;
    for (let row = 0; row < codes.length; row++) {
      if (codes[row] === EMPTY_CODE) continue;
      const cell = flags[row] ?? 0;
      histogram[cell] = (histogram[cell] ?? 0) + 1;
    }
  }

  /** Stores a cell's flags and code and moves it in the histogram. */
  private store(row: number, flags: number, failing: number, before: number, wasEmpty: boolean): void {
    const histogram = this.histogram;
    if (!wasEmpty) histogram[before] = (histogram[before] ?? 0) - 1;
    histogram[flags] = (histogram[flags] ?? 0) + 1;
    this.flags[row] = flags;
    this.codes[row] = CODE_BY_FACTS[flags | failing] ?? EMPTY_CODE;
  }

  /** The seven counters implied by the cells (upstream's per-node sums, from the histogram). */
  get counters(): DaemonSetCounters {
    const counters = zeroCounters();
    this.histogram.forEach((count, flags) => {
      if (count !== 0) addNodeToCounters(counters, flags, count);
    });
    return counters;
  }

  /**
   * Remembers when a Ready-but-not-yet-available oldest pod turns available, for `tick`. Only a row
   * whose `before` flags were waiting can be pending, so the others skip the map (once per pod of a
   * rebuild).
   */
  private trackPending(
    row: number,
    oldest: Pod | undefined,
    flags: number,
    before: number,
    now: number,
  ): void {
    const at =
      oldest !== undefined && isWaiting(flags)
        ? availableAt(oldest, this.context.minReadySeconds, now)
        : undefined;
    if (at !== undefined) this.pending.set(row, at);
    else if (isWaiting(before)) this.pending.delete(row);
  }

  /** Frees a row slot: its share of the counters goes, its code becomes empty. Returns whether it held a cell. */
  clear(row: number): boolean {
    const held = this.codes[row] !== EMPTY_CODE;
    const flags = this.flags[row] ?? 0;
    if (held) this.histogram[flags] = (this.histogram[flags] ?? 0) - 1;
    this.codes[row] = EMPTY_CODE;
    this.flags[row] = 0;
    this.pending.delete(row);
    return held;
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
      implied: this.counters,
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
  if (typeof status !== 'object' || status === null) return {};
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
