/**
 * Fixes for ineligible nodes: the smallest change that admits the node, as YAML to apply and, where
 * one exists, the kubectl command that makes the same change.
 */
import type { NodeSelectorRequirement, Taint, Toleration } from './k8s-types';
import type { Fix } from './eligibility-types';
import { isLabelValue } from './labels';
import { formatTaint } from './taints';

/** Which DaemonSet a fix edits, and whether its template already lists tolerations. */
export interface FixTarget {
  readonly namespace: string;
  readonly name: string;
  readonly hasTolerations: boolean;
}

const plainScalar = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const reservedWords = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'y', 'n']);

/** A YAML scalar: plain when unambiguous, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string): string {
  return plainScalar.test(value) && !reservedWords.has(value.toLowerCase()) ? value : JSON.stringify(value);
}

const shellSafe = /^[A-Za-z0-9_./:=@%+-]+$/;

/** A word for a POSIX shell: bare when safe, else single-quoted. */
export function shellWord(word: string): string {
  return shellSafe.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function kubectlDaemonSet(target: FixTarget): string {
  return `kubectl -n ${shellWord(target.namespace)} patch daemonset ${shellWord(target.name)}`;
}

/** The toleration that tolerates exactly this taint: Equal on its value, Exists when it has none. */
export function tolerationFor(taint: Taint): Toleration {
  const key = taint.key ?? '';
  const value = taint.value ?? '';
  const effect = taint.effect ?? '';
  if (key === '') return { operator: 'Exists', effect };
  return value === '' ? { key, operator: 'Exists', effect } : { key, operator: 'Equal', value, effect };
}

function tolerationYaml(toleration: Toleration): string {
  const lines: string[] = [];
  for (const field of ['key', 'operator', 'value', 'effect'] as const) {
    const v = toleration[field];
    if (v !== undefined) lines.push(`${lines.length === 0 ? '- ' : '  '}${field}: ${yamlScalar(v)}`);
  }
  return `tolerations:\n${lines.join('\n')}`;
}

/** Add a toleration for `taint` to the DaemonSet's pod template. */
export function taintFix(taint: Taint, target: FixTarget): Fix {
  const toleration = tolerationFor(taint);
  // JSON patch: append when the list exists, create it otherwise ("-" fails on a missing array).
  const op = target.hasTolerations
    ? { op: 'add', path: '/spec/template/spec/tolerations/-', value: toleration }
    : { op: 'add', path: '/spec/template/spec/tolerations', value: [toleration] };
  return {
    description: `Add a toleration for ${formatTaint(taint)} to the DaemonSet's pod template (spec.template.spec.tolerations).`,
    yaml: tolerationYaml(toleration),
    command: `${kubectlDaemonSet(target)} --type=json -p ${shellWord(JSON.stringify([op]))}`,
  };
}

/** A label change: set `key` to a value, or remove it (null). */
export type LabelChange = readonly [key: string, value: string | null];

/** Label the node so that the listed changes hold. */
export function labelFix(nodeName: string, changes: readonly LabelChange[], overwrite: boolean): Fix {
  const args = changes.map(([key, value]) => shellWord(value === null ? `${key}-` : `${key}=${value}`));
  const yamlLines = changes.map(
    ([key, value]) => `    ${yamlScalar(key)}: ${value === null ? 'null' : yamlScalar(value)}`,
  );
  const words = changes.map(([key, value]) => {
    if (value === null) return `remove label ${key}`;
    return value === '' ? `set label ${key} (an empty value will do)` : `set label ${key}=${value}`;
  });
  return {
    description: `On node ${nodeName}, ${words.join(' and ')}.`,
    yaml: `metadata:\n  labels:\n${yamlLines.join('\n')}`,
    command: `kubectl label node ${shellWord(nodeName)} ${args.join(' ')}${overwrite ? ' --overwrite' : ''}`,
  };
}

function mergePatchFix(target: FixTarget, description: string, yaml: string, patch: unknown): Fix {
  return {
    description,
    yaml,
    command: `${kubectlDaemonSet(target)} --type=merge -p ${shellWord(JSON.stringify(patch))}`,
  };
}

/** Drop a nodeSelector entry no label can satisfy (an invalid key or value). */
export function removeNodeSelectorEntryFix(key: string, target: FixTarget): Fix {
  const yaml = `spec:\n  template:\n    spec:\n      nodeSelector:\n        ${yamlScalar(key)}: null`;
  const patch = { spec: { template: { spec: { nodeSelector: { [key]: null } } } } };
  return mergePatchFix(
    target,
    `No valid node label can be ${key}; remove this entry from the DaemonSet's nodeSelector.`,
    yaml,
    patch,
  );
}

/** Unpin the pod template from one node by removing `spec.template.spec.nodeName`. */
export function removeNodeNameFix(pinned: string, target: FixTarget): Fix {
  const yaml = 'spec:\n  template:\n    spec:\n      nodeName: null';
  const patch = { spec: { template: { spec: { nodeName: null } } } };
  return mergePatchFix(
    target,
    `Remove spec.template.spec.nodeName (it pins every pod of the DaemonSet to ${pinned}).`,
    yaml,
    patch,
  );
}

/**
 * Add a required-affinity term selecting this node by name. Terms are ORed, so this admits the node
 * whatever the other terms say; for constraints no node label can satisfy.
 */
export function addNameTermFix(nodeName: string, why: string): Fix {
  const yaml = [
    'affinity:',
    '  nodeAffinity:',
    '    requiredDuringSchedulingIgnoredDuringExecution:',
    '      nodeSelectorTerms:',
    '      - matchFields:',
    '        - key: metadata.name',
    '          operator: In',
    '          values:',
    `          - ${yamlScalar(nodeName)}`,
  ].join('\n');
  return {
    description: `${why} Add a nodeSelectorTerms entry (spec.template.spec) that selects node ${nodeName} by name; terms are ORed.`,
    yaml,
  };
}

function expressionYaml(expression: NodeSelectorRequirement): string {
  const lines = [
    `- key: ${yamlScalar(String(expression.key ?? ''))}`,
    `  operator: ${yamlScalar(String(expression.operator ?? ''))}`,
  ];
  if (Array.isArray(expression.values)) {
    lines.push(expression.values.length === 0 ? '  values: []' : '  values:');
    for (const v of expression.values) lines.push(`  - ${yamlScalar(String(v))}`);
  }
  return lines.join('\n');
}

const operatorsByList = {
  matchExpressions: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  matchFields: ['In', 'NotIn'],
} as const;

/** A likely correction for common mistakes (operator case, stray values, invalid list entries), or null. */
export function correctExpression(
  list: 'matchExpressions' | 'matchFields',
  expression: NodeSelectorRequirement,
): { expression: NodeSelectorRequirement; change: string } | null {
  const operator = String(expression.operator ?? '');
  const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
  const known: readonly string[] = operatorsByList[list];
  if (!known.includes(operator)) {
    const fixed = known.find((op) => op.toLowerCase() === operator.toLowerCase());
    return fixed === undefined
      ? null
      : { expression: { ...expression, operator: fixed }, change: `operator ${fixed}, not ${operator}` };
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    const { values: _dropped, ...rest } = expression;
    return { expression: rest, change: `no values with ${operator}` };
  }
  if (list === 'matchExpressions' && (operator === 'In' || operator === 'NotIn')) {
    const valid = values.filter(isLabelValue);
    if (valid.length > 0 && valid.length < values.length) {
      return { expression: { ...expression, values: valid }, change: 'only valid label values in the list' };
    }
  }
  return null;
}

/** Correct an expression that does not parse; the YAML shows a likely correction, or the expression as written. */
export function invalidExpressionFix(
  path: string,
  list: 'matchExpressions' | 'matchFields',
  expression: NodeSelectorRequirement,
  error: string,
): Fix {
  const correction = correctExpression(list, expression);
  if (correction !== null) {
    return {
      description: `Correct ${path} in the DaemonSet's required node affinity (${correction.change}): ${error}. Until then the whole term never matches.`,
      yaml: `# ${path}, corrected:\n${expressionYaml(correction.expression)}`,
    };
  }
  return {
    description: `Correct ${path} in the DaemonSet's required node affinity: ${error}. Until then the whole term never matches.`,
    yaml: `# ${path}, invalid as written:\n${expressionYaml(expression)}`,
  };
}
