/**
 * Label requirements and selectors as apimachinery's `pkg/labels/selector.go` builds and matches them
 * (`NewRequirement`, `Requirement.Matches`), and metav1's `LabelSelectorAsSelector`.
 */
import type { LabelSelector } from './k8s-types';
import { compareGoInt64, parseGoInt64, toSafeNumber } from './go-int';
import { type Labels, isQualifiedName, isValidLabelValue, labelValue } from './labels';

/** A selection operator, spelled as apimachinery's `selection` package spells it. */
export type SelectionOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One parsed, validated label requirement. */
export interface Requirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  readonly values: readonly string[];
  /** The single value of `gt`/`lt`, parsed once. */
  readonly bound: bigint | null;
  /** `bound` as a Number when exact, for the fast comparison path. */
  readonly safeBound: number | null;
}

/** A result that is either a value or a reason it could not be built. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A compiled label selector: requirements ANDed; `matchesNothing` for upstream's `labels.Nothing()`. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  readonly matchesNothing: boolean;
  matches(labels: Labels): boolean;
}

const selectionOperators: ReadonlySet<string> = new Set([
  'in',
  'notin',
  '=',
  '==',
  '!=',
  'exists',
  '!',
  'gt',
  'lt',
]);

function operatorProblem(operator: SelectionOperator, values: readonly string[]): string | null {
  switch (operator) {
    case 'in':
    case 'notin':
      return values.length === 0 ? "for 'in', 'notin' operators, values set can't be empty" : null;
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? 'exact-match compatibility requires one single value' : null;
    case 'exists':
    case '!':
      return values.length !== 0 ? 'values set must be empty for exists and does not exist' : null;
    case 'gt':
    case 'lt':
      if (values.length !== 1) return "for 'Gt', 'Lt' operators, exactly one value is required";
      return parseGoInt64(values[0] ?? '') === null
        ? "for 'Gt', 'Lt' operators, the value must be an integer"
        : null;
  }
}

/**
 * Upstream's `NewRequirement`: validates the key, the operator's value count and every value,
 * reporting all problems joined by "; ".
 */
export function newRequirement(
  key: string,
  operator: string,
  values: readonly string[],
): Parsed<Requirement> {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
  if (!selectionOperators.has(operator)) {
    errs.push(`operator: Unsupported value: ${JSON.stringify(operator)}`);
  } else {
    const problem = operatorProblem(operator as SelectionOperator, values);
    if (problem !== null) errs.push(`values: Invalid value: ${JSON.stringify(values)}: ${problem}`);
  }
  values.forEach((value, i) => {
    const valueErrs = isValidLabelValue(value);
    if (valueErrs.length > 0)
      errs.push(`values[${i}]: Invalid value: ${JSON.stringify(value)}: ${valueErrs.join('; ')}`);
  });
  if (errs.length > 0) return { ok: false, error: errs.join('; ') };
  const op = operator as SelectionOperator;
  const bound = op === 'gt' || op === 'lt' ? parseGoInt64(values[0] ?? '') : null;
  return {
    ok: true,
    value: {
      key,
      operator: op,
      values: [...values],
      bound,
      safeBound: bound === null ? null : toSafeNumber(bound),
    },
  };
}

/** Upstream's `Requirement.Matches`: does this label set satisfy the requirement? */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const value = labelValue(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'gt':
    case 'lt': {
      if (value === undefined || r.bound === null) return false;
      const order = compareGoInt64(value, r.bound, r.safeBound);
      if (order === null) return false;
      return r.operator === 'gt' ? order > 0 : order < 0;
    }
  }
}

/** A label-set predicate. */
export type LabelTest = (labels: Labels) => boolean;

/**
 * `requirementMatches` specialised for one requirement, for hot loops: the operator switch and the
 * value-list shape are resolved once, leaving one small monomorphic closure per requirement.
 */
export function compileRequirement(r: Requirement): LabelTest {
  const { key, values } = r;
  const single = values.length === 1 ? (values[0] ?? '') : null;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      if (single !== null) return (labels) => labelValue(labels, key) === single;
      return (labels) => {
        const v = labelValue(labels, key);
        return v !== undefined && values.includes(v);
      };
    case 'notin':
    case '!=':
      if (single !== null) return (labels) => labelValue(labels, key) !== single;
      return (labels) => {
        const v = labelValue(labels, key);
        return v === undefined || !values.includes(v);
      };
    case 'exists':
      return (labels) => labelValue(labels, key) !== undefined;
    case '!':
      return (labels) => labelValue(labels, key) === undefined;
    case 'gt':
    case 'lt':
      return (labels) => requirementMatches(r, labels);
  }
}

/** A selector over the given requirements (ANDed); no requirements selects everything. */
export function selectorOf(requirements: readonly Requirement[]): Selector {
  return {
    requirements,
    matchesNothing: false,
    matches: (labels) => requirements.every((r) => requirementMatches(r, labels)),
  };
}

/** Upstream's `labels.Nothing()`: matches no label set. */
export const nothingSelector: Selector = Object.freeze({
  requirements: Object.freeze([]) as readonly Requirement[],
  matchesNothing: true,
  matches: () => false,
});

const labelSelectorOperators: Readonly<Record<string, SelectionOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1's `LabelSelectorAsSelector`: null/undefined selects nothing, `{}` selects everything,
 * otherwise matchLabels (each validated as `key=value`) and matchExpressions ANDed.
 */
export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): Parsed<Selector> {
  if (selector === null || selector === undefined) return { ok: true, value: nothingSelector };
  if (typeof selector !== 'object') return { ok: false, error: 'label selector must be an object' };
  const requirements: Requirement[] = [];
  const matchLabels =
    typeof selector.matchLabels === 'object' && selector.matchLabels !== null ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    const r = newRequirement(key, '=', [String(value)]);
    if (!r.ok) return { ok: false, error: `matchLabels: ${r.error}` };
    requirements.push(r.value);
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const [i, expr] of expressions.entries()) {
    const op = labelSelectorOperators[String(expr?.operator ?? '')];
    if (op === undefined) {
      return {
        ok: false,
        error: `matchExpressions[${i}]: ${JSON.stringify(expr?.operator ?? '')} is not a valid label selector operator`,
      };
    }
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const r = newRequirement(String(expr.key ?? ''), op, values);
    if (!r.ok) return { ok: false, error: `matchExpressions[${i}]: ${r.error}` };
    requirements.push(r.value);
  }
  return { ok: true, value: selectorOf(requirements) };
}

/** True when `selector` (metav1 form) matches `labels`; a selector that fails to parse matches nothing. */
export function labelSelectorMatches(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  const parsed = labelSelectorAsSelector(selector);
  return parsed.ok && parsed.value.matches(labels);
}

/** The selector in kubectl's `-l` syntax (`a=b,c in (x,y),!d`); the empty string selects everything. */
export function requirementsToString(requirements: readonly Requirement[]): string {
  return requirements
    .map((r) => {
      switch (r.operator) {
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${r.values.join(',')})`;
        case 'gt':
          return `${r.key}>${r.values[0] ?? ''}`;
        case 'lt':
          return `${r.key}<${r.values[0] ?? ''}`;
        default:
          return `${r.key}${r.operator}${r.values[0] ?? ''}`;
      }
    })
    .join(',');
}
