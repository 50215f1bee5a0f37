/**
 * Upstream's `NodeShouldRunDaemonPod` (pkg/controller/daemon/daemon_controller.go), §1.1: should a
 * DaemonSet's pod run on a node, and may a pod already there keep running — with reasons when not.
 *
 * `compileEligibility` parses selectors, affinity and the merged toleration list once per DaemonSet;
 * the returned function allocates nothing for an eligible node (one shared frozen verdict) and builds
 * reasons for an ineligible one only when `reasons` is first read; its `shouldRun` allocates nothing.
 */
import type { DaemonSet, Node, Taint, Toleration } from './k8s-types';
import type { EligibilityVerdict, Reason } from './eligibility-types';
import { type AppliedDefaultToleration, mergeDaemonTolerations } from './daemon-tolerations';
import { type EligibilityContext, explainIneligibility } from './eligibility-reasons';
import {
  affinityMatchesLabels,
  compileNodeAffinity,
  compileNodeSelector,
  firstFailingNodeSelectorEntry,
} from './node-affinity';
import { asLabels, asString } from './labels';
import {
  type CompiledTolerations,
  type EligibilityFeatureGates,
  compileTolerations,
  isTolerated,
} from './taints';

export type { EligibilityVerdict, Reason } from './eligibility-types';

/** Options for eligibility: feature gates (all off by default, as upstream). */
export interface EligibilityOptions {
  readonly featureGates?: EligibilityFeatureGates;
}

/** A compiled DaemonSet: call it with a node; it also exposes the toleration list it applies. */
export interface CompiledEligibility {
  (node: Node): EligibilityVerdict;
  /** `verdict.shouldRun` without building a verdict: for evaluating many nodes. */
  readonly shouldRun: (node: Node) => boolean;
  /** The template's tolerations merged with the controller's defaults: what a daemon pod carries. */
  readonly tolerations: readonly Toleration[];
  /** Each default toleration and whether it was added, replaced a user one, or already present. */
  readonly defaultTolerations: readonly AppliedDefaultToleration[];
}

const noNode: Node = Object.freeze({});
const noReasons: readonly Reason[] = Object.freeze([]);

/** The one verdict every eligible node shares. */
export const eligibleVerdict: EligibilityVerdict = Object.freeze({
  shouldRun: true,
  shouldContinueRunning: true,
  reasons: noReasons,
});

/**
 * An ineligible verdict whose reasons are built on first read (and then kept); `toJSON` includes them.
 * It describes the node object it was given, so callers treat nodes as immutable (replace, never edit).
 */
class IneligibleVerdict implements EligibilityVerdict {
  readonly shouldRun = false;
  #reasons: readonly Reason[] | null = null;
  readonly #node: Node;
  readonly #ctx: EligibilityContext;

  constructor(
    readonly shouldContinueRunning: boolean,
    node: Node,
    ctx: EligibilityContext,
  ) {
    this.#node = node;
    this.#ctx = ctx;
  }

  get reasons(): readonly Reason[] {
    this.#reasons ??= Object.freeze(explainIneligibility(this.#ctx, this.#node));
    return this.#reasons;
  }

  toJSON(): { shouldRun: boolean; shouldContinueRunning: boolean; reasons: readonly Reason[] } {
    return {
      shouldRun: this.shouldRun,
      shouldContinueRunning: this.shouldContinueRunning,
      reasons: this.reasons,
    };
  }
}

/** A verdict without its reasons: run; do not run but keep a running pod; do not run at all. */
const Outcome = { run: 0, keep: 1, stop: 2 } as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Bad input is expected input: a missing node reads as one with no name, labels or taints. */
function nodeOrEmpty(input: Node): Node {
  return input !== null && typeof input === 'object' ? input : noNode;
}

/** The worst untolerated taint effect on a node; a number, so the fast path builds no list. */
const Untolerated = { none: 0, noSchedule: 1, noExecute: 2 } as const;
type Untolerated = (typeof Untolerated)[keyof typeof Untolerated];

function worstUntolerated(node: Node, tolerations: CompiledTolerations): Untolerated {
  const taints = node.spec?.taints;
  if (!Array.isArray(taints) || taints.length === 0 || tolerations.all) return Untolerated.none;
  let found: Untolerated = Untolerated.none;
  for (const taint of taints) {
    if (taint === null || typeof taint !== 'object') continue;
    const effect = taint.effect;
    if (effect !== 'NoSchedule' && effect !== 'NoExecute') continue;
    if (isTolerated(tolerations, taint)) continue;
    if (effect === 'NoExecute') return Untolerated.noExecute;
    found = Untolerated.noSchedule;
  }
  return found;
}

function contextOf(
  daemonSet: DaemonSet,
  tolerations: readonly Toleration[],
  gates: EligibilityFeatureGates,
): EligibilityContext {
  const spec = daemonSet?.spec?.template?.spec;
  const pinned = spec?.nodeName;
  return {
    target: {
      namespace: asString(daemonSet?.metadata?.namespace) || 'default',
      name: asString(daemonSet?.metadata?.name),
      hasTolerations: Array.isArray(spec?.tolerations) && spec.tolerations.length > 0,
    },
    pinnedNodeName: typeof pinned === 'string' ? pinned : '',
    nodeSelector: compileNodeSelector(spec),
    affinity: compileNodeAffinity(spec),
    tolerations,
    gates,
  };
}

/**
 * Compiles a DaemonSet's placement constraints once; the result evaluates one node at a time.
 * Steps (upstream order): template nodeName, then nodeSelector and required affinity (→ false,false),
 * then NoSchedule/NoExecute taints against template + default tolerations.
 */
export function compileEligibility(
  daemonSet: DaemonSet,
  options: EligibilityOptions = {},
): CompiledEligibility {
  const gates: EligibilityFeatureGates = { ...options.featureGates };
  const merged = mergeDaemonTolerations(daemonSet?.spec?.template?.spec);
  const ctx = contextOf(daemonSet, merged.tolerations, gates);
  const { pinnedNodeName, nodeSelector, affinity } = ctx;
  const tolerations = compileTolerations(merged.tolerations, gates);
  const hasLabelConstraints = nodeSelector.length > 0 || affinity !== null;

  /** The verdict as a number, so the hot path (`shouldRun`, eligible nodes) allocates nothing. */
  const outcomeOf = (node: Node): Outcome => {
    const meta = node.metadata;
    // Read only what this DaemonSet's constraints need: most have no pin, selector or affinity.
    if (pinnedNodeName !== '' && pinnedNodeName !== asString(meta?.name)) return Outcome.stop;
    if (hasLabelConstraints) {
      const labels = asLabels(meta?.labels);
      if (nodeSelector.length > 0 && firstFailingNodeSelectorEntry(nodeSelector, labels) !== -1) return Outcome.stop;
      if (affinity !== null && !affinityMatchesLabels(affinity, labels, asString(meta?.name))) return Outcome.stop;
    }
    const untolerated = worstUntolerated(node, tolerations);
    if (untolerated === Untolerated.none) return Outcome.run;
    // Only an untolerated NoExecute taint evicts; NoSchedule alone lets a running pod stay.
    return untolerated === Untolerated.noSchedule ? Outcome.keep : Outcome.stop;
  };
  const evaluate = (input: Node): EligibilityVerdict => {
    const node = nodeOrEmpty(input);
    const outcome = outcomeOf(node);
    return outcome === Outcome.run ? eligibleVerdict : new IneligibleVerdict(outcome === Outcome.keep, node, ctx);
  };
  return Object.assign(evaluate, {
    shouldRun: (node: Node): boolean => outcomeOf(nodeOrEmpty(node)) === Outcome.run,
    tolerations: Object.freeze(merged.tolerations),
    defaultTolerations: Object.freeze(merged.applied),
  });
}

/**
 * `NodeShouldRunDaemonPod(node, ds)` → `{ shouldRun, shouldContinueRunning, reasons }`, as a plain
 * object with its reasons built (safe to spread or serialise). For many nodes, use `compileEligibility`.
 */
export function nodeShouldRunDaemonPod(
  node: Node,
  daemonSet: DaemonSet,
  options: EligibilityOptions = {},
): EligibilityVerdict {
  const verdict = compileEligibility(daemonSet, options)(node);
  if (verdict.shouldRun) return verdict;
  return { shouldRun: false, shouldContinueRunning: verdict.shouldContinueRunning, reasons: verdict.reasons };
}

function sameLabels(
  a: Readonly<Record<string, string>> | null | undefined,
  b: Readonly<Record<string, string>> | null | undefined,
): boolean {
  const ak = a ? Object.keys(a) : [];
  const bk = b ? Object.keys(b) : [];
  if (ak.length !== bk.length) return false;
  return ak.every((k) => b !== null && b !== undefined && Object.hasOwn(b, k) && b[k] === a?.[k]);
}

function sameTaints(a: readonly Taint[] | null | undefined, b: readonly Taint[] | null | undefined): boolean {
  const at = Array.isArray(a) ? a : [];
  const bt = Array.isArray(b) ? b : [];
  if (at.length !== bt.length) return false;
  return at.every((t, i) => {
    const u = bt[i];
    return u !== undefined && t?.key === u?.key && t?.value === u?.value && t?.effect === u?.effect;
  });
}

/**
 * True when two versions of a node look the same to eligibility: same name, labels and taints
 * (key, value, effect; `timeAdded` aside). Like upstream's `shouldIgnoreNodeUpdate`, a node update
 * that keeps these equal needs no re-evaluation.
 */
export function sameEligibilityInputs(a: Node, b: Node): boolean {
  return (
    (a?.metadata?.name ?? '') === (b?.metadata?.name ?? '') &&
    sameLabels(a?.metadata?.labels, b?.metadata?.labels) &&
    sameTaints(a?.spec?.taints, b?.spec?.taints)
  );
}
