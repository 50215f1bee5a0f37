/**
 * Builds the Reasons for an ineligible node: one per failing constraint, in plain words, each with a
 * fix. Only runs on the slow path (a node that is not eligible, and only when someone asks why).
 */
import type { Node, Toleration } from './k8s-types';
import type {
  NodeAffinityReason,
  NodeNameReason,
  NodeSelectorReason,
  Reason,
  TaintReason,
} from './eligibility-types';
import {
  type FixTarget,
  type LabelChange,
  addNameTermFix,
  invalidExpressionFix,
  labelFix,
  removeNodeNameFix,
  removeNodeSelectorEntryFix,
  taintFix,
} from './eligibility-fix';
import { asLabels, asString, isLabelKey, isLabelValue, labelValue } from './labels';
import { requirementMatches } from './label-selector';
import {
  type CompiledNodeAffinity,
  type CompiledNodeSelector,
  type CompiledTerm,
  fieldExpressionMatches,
  firstFailingExpression,
  termMatches,
} from './node-affinity';
import { type EligibilityFeatureGates, formatTaint, untoleratedTaints } from './taints';
import { describeExpression, describeFieldExpression, labelChangeFor } from './affinity-words';

/** Everything compiled once per DaemonSet that explanations need. */
export interface EligibilityContext {
  readonly target: FixTarget;
  readonly pinnedNodeName: string;
  readonly nodeSelector: CompiledNodeSelector;
  readonly affinity: CompiledNodeAffinity | null;
  readonly tolerations: readonly Toleration[];
  readonly gates: EligibilityFeatureGates;
}

const shown = (value: string): string => (value === '' ? '"" (empty)' : value);

function nodeNameReason(ctx: EligibilityContext, nodeName: string): NodeNameReason {
  return {
    kind: 'nodeName',
    message: `The pod template sets spec.nodeName to ${ctx.pinnedNodeName}, so its pod runs only there, not on node ${nodeName}.`,
    podMayKeepRunning: false,
    wanted: ctx.pinnedNodeName,
    actual: nodeName,
    fix: removeNodeNameFix(ctx.pinnedNodeName, ctx.target),
  };
}

function nodeSelectorReasons(ctx: EligibilityContext, node: Node, nodeName: string): NodeSelectorReason[] {
  const labels = asLabels(node.metadata?.labels);
  const reasons: NodeSelectorReason[] = [];
  for (const [key, wanted] of ctx.nodeSelector) {
    const actual = labelValue(labels, key) ?? null;
    if (actual === wanted) continue;
    const has = actual === null ? `label ${key} is absent` : `${key} is ${shown(actual)}`;
    const fixable = isLabelKey(key) && isLabelValue(wanted);
    reasons.push({
      kind: 'nodeSelector',
      message: `nodeSelector wants label ${key}=${shown(wanted)}, but on node ${nodeName} ${has}.`,
      podMayKeepRunning: false,
      key,
      operator: '=',
      values: [wanted],
      actual,
      fix: fixable
        ? labelFix(nodeName, [[key, wanted]], actual !== null)
        : removeNodeSelectorEntryFix(key, ctx.target),
    });
  }
  return reasons;
}

/** The smallest label edit making `term` match, or null when labels cannot (matchFields, impossible bounds, conflicts). */
function termLabelChanges(term: CompiledTerm, node: Node, nodeName: string): LabelChange[] | null {
  const labels = asLabels(node.metadata?.labels) ?? {};
  if (nodeName !== '' && term.fields.some((f) => !fieldExpressionMatches(f, nodeName))) return null;
  // One change per key, each judged against the labels as the earlier changes left them: two
  // expressions on the same key must not produce a patch that names the key twice.
  const changes = new Map<string, string | null>();
  const after: Record<string, string> = { ...labels };
  for (const expr of term.labels) {
    if (requirementMatches(expr.requirement, after)) continue;
    const change = labelChangeFor(expr.requirement);
    if (change === null) return null;
    const [key, value] = change;
    changes.set(key, value);
    if (value === null) delete after[key];
    else after[key] = value;
  }
  return termMatches(term, after, nodeName) ? [...changes] : null;
}

function affinityTermReason(
  ctx: EligibilityContext,
  term: CompiledTerm,
  node: Node,
  nodeName: string,
): NodeAffinityReason | null {
  const where = `required node affinity nodeSelectorTerms[${term.index}]`;
  const error = term.errors[0];
  if (error !== undefined) {
    const path = `nodeSelectorTerms[${term.index}].${error.list}[${error.index}]`;
    const all = term.errors.map((e) => `${e.list}[${e.index}]: ${e.message}`).join('; ');
    return {
      kind: 'nodeAffinity',
      problem: 'invalid',
      message: `The ${where} is invalid, so it never matches: ${all}.`,
      podMayKeepRunning: false,
      termIndex: term.index,
      list: error.list,
      expressionIndex: error.index,
      expression: error.source,
      error: error.message,
      fix: invalidExpressionFix(path, error.list, error.source, error.message),
    };
  }
  const labels = asLabels(node.metadata?.labels);
  const failing = firstFailingExpression(term, labels, nodeName);
  if (failing === null) return null;
  const isField = 'field' in failing;
  const actual = isField ? nodeName : (labelValue(labels, failing.requirement.key) ?? null);
  const words = isField
    ? describeFieldExpression(failing, nodeName)
    : describeExpression(failing.requirement, actual);
  const changes = termLabelChanges(term, node, nodeName);
  const overwrite =
    changes?.some(([key, value]) => value !== null && labelValue(labels, key) !== undefined) ?? false;
  return {
    kind: 'nodeAffinity',
    problem: 'mismatch',
    message: `The ${where} is not met on node ${nodeName}: ${words}.`,
    podMayKeepRunning: false,
    termIndex: term.index,
    list: isField ? 'matchFields' : 'matchExpressions',
    expressionIndex: failing.index,
    expression: failing.source,
    key: isField ? failing.field : failing.requirement.key,
    operator: String(failing.source.operator ?? ''),
    values: isField ? [failing.value] : failing.requirement.values,
    actual,
    fix:
      changes !== null
        ? labelFix(nodeName, changes, overwrite)
        : addNameTermFix(nodeName, 'No node label change satisfies this term.'),
  };
}

function nodeAffinityReasons(ctx: EligibilityContext, node: Node, nodeName: string): NodeAffinityReason[] {
  const affinity = ctx.affinity;
  if (affinity === null) return [];
  if (affinity.terms.length === 0) {
    return [
      {
        kind: 'nodeAffinity',
        problem: 'noTerms',
        message: `The required node affinity has no non-empty nodeSelectorTerms (${affinity.declaredTerms} listed), so it matches no node.`,
        podMayKeepRunning: false,
        declaredTerms: affinity.declaredTerms,
        fix: addNameTermFix(nodeName, 'An affinity without terms selects nothing.'),
      },
    ];
  }
  const reasons: NodeAffinityReason[] = [];
  for (const term of affinity.terms) {
    const reason = affinityTermReason(ctx, term, node, nodeName);
    // A matching term means the affinity as a whole matches: nothing to explain.
    if (reason === null) return [];
    reasons.push(reason);
  }
  return reasons;
}

function taintReasons(ctx: EligibilityContext, node: Node, nodeName: string): TaintReason[] {
  return untoleratedTaints(node.spec?.taints, ctx.tolerations, ctx.gates).map((t) => {
    const taint = { key: String(t.key ?? ''), value: String(t.value ?? ''), effect: String(t.effect ?? '') };
    const keeps = taint.effect !== 'NoExecute';
    const effect = keeps
      ? 'no new pod is placed there (a pod already running stays)'
      : 'a pod running there is evicted';
    return {
      kind: 'taint',
      message: `Node ${nodeName} has taint ${formatTaint(taint)}, which the DaemonSet does not tolerate: ${effect}.`,
      podMayKeepRunning: keeps,
      taint,
      fix: taintFix(taint, ctx.target),
    };
  });
}

/** Every failing constraint of `node`, in the order upstream checks them: nodeName, nodeSelector, affinity, taints. */
export function explainIneligibility(ctx: EligibilityContext, node: Node): Reason[] {
  const nodeName = asString(node.metadata?.name);
  const reasons: Reason[] = [];
  if (ctx.pinnedNodeName !== '' && ctx.pinnedNodeName !== nodeName)
    reasons.push(nodeNameReason(ctx, nodeName));
  reasons.push(...nodeSelectorReasons(ctx, node, nodeName));
  reasons.push(...nodeAffinityReasons(ctx, node, nodeName));
  reasons.push(...taintReasons(ctx, node, nodeName));
  return reasons;
}
