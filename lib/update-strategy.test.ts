import { describe, expect, it } from 'vitest';
import type { DaemonSet, DaemonSetUpdateStrategy, IntOrString } from './k8s-types';
import { fieldErrorText } from './field-errors';
import { defaultDaemonSetUpdateStrategy, resolveRollingUpdate, validateDaemonSetUpdateStrategy } from './update-strategy';

const PERCENT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const RU = 'spec.updateStrategy.rollingUpdate';

function rolling(maxUnavailable?: IntOrString | null, maxSurge?: IntOrString | null): DaemonSetUpdateStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } };
}

function daemonSet(updateStrategy?: DaemonSetUpdateStrategy): DaemonSet {
  return { metadata: { name: 'agent' }, spec: { updateStrategy } };
}

describe('defaultDaemonSetUpdateStrategy', () => {
  it.each([
    { name: 'nothing set', input: undefined, expected: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
    { name: 'empty type', input: { type: '' }, expected: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } },
    { name: 'surge only', input: rolling(undefined, 2), expected: rolling(1, 2) },
    { name: 'OnDelete untouched', input: { type: 'OnDelete' }, expected: { type: 'OnDelete' } },
  ])('$name', ({ input, expected }) => {
    expect(defaultDaemonSetUpdateStrategy(input)).toEqual(expected);
  });
});

describe('validateDaemonSetUpdateStrategy', () => {
  it.each([
    { name: 'defaults', strategy: rolling(1, 0), texts: [] },
    { name: 'surge with maxUnavailable 0', strategy: rolling(0, '25%'), texts: [] },
    { name: 'OnDelete', strategy: { type: 'OnDelete' }, texts: [] },
    { name: 'both non-zero', strategy: rolling(1, 1), texts: [`${RU}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`] },
    { name: 'both zero', strategy: rolling(0, 0), texts: [`${RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`] },
    { name: 'both 0%', strategy: rolling('0%', '0%'), texts: [`${RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`] },
    {
      name: 'negative int',
      strategy: rolling(-1, 0),
      texts: [`${RU}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`],
    },
    {
      name: 'string without %',
      strategy: rolling('abc', 0),
      texts: [`${RU}.maxUnavailable: Invalid value: abc: ${PERCENT}`, `${RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
    },
    {
      name: 'plain number string counts as non-zero',
      strategy: rolling('5', 1),
      texts: [`${RU}.maxUnavailable: Invalid value: 5: ${PERCENT}`, `${RU}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`],
    },
    {
      name: 'over 100%',
      strategy: rolling('150%', 0),
      texts: [`${RU}.maxUnavailable: Invalid value: 150%: must not be greater than 100%`],
    },
    { name: 'fraction', strategy: rolling(1.5, 0), texts: [`${RU}.maxUnavailable: Invalid value: 1.5: must be an integer or percentage (e.g '5%%')`] },
    { name: 'rollingUpdate missing', strategy: { type: 'RollingUpdate' }, texts: ['spec.updateStrategy.rollingUpdate: Required value'] },
    {
      name: 'unknown type',
      strategy: { type: 'Bogus' },
      texts: [
        'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Bogus", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
      ],
    },
  ])('$name', ({ strategy, texts }) => {
    expect(validateDaemonSetUpdateStrategy(strategy).map(fieldErrorText)).toEqual(texts);
  });

  it('reports types and fields as upstream classifies them', () => {
    expect(validateDaemonSetUpdateStrategy(rolling(0, 0))).toEqual([
      { field: `${RU}.maxUnavailable`, type: 'Required', message: 'cannot be 0 when maxSurge is 0' },
    ]);
    expect(validateDaemonSetUpdateStrategy({ type: 'X' })[0]?.type).toBe('NotSupported');
  });
});

describe('resolveRollingUpdate', () => {
  it.each([
    { name: 'OnDelete has no budgets', strategy: { type: 'OnDelete' }, desired: 5, expected: { maxSurge: 0, maxUnavailable: 0 } },
    { name: 'unset strategy defaults to 1 unavailable', strategy: undefined, desired: 5, expected: { maxSurge: 0, maxUnavailable: 1 } },
    { name: 'percent rounds up', strategy: rolling('30%', 0), desired: 5, expected: { maxSurge: 0, maxUnavailable: 2 } },
    { name: 'surge percent', strategy: rolling(0, '10%'), desired: 21, expected: { maxSurge: 3, maxUnavailable: 0 } },
    { name: 'both zero → 1', strategy: rolling(0, 0), desired: 3, expected: { maxSurge: 0, maxUnavailable: 1 } },
    { name: 'both zero with no nodes stays 0', strategy: rolling(0, 0), desired: 0, expected: { maxSurge: 0, maxUnavailable: 0 } },
  ])('$name', ({ strategy, desired, expected }) => {
    expect(resolveRollingUpdate(daemonSet(strategy), desired)).toEqual(expected);
  });

  it('throws upstream text for a malformed value', () => {
    expect(() => resolveRollingUpdate(daemonSet(rolling('two', 0)), 3)).toThrow('invalid type: string is not a percentage');
  });
});
