/**
 * Plain-words descriptions of node-affinity expressions and the label edit that satisfies one,
 * for eligibility reasons.
 */
import type { LabelChange } from './eligibility-fix';
import { parseGoInt64 } from './go-int';
import type { Requirement } from './label-selector';
import type { FieldExpression } from './node-affinity';

const int64Max = 2n ** 63n - 1n;

const list = (values: readonly string[]): string =>
  `[${values.map((v) => (v === '' ? '""' : v)).join(', ')}]`;

function actualWords(key: string, actual: string | null): string {
  if (actual === null) return `the node has no label ${key} (absent)`;
  return `the node has ${key}=${actual === '' ? '"" (empty)' : actual}`;
}

/** "wants zone in [a, b], but the node has zone=c" and the like, for one failing label requirement. */
export function describeExpression(r: Requirement, actual: string | null): string {
  const has = actualWords(r.key, actual);
  const bound = r.values[0] ?? '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return `wants label ${r.key} in ${list(r.values)}, but ${has}`;
    case 'notin':
    case '!=':
      return `wants label ${r.key} absent or not in ${list(r.values)}, but ${has}`;
    case 'exists':
      return `wants label ${r.key} to exist (any value), but ${has}`;
    case '!':
      return `wants label ${r.key} to be absent, but ${has}`;
    case 'gt':
    case 'lt': {
      const notInt = actual !== null && parseGoInt64(actual) === null ? ', which is not an integer' : '';
      return `wants label ${r.key} ${r.operator === 'gt' ? '>' : '<'} ${bound}, but ${has}${notInt}`;
    }
  }
}

/** "wants the node name to be x, but it is y" for one failing matchFields entry. */
export function describeFieldExpression(f: FieldExpression, nodeName: string): string {
  if (f.field !== 'metadata.name') {
    return `matchFields ${f.field} ${f.op === '=' ? 'In' : 'NotIn'} [${f.value}] reads a field nodes do not have (only metadata.name is supported)`;
  }
  return f.op === '='
    ? `wants the node named ${f.value}, but this node is ${nodeName}`
    : `excludes the node named ${f.value}, which is this node`;
}

/** The label edit that satisfies `r` on its own, or null when no valid label value can. */
export function labelChangeFor(r: Requirement): LabelChange | null {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return [r.key, r.values[0] ?? ''];
    case 'notin':
    case '!=':
    case '!':
      return [r.key, null];
    case 'exists':
      return [r.key, ''];
    case 'gt': {
      // Label values cannot start with '-', so the smallest usable value is at least 0.
      if (r.bound === null || r.bound >= int64Max) return null;
      const wanted = r.bound + 1n;
      return [r.key, (wanted < 0n ? 0n : wanted).toString()];
    }
    case 'lt':
      if (r.bound === null || r.bound <= 0n) return null;
      return [r.key, (r.bound - 1n).toString()];
  }
}
