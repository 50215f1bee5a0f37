import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  correctExpression,
  labelFix,
  shellWord,
  taintFix,
  tolerationFor,
  yamlScalar,
} from './eligibility-fix';
import { nodeShouldRunDaemonPod } from './eligibility';
import { expr, makeDaemonSet, makeNode, requiredAffinity } from './eligibility-test-builders';

describe('yamlScalar', () => {
  it.each([
    ['plain word', 'edge', 'edge'],
    [
      'key with slash and dots',
      'node-role.kubernetes.io/control-plane',
      'node-role.kubernetes.io/control-plane',
    ],
    ['empty', '', '""'],
    ['number-looking', '10', '"10"'],
    ['boolean word', 'true', '"true"'],
    ['YAML 1.1 boolean', 'Yes', '"Yes"'],
    ['null word', 'null', '"null"'],
    ['leading dash', '-1', '"-1"'],
    ['colon and space', 'a: b', '"a: b"'],
    ['quote', 'say "hi"', '"say \\"hi\\""'],
  ])('%s', (_name, input, want) => {
    expect(yamlScalar(input)).toBe(want);
    expect(parseYaml(`k: ${yamlScalar(input)}`)).toEqual({ k: input });
  });
});

describe('shellWord', () => {
  it.each([
    ['safe', 'zone=z1', 'zone=z1'],
    ['removal', 'gpu-', 'gpu-'],
    ['space', 'a b', "'a b'"],
    ['single quote', "it's", "'it'\\''s'"],
    ['json', '{"a":1}', `'{"a":1}'`],
  ])('%s', (_name, input, want) => {
    expect(shellWord(input)).toBe(want);
  });
});

describe('tolerationFor', () => {
  it.each([
    [
      'valued taint → Equal',
      { key: 'k', value: 'v', effect: 'NoSchedule' },
      { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
    ],
    [
      'valueless taint → Exists',
      { key: 'k', effect: 'NoExecute' },
      { key: 'k', operator: 'Exists', effect: 'NoExecute' },
    ],
    [
      'keyless taint → Exists on the effect',
      { effect: 'NoSchedule' },
      { operator: 'Exists', effect: 'NoSchedule' },
    ],
  ])('%s', (_name, t, want) => {
    expect(tolerationFor(t)).toEqual(want);
  });
});

describe('fix rendering', () => {
  const target = { namespace: 'kube-system', name: 'fluent-bit', hasTolerations: true };

  it('renders a toleration fix whose YAML parses and whose JSON patch appends', () => {
    const fix = taintFix({ key: 'tier', value: '10', effect: 'NoSchedule' }, target);
    expect(parseYaml(fix.yaml)).toEqual({
      tolerations: [{ key: 'tier', operator: 'Equal', value: '10', effect: 'NoSchedule' }],
    });
    expect(fix.command).toBe(
      `kubectl -n kube-system patch daemonset fluent-bit --type=json -p '[{"op":"add","path":"/spec/template/spec/tolerations/-","value":{"key":"tier","operator":"Equal","value":"10","effect":"NoSchedule"}}]'`,
    );
    expect(
      taintFix({ key: 'k', effect: 'NoSchedule' }, { ...target, hasTolerations: false }).command,
    ).toContain('"path":"/spec/template/spec/tolerations","value":[');
  });

  it('renders a label fix with set and remove', () => {
    const fix = labelFix(
      'node-1',
      [
        ['zone', 'z1'],
        ['gpu', null],
        ['edge', ''],
      ],
      true,
    );
    expect(fix.command).toBe('kubectl label node node-1 zone=z1 gpu- edge= --overwrite');
    expect(parseYaml(fix.yaml)).toEqual({ metadata: { labels: { zone: 'z1', gpu: null, edge: '' } } });
    expect(fix.description).toBe(
      'On node node-1, set label zone=z1 and remove label gpu and set label edge (an empty value will do).',
    );
  });
});

describe('correctExpression', () => {
  it.each([
    [
      'operator case',
      'matchExpressions',
      { key: 'z', operator: 'in', values: ['a'] },
      { key: 'z', operator: 'In', values: ['a'] },
    ],
    [
      'field operator case',
      'matchFields',
      { key: 'metadata.name', operator: 'notin', values: ['a'] },
      { key: 'metadata.name', operator: 'NotIn', values: ['a'] },
    ],
    [
      'Exists with values',
      'matchExpressions',
      { key: 'z', operator: 'Exists', values: ['a'] },
      { key: 'z', operator: 'Exists' },
    ],
    [
      'invalid value beside valid ones',
      'matchExpressions',
      { key: 'z', operator: 'In', values: ['a', 'b c'] },
      { key: 'z', operator: 'In', values: ['a'] },
    ],
    ['unknown operator', 'matchExpressions', { key: 'z', operator: 'Like', values: ['a'] }, null],
    [
      'Gt is not a field operator',
      'matchFields',
      { key: 'metadata.name', operator: 'Gt', values: ['1'] },
      null,
    ],
    ['empty In list', 'matchExpressions', { key: 'z', operator: 'In', values: [] }, null],
  ] as const)('%s', (_name, list, input, want) => {
    expect(correctExpression(list, { ...input, values: [...input.values] })?.expression ?? null).toEqual(
      want,
    );
  });
});

describe('label fixes for affinity terms', () => {
  it('names each label once when several expressions of a term test the same key', () => {
    const ds = makeDaemonSet(
      requiredAffinity([{ matchExpressions: [expr('disk', 'Exists'), expr('disk', 'In', ['ssd'])] }]),
    );
    const node = makeNode({ name: 'n1', labels: {} });
    const [reason] = nodeShouldRunDaemonPod(node, ds).reasons;
    expect(reason?.fix.command).toBe('kubectl label node n1 disk=ssd');
    const patch = parseYaml(reason?.fix.yaml ?? '') as { metadata: { labels: Record<string, string> } };
    expect(patch.metadata.labels).toEqual({ disk: 'ssd' });
    const fixed = makeNode({ name: 'n1', labels: patch.metadata.labels });
    expect(nodeShouldRunDaemonPod(fixed, ds).shouldRun).toBe(true);
  });
});
