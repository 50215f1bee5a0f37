/**
 * A pod's `nodeSelector` map and required node affinity, compiled once and matched against nodes as
 * component-helpers' `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)` does (§1.2 of
 * k8s-semantics.md), with enough structure kept to say which expression failed.
 */
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from './k8s-types';
import {
  type LabelTest,
  type Requirement,
  type SelectionOperator,
  compileRequirement,
  newRequirement,
  requirementMatches,
} from './label-selector';
import { type Labels, asLabels, asString, labelValue } from './labels';

/** A matchExpressions entry that parsed: it tests a node label. */
export interface LabelExpression {
  readonly index: number;
  readonly source: NodeSelectorRequirement;
  readonly requirement: Requirement;
}

/** A matchFields entry that parsed: `metadata.name` (or another field, which reads as "") `=`/`!=` one value. */
export interface FieldExpression {
  readonly index: number;
  readonly source: NodeSelectorRequirement;
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Where an expression sits in its term. */
export type ExpressionList = 'matchExpressions' | 'matchFields';

/** Why one expression of a term did not parse (the whole term is then skipped, as upstream's lazy errors). */
export interface ExpressionError {
  readonly list: ExpressionList;
  readonly index: number;
  readonly source: NodeSelectorRequirement;
  readonly message: string;
}

/** One non-empty nodeSelectorTerm, parsed; `index` is its position in the original list. */
export interface CompiledTerm {
  readonly index: number;
  /** The term's label expressions ANDed, as specialised closures (empty when the term has errors). */
  readonly labelTests: readonly LabelTest[];
  readonly source: NodeSelectorTerm;
  readonly labels: readonly LabelExpression[];
  readonly fields: readonly FieldExpression[];
  readonly errors: readonly ExpressionError[];
}

/** Required node affinity, compiled; `terms` excludes empty terms (upstream drops them). */
export interface CompiledNodeAffinity {
  readonly terms: readonly CompiledTerm[];
  /** How many terms the spec listed, empty ones included (for messages). */
  readonly declaredTerms: number;
}

/** `spec.nodeSelector` as `[key, value]` pairs. */
export type CompiledNodeSelector = readonly (readonly [string, string])[];

const nodeSelectorOperators: Readonly<Record<string, SelectionOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

function asValues(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String) : [];
}

function asList(list: unknown): NodeSelectorRequirement[] {
  return Array.isArray(list) ? (list as NodeSelectorRequirement[]) : [];
}

function parseLabelExpression(
  source: NodeSelectorRequirement,
  index: number,
): LabelExpression | ExpressionError {
  const operator = String(source?.operator ?? '');
  const op = nodeSelectorOperators[operator];
  if (op === undefined) {
    const message = `operator: Unsupported value: ${JSON.stringify(operator)}: supported values: "DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"`;
    return { list: 'matchExpressions', index, source, message };
  }
  const parsed = newRequirement(String(source.key ?? ''), op, asValues(source.values));
  if (!parsed.ok) return { list: 'matchExpressions', index, source, message: parsed.error };
  return { index, source, requirement: parsed.value };
}

function parseFieldExpression(
  source: NodeSelectorRequirement,
  index: number,
): FieldExpression | ExpressionError {
  const operator = String(source?.operator ?? '');
  if (operator !== 'In' && operator !== 'NotIn') {
    const message = `operator: Unsupported value: ${JSON.stringify(operator)}: supported values: "In", "NotIn"`;
    return { list: 'matchFields', index, source, message };
  }
  const values = asValues(source.values);
  if (values.length !== 1) {
    return {
      list: 'matchFields',
      index,
      source,
      message: `values: Invalid value: ${JSON.stringify(values)}: must have one element`,
    };
  }
  return {
    index,
    source,
    field: String(source.key ?? ''),
    op: operator === 'In' ? '=' : '!=',
    value: values[0] ?? '',
  };
}

function isError<T extends object>(x: T | ExpressionError): x is ExpressionError {
  return 'message' in x;
}

/** Upstream's `newNodeSelectorTerm`: parse every expression, collecting errors instead of failing. */
function compileTerm(source: NodeSelectorTerm, index: number): CompiledTerm {
  const labels: LabelExpression[] = [];
  const fields: FieldExpression[] = [];
  const errors: ExpressionError[] = [];
  asList(source.matchExpressions).forEach((expr, i) => {
    const parsed = parseLabelExpression(expr, i);
    if (isError(parsed)) errors.push(parsed);
    else labels.push(parsed);
  });
  asList(source.matchFields).forEach((expr, i) => {
    const parsed = parseFieldExpression(expr, i);
    if (isError(parsed)) errors.push(parsed);
    else fields.push(parsed);
  });
  const labelTests = errors.length > 0 ? [] : labels.map((l) => compileRequirement(l.requirement));
  return { index, source, labelTests, labels, fields, errors };
}

/**
 * Compiles `requiredDuringSchedulingIgnoredDuringExecution`; null when absent (matches every node).
 * Terms with neither matchExpressions nor matchFields are dropped, as upstream's `isEmptyNodeSelectorTerm`.
 */
export function compileNodeAffinity(spec: PodSpec | null | undefined): CompiledNodeAffinity | null {
  const required: NodeSelector | null | undefined =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === null || required === undefined || typeof required !== 'object') return null;
  const declared = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  const terms: CompiledTerm[] = [];
  declared.forEach((term, index) => {
    if (term === null || typeof term !== 'object') return;
    if (asList(term.matchExpressions).length === 0 && asList(term.matchFields).length === 0) return;
    terms.push(compileTerm(term, index));
  });
  return { terms, declaredTerms: declared.length };
}

/** Compiles `spec.nodeSelector` (no validation happens on this path upstream). */
export function compileNodeSelector(spec: PodSpec | null | undefined): CompiledNodeSelector {
  const selector = spec?.nodeSelector;
  if (selector === null || selector === undefined || typeof selector !== 'object') return [];
  return Object.entries(selector).map(([key, value]) => [key, String(value)] as const);
}

/** The first `nodeSelector` entry the node's labels fail, or -1. */
export function firstFailingNodeSelectorEntry(selector: CompiledNodeSelector, labels: Labels): number {
  for (let i = 0; i < selector.length; i += 1) {
    const entry = selector[i];
    if (entry !== undefined && labelValue(labels, entry[0]) !== entry[1]) return i;
  }
  return -1;
}

/** One matchFields entry against the node's field set, which upstream builds from `metadata.name` alone. */
export function fieldExpressionMatches(expr: FieldExpression, nodeName: string): boolean {
  const actual = expr.field === 'metadata.name' ? nodeName : '';
  return expr.op === '=' ? actual === expr.value : actual !== expr.value;
}

/** The first failing expression of a parsed term, or null when the term matches the node. */
export function firstFailingExpression(
  term: CompiledTerm,
  labels: Labels,
  nodeName: string,
): LabelExpression | FieldExpression | null {
  for (const expr of term.labels) {
    if (!requirementMatches(expr.requirement, labels)) return expr;
  }
  // Upstream skips matchFields when the node has no name (its field set is empty).
  if (nodeName === '') return null;
  for (const expr of term.fields) {
    if (!fieldExpressionMatches(expr, nodeName)) return expr;
  }
  return null;
}

/** Upstream's `nodeSelectorTerm.match`: a term with parse errors never matches. */
export function termMatches(term: CompiledTerm, labels: Labels, nodeName: string): boolean {
  if (term.errors.length > 0) return false;
  const tests = term.labelTests;
  for (let i = 0; i < tests.length; i += 1) {
    const test = tests[i];
    if (test !== undefined && !test(labels)) return false;
  }
  // Upstream skips matchFields when the node has no name (its field set is empty).
  if (nodeName === '') return true;
  for (const expr of term.fields) {
    if (!fieldExpressionMatches(expr, nodeName)) return false;
  }
  return true;
}

/** Upstream's `LazyErrorNodeSelector.Match`: terms ORed; null affinity matches every node. */
export function nodeAffinityMatches(affinity: CompiledNodeAffinity | null, node: Node): boolean {
  return affinityMatchesLabels(affinity, asLabels(node?.metadata?.labels), asString(node?.metadata?.name));
}

/** `nodeAffinityMatches` for a node already read into its labels and name (the hot path). */
export function affinityMatchesLabels(
  affinity: CompiledNodeAffinity | null,
  labels: Labels,
  name: string,
): boolean {
  if (affinity === null) return true;
  for (const term of affinity.terms) {
    if (termMatches(term, labels, name)) return true;
  }
  return false;
}
