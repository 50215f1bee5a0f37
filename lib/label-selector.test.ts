import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileRequirement,
  labelSelectorAsSelector,
  labelSelectorMatches,
  newRequirement,
  requirementMatches,
  requirementsToString,
} from './label-selector';

function req(key: string, op: string, values: string[]) {
  const r = newRequirement(key, op, values);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('newRequirement', () => {
  it.each([
    ['in without values', 'a', 'in', [], /values set can't be empty/],
    ['notin without values', 'a', 'notin', [], /values set can't be empty/],
    ['= with two values', 'a', '=', ['x', 'y'], /exact-match compatibility requires one single value/],
    ['exists with values', 'a', 'exists', ['x'], /values set must be empty for exists and does not exist/],
    ['gt with two values', 'a', 'gt', ['1', '2'], /exactly one value is required/],
    ['gt with a non-integer', 'a', 'gt', ['x'], /the value must be an integer/],
    ['gt with -1 (invalid label value)', 'a', 'gt', ['-1'], /values\[0\]: Invalid value: "-1"/],
    ['invalid key', 'a b', 'exists', [], /key: Invalid value: "a b"/],
    ['invalid value among valid', 'a', 'in', ['ok', 'not ok'], /values\[1\]: Invalid value: "not ok"/],
    ['unknown operator', 'a', 'like', ['x'], /operator: Unsupported value: "like"/],
  ])('rejects %s', (_name, key, op, values, message) => {
    const r = newRequirement(key, op, values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('parses the Gt/Lt bound once, leading zeros allowed', () => {
    const r = req('cores', 'gt', ['0204']);
    expect(r.bound).toBe(204n);
    expect(r.safeBound).toBe(204);
  });
});

describe('requirementMatches', () => {
  const labels = { zone: 'a', empty: '', cores: '0206', name: 'x' };
  it.each([
    ['in: value listed', req('zone', 'in', ['a', 'b']), true],
    ['in: value not listed', req('zone', 'in', ['b']), false],
    ['in: label absent', req('missing', 'in', ['a']), false],
    ['notin: label absent', req('missing', 'notin', ['a']), true],
    ['notin: value listed', req('zone', 'notin', ['a']), false],
    ['notin: value not listed', req('zone', 'notin', ['b']), true],
    ['=: equal', req('zone', '=', ['a']), true],
    ['!=: absent', req('missing', '!=', ['a']), true],
    ['exists: empty value counts', req('empty', 'exists', []), true],
    ['exists: absent', req('missing', 'exists', []), false],
    ['!: absent', req('missing', '!', []), true],
    ['!: present with empty value', req('empty', '!', []), false],
    ['gt: 0206 > 0204 (integers, not strings)', req('cores', 'gt', ['0204']), true],
    ['gt: equal is not greater', req('cores', 'gt', ['206']), false],
    ['lt: strictly less', req('cores', 'lt', ['207']), true],
    ['gt: label not an integer', req('name', 'gt', ['1']), false],
    ['gt: label absent', req('missing', 'gt', ['1']), false],
  ])('%s', (_name, r, want) => {
    expect(requirementMatches(r, labels)).toBe(want);
  });

  it('compares 10 > 9 as numbers', () => {
    expect(requirementMatches(req('n', 'gt', ['9']), { n: '10' })).toBe(true);
  });
});

describe('labelSelectorAsSelector (metav1)', () => {
  it.each([
    ['null selects nothing', null, { app: 'x' }, true, false],
    ['undefined selects nothing', undefined, {}, true, false],
    ['{} selects everything', {}, {}, true, true],
    ['matchLabels ANDed', { matchLabels: { a: '1', b: '2' } }, { a: '1', b: '2', c: '3' }, true, true],
    ['matchLabels value differs', { matchLabels: { a: '1' } }, { a: '2' }, true, false],
    [
      'expressions',
      { matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] },
      { a: '2' },
      true,
      true,
    ],
    ['DoesNotExist', { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, true, false],
    [
      'labels and expressions ANDed',
      { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] },
      { a: '1' },
      true,
      false,
    ],
    [
      'Gt is not a label selector operator',
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      {},
      false,
      false,
    ],
    ['invalid matchLabels key', { matchLabels: { 'a b': 'x' } }, {}, false, false],
  ])('%s', (_name, selector, labels, ok, matches) => {
    const parsed = labelSelectorAsSelector(selector);
    expect(parsed.ok).toBe(ok);
    expect(labelSelectorMatches(selector, labels)).toBe(matches);
  });

  it('names the bad operator', () => {
    const parsed = labelSelectorAsSelector({
      matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }],
    });
    expect(parsed.ok ? '' : parsed.error).toContain('"Gt" is not a valid label selector operator');
  });
});

describe('requirementsToString', () => {
  it('prints kubectl -l syntax', () => {
    const rs = [
      req('a', '=', ['b']),
      req('c', 'notin', ['x', 'y']),
      req('d', '!', []),
      req('e', 'exists', []),
      req('f', 'gt', ['3']),
    ];
    expect(requirementsToString(rs)).toBe('a=b,c notin (x,y),!d,e,f>3');
  });
});

describe('compileRequirement', () => {
  it('answers exactly as requirementMatches', () => {
    const key = fc.constantFrom('a', 'b');
    const value = fc.constantFrom('', '1', '01', '7', 'x', '+3');
    const op = fc.constantFrom('in', 'notin', '=', '==', '!=', 'exists', '!', 'gt', 'lt');
    fc.assert(
      fc.property(
        key,
        op,
        fc.array(value, { maxLength: 3 }),
        fc.dictionary(key, value),
        (k, o, vs, labels) => {
          const r = newRequirement(k, o, vs);
          if (!r.ok) return;
          expect(compileRequirement(r.value)(labels)).toBe(requirementMatches(r.value, labels));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
