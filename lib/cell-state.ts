/**
 * The seven states of one grid cell (node × DaemonSet), as named in CONTRACT.md, with the one-char
 * codes the snapshot and deltas carry on the wire.
 */
import type { Pod } from './k8s-types';
import { isPodAvailable, podFailure } from './pod-state';

/** Cell states: accessible name → wire code. */
export const CellState = {
  Ready: 'R',
  Updating: 'U',
  Progressing: 'P',
  Failing: 'F',
  Missing: 'M',
  Misscheduled: 'X',
  NotEligible: 'N',
} as const;

/** The one-char wire code of a cell state. */
export type CellCode = (typeof CellState)[keyof typeof CellState];

/** The accessible name of each code, exactly as CONTRACT.md spells the states. */
export const CELL_STATE_NAMES: Readonly<Record<CellCode, string>> = {
  R: 'Ready',
  U: 'Updating',
  P: 'Progressing',
  F: 'Failing',
  M: 'Missing',
  X: 'Misscheduled',
  N: 'Not eligible',
};

/** Codes in a fixed order, so a model can keep a cell as a small integer (index into this list). */
export const CELL_CODES: readonly CellCode[] = ['R', 'U', 'P', 'F', 'M', 'X', 'N'];

/** Whether a string is one of the seven codes (input from the wire is checked, not trusted). */
export function isCellCode(value: string): value is CellCode {
  return (CELL_CODES as readonly string[]).includes(value);
}

/** The part of an eligibility verdict a cell needs. */
export interface CellVerdict {
  shouldRun: boolean;
}

/** Extra inputs of {@link cellState}. */
export interface CellStateOptions {
  /** The DaemonSet's `spec.minReadySeconds`: Ready turns into available only after it. */
  minReadySeconds?: number;
  /** The node's other daemon pods (e.g. a surge pod next to the old one): a failing one fails the cell. */
  otherPods?: readonly Pod[];
}

/**
 * The state of one cell. Precedence, first match wins:
 * 1. no pod → Missing when the node should run one, else Not eligible;
 * 2. a pod where the node should not run one → Misscheduled (upstream counts it in numberMisscheduled,
 *    even when kept under an untolerated NoSchedule taint);
 * 3. any pod on the node failing (image pull, crash loop, config error, phase Failed, unschedulable)
 *    → Failing — checked before the revision so a stuck rollout shows, even behind a surge;
 * 4. the oldest pod is not of the current revision → Updating;
 * 5. the oldest pod is available (Ready for minReadySeconds) → Ready, else Progressing.
 */
export function cellState(
  verdict: CellVerdict,
  oldestPod: Pod | undefined,
  isUpdated: boolean,
  now: number,
  options: CellStateOptions = {},
): CellCode {
  const hasPod = oldestPod !== undefined;
  // Failure and availability are only looked at where the precedence reaches them.
  const isFailing =
    hasPod &&
    verdict.shouldRun &&
    (podFailure(oldestPod) !== undefined ||
      (options.otherPods?.some((pod) => podFailure(pod) !== undefined) ?? false));
  const isAvailable = hasPod && isPodAvailable(oldestPod, options.minReadySeconds ?? 0, now);
  return cellCodeOf(verdict.shouldRun, hasPod, isFailing, isUpdated, isAvailable);
}

/** The precedence of {@link cellState} on already known facts (the FleetModel's allocation-free path). */
export function cellCodeOf(
  shouldRun: boolean,
  hasPod: boolean,
  isFailing: boolean,
  isUpdated: boolean,
  isAvailable: boolean,
): CellCode {
  if (!hasPod) return shouldRun ? CellState.Missing : CellState.NotEligible;
  if (!shouldRun) return CellState.Misscheduled;
  if (isFailing) return CellState.Failing;
  if (!isUpdated) return CellState.Updating;
  return isAvailable ? CellState.Ready : CellState.Progressing;
}
