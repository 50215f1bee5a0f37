/**
 * One call of the DaemonSet controller's `rollingUpdate` (kubernetes/kubernetes
 * pkg/controller/daemon/update.go), as plain data: which nodes lose their old pod and which get a new
 * one this sync. The manage loop (creating on empty nodes, pruning extras, failed pods) is not here.
 */
import type { IntOrString } from './k8s-types';
import { scaledValueFromIntOrPercent } from './intstr';

/** One daemon pod as the planner sees it; `available` already accounts for minReadySeconds. */
export interface PodState {
  ready: boolean;
  available: boolean;
  terminating?: boolean;
}

/** One node: whether the DaemonSet should run there and its pods of the old and the current revision. */
export interface RollingUpdateNode {
  name: string;
  /** `shouldRun` of `NodeShouldRunDaemonPod`; true when absent. */
  shouldRun?: boolean;
  oldPods: PodState[];
  newPods: PodState[];
}

/** Input of {@link planRollingUpdate}: the spec's budgets (null = unset) and every node of the cluster. */
export interface RollingUpdateInput {
  maxSurge?: IntOrString | null;
  maxUnavailable?: IntOrString | null;
  nodes: RollingUpdateNode[];
}

/** Resolved budgets of one sync (upstream `updatedDesiredNodeCounts`). */
export interface RollingUpdateBudgets {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/** What one `rollingUpdate` call does: delete the old pod on these nodes, create a new pod on those. */
export interface RollingUpdatePlan extends RollingUpdateBudgets {
  deleteOldOn: string[];
  createNewOn: string[];
}

/**
 * maxSurge/maxUnavailable scaled against `desired` (both round up, upstream `SurgeCount` and
 * `UnavailableCount`), with the controller's both-zero → maxUnavailable=1 fallback when desired > 0.
 * Unset values take the API server's defaults (maxUnavailable 1, maxSurge 0). Throws on malformed values.
 */
export function resolveBudgets(
  maxSurge: IntOrString | null | undefined,
  maxUnavailable: IntOrString | null | undefined,
  desiredNumberScheduled: number,
): RollingUpdateBudgets {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desiredNumberScheduled, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 1, desiredNumberScheduled, true);
  // Upstream: an impossible configuration (both 0) falls back to accepting one unavailable pod.
  if (desiredNumberScheduled > 0 && surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable, desiredNumberScheduled };
}

/** A node reduced to what `findUpdatedPodsOnNode` returns: at most one live old and one live new pod. */
type NodePods =
  | { excess: true }
  | { excess: false; old: PodState | undefined; current: PodState | undefined };

/** Upstream `findUpdatedPodsOnNode`: terminating pods are ignored; two of a kind means "excess". */
function findUpdatedPodsOnNode(node: RollingUpdateNode): NodePods {
  const old = (node.oldPods ?? []).filter((pod) => !pod?.terminating);
  const current = (node.newPods ?? []).filter((pod) => !pod?.terminating);
  if (old.length > 1 || current.length > 1) return { excess: true };
  return { excess: false, old: old[0], current: current[0] };
}

function shouldRun(node: RollingUpdateNode): boolean {
  return node.shouldRun !== false;
}

/** Upstream's `nodeToDaemonPods` map holds nodes with pods, plus every desired node (given an empty entry). */
function nodesInPlay(nodes: RollingUpdateNode[]): RollingUpdateNode[] {
  return nodes.filter((node) => shouldRun(node) || (node.oldPods ?? []).length + (node.newPods ?? []).length > 0);
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(value, max));
}

/**
 * maxSurge == 0: delete just enough available old pods to stay within maxUnavailable; the manage loop
 * creates the replacements on the emptied nodes.
 */
function planWithoutSurge(nodes: RollingUpdateNode[], maxUnavailable: number): Pick<RollingUpdatePlan, 'deleteOldOn' | 'createNewOn'> {
  let numUnavailable = 0;
  const allowedReplacements: string[] = [];
  const candidates: string[] = [];
  for (const node of nodes) {
    const pods = findUpdatedPodsOnNode(node);
    if (pods.excess || (pods.old === undefined) === (pods.current === undefined)) {
      // Excess pods, no pods, or both an old and a new pod: the manage loop acts; the node is unavailable.
      numUnavailable++;
    } else if (pods.current !== undefined) {
      if (!pods.current.available) numUnavailable++;
    } else if (!pods.old?.available) {
      // An unavailable old pod is replaced at once, whatever the budget says.
      allowedReplacements.push(node.name);
      numUnavailable++;
    } else if (numUnavailable < maxUnavailable) {
      candidates.push(node.name);
    }
  }
  const take = clamp(maxUnavailable - numUnavailable, candidates.length);
  return { deleteOldOn: [...allowedReplacements, ...candidates.slice(0, take)], createNewOn: [] };
}

/** Tallies of the surge walk, named as upstream names them. */
interface SurgeWalk {
  oldPodsToDelete: string[];
  shouldNotRunPodsToDelete: string[];
  candidateNewNodes: string[];
  allowedNewNodes: string[];
  numSurge: number;
  numAvailable: number;
}

function walkWithSurge(nodes: RollingUpdateNode[], maxSurge: number): SurgeWalk {
  const walk: SurgeWalk = {
    oldPodsToDelete: [],
    shouldNotRunPodsToDelete: [],
    candidateNewNodes: [],
    allowedNewNodes: [],
    numSurge: 0,
    numAvailable: 0,
  };
  for (const node of nodes) {
    const pods = findUpdatedPodsOnNode(node);
    if (pods.excess) {
      walk.numSurge++;
      continue;
    }
    const { old, current } = pods;
    // Availability counts the old pod when there is one, even on nodes being sunset.
    if ((old ?? current)?.available) walk.numAvailable++;
    if (old === undefined) continue; // nothing or only a new pod: the manage loop's business
    if (current === undefined) {
      if (!old.available) {
        (shouldRun(node) ? walk.allowedNewNodes : walk.oldPodsToDelete).push(node.name);
      } else if (!shouldRun(node)) {
        walk.shouldNotRunPodsToDelete.push(node.name);
      } else if (walk.numSurge < maxSurge) {
        walk.candidateNewNodes.push(node.name);
      }
    } else if (!current.available) {
      walk.numSurge++;
    } else {
      walk.oldPodsToDelete.push(node.name);
    }
  }
  return walk;
}

/**
 * maxSurge > 0: create up to maxSurge new pods beside available old ones, delete an old pod once its
 * new pod is available, and keep 100% availability while scheduling constraints move.
 */
function planWithSurge(nodes: RollingUpdateNode[], budgets: RollingUpdateBudgets): Pick<RollingUpdatePlan, 'deleteOldOn' | 'createNewOn'> {
  const walk = walkWithSurge(nodes, budgets.maxSurge);
  const deletable = clamp(walk.numAvailable - budgets.desiredNumberScheduled, walk.shouldNotRunPodsToDelete.length);
  const remainingSurge = clamp(budgets.maxSurge - walk.numSurge, walk.candidateNewNodes.length);
  return {
    deleteOldOn: [...walk.oldPodsToDelete, ...walk.shouldNotRunPodsToDelete.slice(0, deletable)],
    createNewOn: [...walk.allowedNewNodes, ...walk.candidateNewNodes.slice(0, remainingSurge)],
  };
}

/**
 * Assumptions / invariants (upstream's, restated):
 * - One call plans one sync of `rollingUpdate`; the manage loop runs separately and creates pods on
 *   empty desired nodes, prunes nodes with more than one old or new pod, and replaces failed pods.
 * - Terminating pods are invisible here; a node whose only pods are terminating counts as having none.
 * - Where upstream walks a Go map (random order) we walk `nodes` in input order, so the choice of
 *   *which* available old pods go (or which nodes get surge pods) is deterministic; only the counts
 *   are upstream's contract.
 * - maxSurge == 0: unavailable old pods are always deleted; available old pods are deleted only while
 *   the unavailable count (no pods, both pods, excess pods, unavailable new pods, deleted unavailable
 *   old pods) stays below maxUnavailable. Nothing is created. `shouldRun` is not consulted.
 * - maxSurge > 0: an unavailable old pod on an eligible node gets a new pod at once (beyond maxSurge);
 *   on an ineligible node it is deleted. New pods beside available old pods stay within maxSurge minus
 *   the not-yet-available new pods. An old pod goes once the new pod beside it is available. Old pods
 *   on ineligible nodes go only while more pods are available than desired. maxUnavailable is ignored.
 * - Node names are distinct (they are node names); deleteOldOn and createNewOn then name only given
 *   nodes, each at most once, and never the same node.
 */
export function planRollingUpdate(input: RollingUpdateInput): RollingUpdatePlan {
  const nodes = input.nodes ?? [];
  const desired = nodes.filter(shouldRun).length;
  const budgets = resolveBudgets(input.maxSurge, input.maxUnavailable, desired);
  const inPlay = nodesInPlay(nodes);
  const actions = budgets.maxSurge === 0 ? planWithoutSurge(inPlay, budgets.maxUnavailable) : planWithSurge(inPlay, budgets);
  return { ...budgets, ...actions };
}
