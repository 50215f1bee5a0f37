import { describe, expect, it } from 'vitest';
import type { Taint } from '@/lib/k8s-types';
import { matchesTaintFilter, parseTaintFilter, type TaintMatcher } from './taint-filter';

const matcher = (text: string): TaintMatcher | undefined => {
  const parsed = parseTaintFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.matcher;
};
const taint = (key: string, effect: string, value?: string): Taint => ({
  key,
  effect,
  ...(value === undefined ? {} : { value }),
});

describe('parseTaintFilter', () => {
  it.each([
    ['', undefined],
    ['dedicated', { key: 'dedicated' }],
    ['dedicated=edge', { key: 'dedicated', value: 'edge' }],
    ['dedicated:NoSchedule', { key: 'dedicated', effect: 'NoSchedule' }],
    [
      'node-role.kubernetes.io/control-plane=:NoSchedule',
      { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' },
    ],
  ])('parses %j', (text, expected) => {
    expect(parseTaintFilter(text)).toEqual({ ok: true, matcher: expected });
  });

  it.each([
    ['dedicated:NoRun', 'unknown taint effect'],
    ['=x', 'needs a key'],
    [':NoExecute', 'needs a key'],
  ])('rejects %j', (text, reason) => {
    const parsed = parseTaintFilter(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });
});

describe('matchesTaintFilter', () => {
  const taints = [
    taint('dedicated', 'NoSchedule', 'edge'),
    taint('node.kubernetes.io/not-ready', 'NoExecute'),
  ];
  it.each([
    ['', taints, true],
    ['', undefined, true],
    ['dedicated', taints, true],
    ['dedicated=edge', taints, true],
    ['dedicated=storage', taints, false],
    ['dedicated:NoExecute', taints, false],
    ['node.kubernetes.io/not-ready=:NoExecute', taints, true],
    ['gpu', taints, false],
    ['gpu', null, false],
  ])('%j → %s', (text, nodeTaints, expected) => {
    expect(matchesTaintFilter(nodeTaints, matcher(text))).toBe(expected);
  });
});
