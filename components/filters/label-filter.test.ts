import { describe, expect, it } from 'vitest';
import { matchesLabelFilter, parseLabelFilter, type LabelTerm } from './label-filter';

const terms = (text: string): LabelTerm[] => {
  const parsed = parseLabelFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.terms;
};

describe('parseLabelFilter', () => {
  it.each([
    ['', []],
    ['  ,  ', []],
    ['role=edge', [{ op: 'equals', key: 'role', value: 'edge' }]],
    ['role==edge', [{ op: 'equals', key: 'role', value: 'edge' }]],
    ['role!=edge', [{ op: 'notEquals', key: 'role', value: 'edge' }]],
    ['node-role.kubernetes.io/control-plane', [{ op: 'exists', key: 'node-role.kubernetes.io/control-plane' }]],
    ['!gpu', [{ op: 'notExists', key: 'gpu' }]],
    ['role=', [{ op: 'equals', key: 'role', value: '' }]],
    [
      ' kubernetes.io/arch = arm64 , zone!=a ',
      [
        { op: 'equals', key: 'kubernetes.io/arch', value: 'arm64' },
        { op: 'notEquals', key: 'zone', value: 'a' },
      ],
    ],
  ])('parses %j', (text, expected) => {
    expect(parseLabelFilter(text)).toEqual({ ok: true, terms: expected });
  });

  it.each([
    ['=edge', 'empty key'],
    ['!', 'empty key'],
    ['bad key=x', 'not a valid label key'],
    ['role=a b', 'not a valid label value'],
    [`role=${'v'.repeat(64)}`, 'not a valid label value'],
    [`${'k'.repeat(64)}`, 'not a valid label key'],
    ['<script>', 'not a valid label key'],
  ])('rejects %j with a reason', (text, reason) => {
    const parsed = parseLabelFilter(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });
});

describe('matchesLabelFilter', () => {
  const labels = { role: 'edge', 'kubernetes.io/arch': 'arm64' };
  it.each([
    ['', labels, true],
    ['role=edge', labels, true],
    ['role=storage', labels, false],
    ['role!=storage', labels, true],
    ['role!=edge', labels, false],
    ['zone!=a', labels, true], // a missing label is not equal to anything, as kubectl says
    ['zone=a', labels, false],
    ['role', labels, true],
    ['zone', labels, false],
    ['!zone', labels, true],
    ['!role', labels, false],
    ['role=edge,kubernetes.io/arch=amd64', labels, false],
    ['role', undefined, false],
    ['!role', undefined, true],
    ['constructor', {}, false],
  ])('%j on %j → %s', (text, nodeLabels, expected) => {
    expect(matchesLabelFilter(nodeLabels, terms(text))).toBe(expected);
  });
});
