/**
 * Daemonscope's pure logic (CONTRACT.md "Pure logic"): upstream Kubernetes and kubectl semantics for
 * DaemonSets, usable in the server and in the browser. Objects are passed as the API sends them.
 */

// Eligibility: which nodes a DaemonSet should run on, and why not.
export { nodeShouldRunDaemonPod, compileEligibility } from './eligibility';
export type { EligibilityOptions, CompiledEligibility, EligibilityVerdict, Reason } from './eligibility';
export type { Fix } from './eligibility-types';
export { taintReport } from './taint-report';
export { addDaemonPodTolerations, defaultDaemonTolerations } from './daemon-tolerations';
export { parseLabelSelectorString } from './label-selector-string';
export { parseFieldSelectorString } from './field-selector';
export { labelSelectorAsSelector, labelSelectorMatches } from './label-selector';

// Rollouts: kubectl's status text, the rolling-update planner, strategy defaults and validation.
export { rolloutStatus, RolloutStatusError } from './rollout-status';
export type { RolloutStatus } from './rollout-status';
export { planRollingUpdate, resolveBudgets } from './rolling-update';
export type { PodState, RollingUpdateInput, RollingUpdateNode, RollingUpdatePlan } from './rolling-update';
export { defaultDaemonSetUpdateStrategy, validateDaemonSetUpdateStrategy, resolveRollingUpdate } from './update-strategy';
export { rolloutProgress, createRolloutRing, pushRolloutSample } from './rollout-progress';

// History and rollback: what `kubectl rollout history|undo|restart` do.
export { rollbackTarget, formatRollbackCli } from './rollback';
export type { RollbackOutcome, RollbackPlan, RollbackSkipped } from './rollback';
export { controlledHistory, rolloutHistoryText, rolloutHistoryRows, revisionMatchesTemplate } from './history';
export { rolloutRestartPatch, pausePatch, resumePatch, isPausedByUs } from './rollout-actions';

// Status as the DaemonSet controller computes it, pod state and cell states.
export { computeDaemonSetStatus, statusDifferences, currentRevisionHash } from './daemon-status';
export { isPodReady, isPodAvailable, isPodUpdated, podFailure, targetNodeName } from './pod-state';
export { cellState, CELL_STATE_NAMES } from './cell-state';
export type { CellState } from './cell-state';

// Resources and cost.
export { parseQuantity, formatQuantity, QuantityError } from './quantity';
export { daemonSetCost, fleetCost } from './cost';

// The fleet model and its wire format (the browser runs applyDelta too).
export { FleetModel } from './fleet-model/model';
export { applyDelta } from './fleet-model/reducer';
export type { FleetSnapshot, FleetDelta, FleetEvent } from './fleet-model/types';

export type * from './k8s-types';
export { WellKnown } from './k8s-types';
