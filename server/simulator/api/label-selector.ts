import 'server-only';
import { type LabelSelector } from '@/lib/k8s-types';
import { badRequest } from './status-error';

/** One parsed requirement of a label selector (`apimachinery pkg/labels/selector.go Requirement`). */
export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';
  values: string[];
}

/** True when every requirement matches the labels (an empty list matches everything). */
export function matchesRequirements(requirements: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  return requirements.every((req) => matchesRequirement(req, labels ?? {}));
}

function matchesRequirement(req: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case '=':
    case 'in':
      return has && value !== undefined && req.values.includes(value);
    case '!=':
    case 'notin':
      return !has || value === undefined || !req.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || value === undefined || !/^[+-]?\d+$/.test(value)) return false;
      const bound = Number(req.values[0]);
      return req.operator === 'gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

/** Converts a wire LabelSelector to requirements; a malformed one yields an error message instead. */
export function requirementsFromSelector(selector: LabelSelector): LabelRequirement[] | string {
  const requirements: LabelRequirement[] = Object.entries(selector.matchLabels ?? {})
    .map(([key, value]) => ({ key, operator: '=' as const, values: [String(value)] }));
  for (const expr of selector.matchExpressions ?? []) {
    const operator = String(expr.operator ?? '');
    const values = (expr.values ?? []).map(String);
    const key = String(expr.key ?? '');
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) return `values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`;
      requirements.push({ key, operator: operator === 'In' ? 'in' : 'notin', values });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) return `values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`;
      requirements.push({ key, operator: operator === 'Exists' ? 'exists' : '!', values: [] });
    } else {
      return `operator: Unsupported value: "${operator}": supported values: "In", "NotIn", "Exists", "DoesNotExist"`;
    }
  }
  return requirements;
}

/**
 * Parses a `labelSelector` query parameter (`app=x,tier!=web,env in (a,b),!legacy,gpu`), the grammar of
 * apimachinery's `labels.Parse`. Throws a 400 StoreError on bad syntax.
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    requirements.push(parseRequirement(trimmed, text));
  }
  return requirements;
}

function parseRequirement(part: string, whole: string): LabelRequirement {
  const setMatch = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (setMatch) {
    const values = (setMatch[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: setMatch[1] ?? '', operator: setMatch[2] === 'in' ? 'in' : 'notin', values };
  }
  const opMatch = /^([^\s!=<>()]+)\s*(==|=|!=|>|<)\s*([^\s!=<>(),]*)$/.exec(part);
  if (opMatch) {
    const op = opMatch[2];
    const operator = op === '!=' ? '!=' : op === '>' ? 'gt' : op === '<' ? 'lt' : '=';
    return { key: opMatch[1] ?? '', operator, values: [opMatch[3] ?? ''] };
  }
  const notExists = /^!\s*([^\s!=<>(),]+)$/.exec(part);
  if (notExists) return { key: notExists[1] ?? '', operator: '!', values: [] };
  if (/^[^\s!=<>(),]+$/.test(part)) return { key: part, operator: 'exists', values: [] };
  throw badRequest(`unable to parse requirement: found '${part}', expected: identifier (in selector "${whole}")`);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** kubectl's rendering of a LabelSelector (`metav1.FormatLabelSelector`): `app=x,k in (a,b)` or `<none>`. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  if (!selector) return '<none>';
  const parts = Object.keys(selector.matchLabels ?? {}).sort()
    .map((key) => `${key}=${selector.matchLabels?.[key] ?? ''}`);
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort().join(',');
    switch (expr.operator) {
      case 'In': parts.push(`${expr.key} in (${values})`); break;
      case 'NotIn': parts.push(`${expr.key} notin (${values})`); break;
      case 'Exists': parts.push(`${expr.key ?? ''}`); break;
      case 'DoesNotExist': parts.push(`!${expr.key ?? ''}`); break;
      default: parts.push(`${expr.key} ${expr.operator} (${values})`);
    }
  }
  const text = parts.join(',');
  return text === '' ? '<none>' : text;
}
