import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from './k8s-types';
import { taint } from './eligibility-test-builders';
import { compileTolerations, formatTaint, isTolerated, toleratesTaint, untoleratedTaints } from './taints';

const gateOn = { TaintTolerationComparisonOperators: true };

describe('toleratesTaint (ToleratesTaint)', () => {
  const cases: [string, Toleration, Taint, boolean][] = [
    [
      'Exists, same key and effect, no value',
      { key: 'k', operator: 'Exists', effect: 'NoSchedule' },
      taint('k', '', 'NoSchedule'),
      true,
    ],
    [
      'Exists ignores the value',
      { key: 'k', operator: 'Exists', value: 'zzz', effect: 'NoSchedule' },
      taint('k', 'v', 'NoSchedule'),
      true,
    ],
    [
      'Equal, same value',
      { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
      taint('k', 'v', 'NoSchedule'),
      true,
    ],
    [
      'Equal, different value',
      { key: 'k', operator: 'Equal', value: 'v1', effect: 'NoSchedule' },
      taint('k', 'v2', 'NoSchedule'),
      false,
    ],
    [
      'operator omitted means Equal',
      { key: 'k', value: 'v', effect: 'NoSchedule' },
      taint('k', 'v', 'NoSchedule'),
      true,
    ],
    [
      'Equal with empty value matches only a valueless taint',
      { key: 'k', operator: 'Equal' },
      taint('k', '', 'NoExecute'),
      true,
    ],
    [
      'Equal with empty value vs valued taint',
      { key: 'k', operator: 'Equal' },
      taint('k', 'v', 'NoExecute'),
      false,
    ],
    [
      'different effect',
      { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
      taint('k', 'v', 'NoExecute'),
      false,
    ],
    [
      'empty effect matches every effect',
      { key: 'k', operator: 'Exists' },
      taint('k', '', 'NoExecute'),
      true,
    ],
    ['different key', { key: 'a', operator: 'Exists' }, taint('b', '', 'NoSchedule'), false],
    [
      'empty key + Exists tolerates everything',
      { operator: 'Exists' },
      taint('any', 'thing', 'NoExecute'),
      true,
    ],
    ['unknown operator never', { key: 'k', operator: 'exists' }, taint('k', '', 'NoSchedule'), false],
    [
      'Gt without the gate never',
      { key: 'k', operator: 'Gt', value: '1' },
      taint('k', '5', 'NoSchedule'),
      false,
    ],
    [
      'tolerationSeconds plays no part',
      { key: 'k', operator: 'Exists', tolerationSeconds: 0 },
      taint('k', '', 'NoExecute'),
      true,
    ],
  ];
  it.each(cases)('%s', (_name, tol, t, want) => {
    expect(toleratesTaint(tol, t)).toBe(want);
    expect(isTolerated(compileTolerations([tol]), t)).toBe(want);
  });
});

describe('Lt/Gt tolerations behind TaintTolerationComparisonOperators', () => {
  const cases: [string, string, string, string, boolean][] = [
    ['Gt: taint greater than toleration', 'Gt', '5', '10', true],
    ['Gt: equal is not greater', 'Gt', '5', '5', false],
    ['Lt: taint less than toleration', 'Lt', '5', '3', true],
    ['Lt: taint greater', 'Lt', '5', '7', false],
    ['negative values are fine', 'Lt', '0', '-3', true],
    ['leading zero in toleration is not canonical', 'Gt', '05', '10', false],
    ['leading zero in taint is not canonical', 'Gt', '5', '010', false],
    ['plus sign is not canonical', 'Gt', '+5', '10', false],
    ['-0 is not canonical', 'Lt', '1', '-0', false],
    ['non-numeric taint', 'Gt', '5', 'high', false],
    ['beyond int64', 'Lt', '9223372036854775808', '1', false],
  ];
  it.each(cases)('%s', (_name, operator, tolValue, taintValue, want) => {
    const tol = { key: 'k', operator, value: tolValue };
    const t = taint('k', taintValue, 'NoSchedule');
    expect(toleratesTaint(tol, t, gateOn)).toBe(want);
    expect(isTolerated(compileTolerations([tol], gateOn), t)).toBe(want);
    expect(toleratesTaint(tol, t)).toBe(false);
  });
});

describe('untoleratedTaints', () => {
  it('ignores PreferNoSchedule and keeps node order', () => {
    const taints = [
      taint('a', '', 'PreferNoSchedule'),
      taint('b', '', 'NoExecute'),
      taint('c', 'x', 'NoSchedule'),
      taint('d', '', 'NoSchedule'),
    ];
    const result = untoleratedTaints(taints, [{ key: 'd', operator: 'Exists' }]);
    expect(result.map(formatTaint)).toEqual(['b:NoExecute', 'c=x:NoSchedule']);
  });

  it('handles absent and malformed taint lists', () => {
    expect(untoleratedTaints(undefined, [])).toEqual([]);
    expect(untoleratedTaints(null, [])).toEqual([]);
    expect(untoleratedTaints([null as unknown as Taint], [])).toEqual([]);
  });
});

describe('properties', () => {
  const word = fc.constantFrom('', 'a', 'b', 'k', '1', '5', '05', '-3', '10');
  const effect = fc.constantFrom('', 'NoSchedule', 'NoExecute', 'PreferNoSchedule');
  const operator = fc.constantFrom(undefined, '', 'Equal', 'Exists', 'Lt', 'Gt', 'Bogus');
  const tolerationArb = fc.record({ key: word, operator, value: word, effect }, { requiredKeys: [] });
  const taintArb = fc.record({ key: word, value: word, effect });

  it('an {operator: Exists} toleration tolerates every taint', () => {
    fc.assert(
      fc.property(taintArb, fc.boolean(), (t, gate) => {
        expect(toleratesTaint({ operator: 'Exists' }, t, { TaintTolerationComparisonOperators: gate })).toBe(
          true,
        );
        expect(untoleratedTaints([t], [{ operator: 'Exists' }])).toEqual([]);
      }),
    );
  });

  it('compiled tolerations answer as toleratesTaint over the list', () => {
    fc.assert(
      fc.property(fc.array(tolerationArb, { maxLength: 4 }), taintArb, fc.boolean(), (tols, t, gate) => {
        const gates = { TaintTolerationComparisonOperators: gate };
        expect(isTolerated(compileTolerations(tols, gates), t)).toBe(
          tols.some((tol) => toleratesTaint(tol, t, gates)),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatTaint', () => {
  it.each([
    [taint('dedicated', 'edge', 'NoSchedule'), 'dedicated=edge:NoSchedule'],
    [taint('node.kubernetes.io/not-ready', '', 'NoExecute'), 'node.kubernetes.io/not-ready:NoExecute'],
  ])('%j → %s', (t, want) => {
    expect(formatTaint(t)).toBe(want);
  });
});
