/**
 * The shapes `nodeShouldRunDaemonPod` returns: a verdict and, when the node is not eligible, one
 * Reason per failing constraint, each with the smallest change that would admit the node.
 */
import type { NodeSelectorRequirement } from './k8s-types';

/** A change that admits the node: what to do, the YAML to apply, and (when there is one) the kubectl command that does it. */
export interface Fix {
  readonly description: string;
  /** A fragment of the object to change (a merge-patch shape; `null` removes a field). */
  readonly yaml: string;
  readonly command?: string;
}

interface ReasonBase {
  /** Plain words for an operator, naming the taint or label and the node's actual value. */
  readonly message: string;
  /** True when this constraint alone lets an already running pod stay (an untolerated NoSchedule taint). */
  readonly podMayKeepRunning: boolean;
  readonly fix: Fix;
}

/** An untolerated NoSchedule or NoExecute taint. */
export interface TaintReason extends ReasonBase {
  readonly kind: 'taint';
  readonly taint: { readonly key: string; readonly value: string; readonly effect: string };
}

/** A `spec.nodeSelector` entry the node's labels do not satisfy. */
export interface NodeSelectorReason extends ReasonBase {
  readonly kind: 'nodeSelector';
  readonly key: string;
  /** Always `=`: a nodeSelector entry requires the label with exactly this value. */
  readonly operator: '=';
  readonly values: readonly [string];
  /** The node's value for `key`, or null when the label is absent. */
  readonly actual: string | null;
}

/** Required node affinity, term `termIndex`, fails at one expression. */
export interface NodeAffinityMismatchReason extends ReasonBase {
  readonly kind: 'nodeAffinity';
  readonly problem: 'mismatch';
  readonly termIndex: number;
  readonly list: 'matchExpressions' | 'matchFields';
  readonly expressionIndex: number;
  readonly expression: NodeSelectorRequirement;
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  /** The node's label value (matchExpressions) or name (matchFields); null when the label is absent. */
  readonly actual: string | null;
}

/** Required node affinity, term `termIndex`, does not parse and so never matches. */
export interface NodeAffinityInvalidReason extends ReasonBase {
  readonly kind: 'nodeAffinity';
  readonly problem: 'invalid';
  readonly termIndex: number;
  readonly list: 'matchExpressions' | 'matchFields';
  readonly expressionIndex: number;
  readonly expression: NodeSelectorRequirement;
  readonly error: string;
}

/** Required node affinity is present but has no non-empty term, so it matches no node. */
export interface NodeAffinityNoTermsReason extends ReasonBase {
  readonly kind: 'nodeAffinity';
  readonly problem: 'noTerms';
  readonly declaredTerms: number;
}

/** Any required-node-affinity reason. */
export type NodeAffinityReason =
  NodeAffinityMismatchReason | NodeAffinityInvalidReason | NodeAffinityNoTermsReason;

/** The pod template pins `spec.nodeName` to another node. */
export interface NodeNameReason extends ReasonBase {
  readonly kind: 'nodeName';
  readonly wanted: string;
  readonly actual: string;
}

/** Why a DaemonSet does not run on a node; discriminated on `kind`. */
export type Reason = TaintReason | NodeSelectorReason | NodeAffinityReason | NodeNameReason;

/** Upstream's `(shouldRun, shouldContinueRunning)` plus the reasons; `reasons` is empty exactly when `shouldRun`. */
export interface EligibilityVerdict {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
  readonly reasons: readonly Reason[];
}
