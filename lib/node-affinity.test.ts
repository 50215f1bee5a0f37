import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm, PodSpec } from './k8s-types';
import { expr, makeNode, requiredAffinity } from './eligibility-test-builders';
import {
  compileNodeAffinity,
  compileNodeSelector,
  firstFailingExpression,
  firstFailingNodeSelectorEntry,
  nodeAffinityMatches,
} from './node-affinity';

const node = makeNode({
  name: 'node-a',
  labels: { zone: 'z1', cores: '0206', empty: '', 'metadata.name': 'label-name' },
});

function matches(terms: NodeSelectorTerm[] | null, n = node): boolean {
  return nodeAffinityMatches(compileNodeAffinity(requiredAffinity(terms) as PodSpec), n);
}

describe('required node affinity: presence', () => {
  it.each([
    ['no affinity', {}],
    ['affinity without nodeAffinity', { affinity: {} }],
    ['nodeAffinity without required', { affinity: { nodeAffinity: {} } }],
    [
      'required null',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null } } },
    ],
  ] as [string, PodSpec][])('%s matches every node', (_name, spec) => {
    expect(compileNodeAffinity(spec)).toBeNull();
    expect(nodeAffinityMatches(compileNodeAffinity(spec), node)).toBe(true);
  });

  it.each([
    ['nodeSelectorTerms: []', []],
    ['nodeSelectorTerms: null', null],
    ['only an empty term', [{}]],
    ['only terms with empty lists', [{ matchExpressions: [], matchFields: [] }, { matchExpressions: null }]],
  ] as [string, NodeSelectorTerm[] | null][])('%s matches no node', (_name, terms) => {
    expect(matches(terms)).toBe(false);
  });
});

describe('required node affinity: terms and expressions', () => {
  const cases: [string, NodeSelectorTerm[], boolean][] = [
    ['In matches', [{ matchExpressions: [expr('zone', 'In', ['z1', 'z2'])] }], true],
    ['In misses', [{ matchExpressions: [expr('zone', 'In', ['z2'])] }], false],
    ['NotIn with label absent matches', [{ matchExpressions: [expr('gpu', 'NotIn', ['x'])] }], true],
    ['Exists on empty value', [{ matchExpressions: [expr('empty', 'Exists')] }], true],
    ['DoesNotExist on empty value', [{ matchExpressions: [expr('empty', 'DoesNotExist')] }], false],
    ['Gt with leading zeros', [{ matchExpressions: [expr('cores', 'Gt', ['0204'])] }], true],
    ['Lt equal fails', [{ matchExpressions: [expr('cores', 'Lt', ['206'])] }], false],
    [
      'expressions ANDed',
      [{ matchExpressions: [expr('zone', 'In', ['z1']), expr('cores', 'Gt', ['300'])] }],
      false,
    ],
    [
      'terms ORed',
      [
        { matchExpressions: [expr('zone', 'In', ['z9'])] },
        { matchExpressions: [expr('zone', 'In', ['z1'])] },
      ],
      true,
    ],
    ['empty term dropped, next matches', [{}, { matchExpressions: [expr('zone', 'Exists')] }], true],
    ['matchFields name In', [{ matchFields: [expr('metadata.name', 'In', ['node-a'])] }], true],
    ['matchFields name In other', [{ matchFields: [expr('metadata.name', 'In', ['node-b'])] }], false],
    ['matchFields name NotIn self', [{ matchFields: [expr('metadata.name', 'NotIn', ['node-a'])] }], false],
    [
      'matchFields with two values is invalid',
      [{ matchFields: [expr('metadata.name', 'In', ['node-a', 'node-b'])] }],
      false,
    ],
    ['matchFields Exists is invalid', [{ matchFields: [expr('metadata.name', 'Exists')] }], false],
    [
      'matchFields unknown field reads ""',
      [{ matchFields: [expr('spec.unschedulable', 'NotIn', ['true'])] }],
      true,
    ],
    [
      'matchExpressions on metadata.name reads the label',
      [{ matchExpressions: [expr('metadata.name', 'In', ['node-a'])] }],
      false,
    ],
    [
      'labels and fields ANDed in a term',
      [{ matchExpressions: [expr('zone', 'In', ['z1'])], matchFields: [expr('metadata.name', 'In', ['x'])] }],
      false,
    ],
    [
      'lazy error: invalid term skipped, valid term matches',
      [{ matchExpressions: [expr('zone', 'In', [])] }, { matchExpressions: [expr('zone', 'In', ['z1'])] }],
      true,
    ],
    [
      'invalid value voids the term even beside a match',
      [{ matchExpressions: [expr('zone', 'In', ['z1', 'bad value'])] }],
      false,
    ],
    ['Gt -1 is an invalid label value', [{ matchExpressions: [expr('cores', 'Gt', ['-1'])] }], false],
    ['Gt with two values is invalid', [{ matchExpressions: [expr('cores', 'Gt', ['1', '2'])] }], false],
    ['unknown operator voids the term', [{ matchExpressions: [expr('zone', 'in', ['z1'])] }], false],
    ['Exists with values voids the term', [{ matchExpressions: [expr('zone', 'Exists', ['z1'])] }], false],
    ['invalid key voids the term', [{ matchExpressions: [expr('bad key', 'Exists')] }], false],
  ];
  it.each(cases)('%s', (_name, terms, want) => {
    expect(matches(terms)).toBe(want);
  });

  it('skips matchFields for a node without a name, as upstream (its field set is empty)', () => {
    const anonymous = makeNode({ name: '', labels: { zone: 'z1' } });
    expect(matches([{ matchFields: [expr('metadata.name', 'In', ['x'])] }], anonymous)).toBe(true);
  });

  it('keeps parse errors per term with the expression they came from', () => {
    const compiled = compileNodeAffinity(
      requiredAffinity([
        { matchExpressions: [expr('zone', 'In', ['z1']), expr('x', 'Gt', ['-1'])] },
      ]) as PodSpec,
    );
    const term = compiled?.terms[0];
    expect(term?.errors).toHaveLength(1);
    expect(term?.errors[0]).toMatchObject({
      list: 'matchExpressions',
      index: 1,
      source: { key: 'x', operator: 'Gt' },
    });
    expect(term?.errors[0]?.message).toMatch(/Invalid value: "-1"/);
  });

  it('reports the first failing expression of a term', () => {
    const compiled = compileNodeAffinity(
      requiredAffinity([
        { matchExpressions: [expr('zone', 'In', ['z1']), expr('cores', 'Lt', ['5']), expr('gpu', 'Exists')] },
      ]) as PodSpec,
    );
    const term = compiled?.terms[0];
    if (term === undefined) throw new Error('no term');
    expect(firstFailingExpression(term, node.metadata?.labels, 'node-a')?.index).toBe(1);
  });

  it('tolerates malformed shapes without throwing', () => {
    const weird = {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [null, 'x', { matchExpressions: 'no' }],
          },
        },
      },
    };
    expect(
      matches(
        weird.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
          .nodeSelectorTerms as unknown as NodeSelectorTerm[],
      ),
    ).toBe(false);
    const nullExpr = [{ matchExpressions: [null as unknown as ReturnType<typeof expr>] }];
    expect(matches(nullExpr)).toBe(false);
  });
});

describe('nodeSelector map', () => {
  const labels = { a: '1', e: '' };
  it.each([
    ['absent map', undefined, -1],
    ['empty map', {}, -1],
    ['all present', { a: '1', e: '' }, -1],
    ['value mismatch', { a: '2' }, 0],
    ['empty value needs the label', { missing: '' }, 0],
    ['second entry fails', { a: '1', b: 'x' }, 1],
    ['no validation on this path', { 'not a key': 'not a value' }, 0],
  ] as const)('%s', (_name, nodeSelector, want) => {
    expect(firstFailingNodeSelectorEntry(compileNodeSelector({ nodeSelector }), labels)).toBe(want);
  });
});
