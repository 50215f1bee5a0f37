import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requirementsToString } from './label-selector';
import { parseLabelSelectorString } from './label-selector-string';

function parsed(input: string) {
  const r = parseLabelSelectorString(input);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('parseLabelSelectorString: what each form selects', () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ['empty selects everything', '', { a: '1' }, true],
    ['whitespace only selects everything', '   ', {}, true],
    ['equality', 'a=b', { a: 'b' }, true],
    ['equality mismatch', 'a=b', { a: 'c' }, false],
    ['double equals', 'a==b', { a: 'b' }, true],
    ['not equals, absent', 'c!=d', {}, true],
    ['not equals, same', 'c!=d', { c: 'd' }, false],
    ['in', 'e in (x,y)', { e: 'y' }, true],
    ['in, absent', 'e in (x,y)', {}, false],
    ['notin', 'f notin (z)', { f: 'y' }, true],
    ['notin, listed', 'f notin (z)', { f: 'z' }, false],
    ['exists', 'g', { g: '' }, true],
    ['exists, absent', 'g', {}, false],
    ['does not exist', '!h', {}, true],
    ['does not exist, present', '!h', { h: 'x' }, false],
    ['gt', 'n>3', { n: '4' }, true],
    ['lt', 'n<3', { n: '4' }, false],
    ['all ANDed', 'a=b,c!=d,e in (x,y),f notin (z),g,!h', { a: 'b', e: 'x', f: 'q', g: '1' }, true],
    [
      'all ANDed, one fails',
      'a=b,c!=d,e in (x,y),f notin (z),g,!h',
      { a: 'b', e: 'x', f: 'q', g: '1', h: '2' },
      false,
    ],
    ['spaces around tokens', ' a = b , e in ( x , y ) ', { a: 'b', e: 'y' }, true],
    ['empty exact value', 'a=', { a: '' }, true],
    ['"in" as a value', 'a=in', { a: 'in' }, true],
    ['"()" means the empty value', 'a in ()', { a: '' }, true],
    ['"(,x)" includes the empty value', 'a in (,x)', { a: '' }, true],
    ['prefixed key', 'kubernetes.io/arch=amd64', { 'kubernetes.io/arch': 'amd64' }, true],
  ];
  it.each(cases)('%s: %j', (_name, input, labels, want) => {
    expect(parsed(input).matches(labels)).toBe(want);
  });
});

describe('parseLabelSelectorString: errors', () => {
  const cases: [string, string, RegExp][] = [
    ['missing value list', 'a in', /expected: '\('/],
    ['unclosed list', 'a in (x', /expected: ',' or '\)'/],
    ['leading comma', ',a', /expected: !, identifier, or 'end of string'/],
    ['trailing comma', 'a=b,', /expected: identifier after ','/],
    ['two values', 'a=b c', /found 'c', expected: ',' or 'end of string'/],
    ['operator without key', '=b', /found '=', expected: !, identifier/],
    ['invalid key', 'a$b=c', /invalid label key "a\$b"/],
    ['invalid value', 'a=-1', /Invalid value: "-1"/],
    ['gt non-integer', 'a>x', /must be an integer/],
    ['bang then operator', '!a=b', /found '=', expected: ',' or 'end of string'/],
    ['in with empty parens then junk', 'a in ()x', /expected: ',' or 'end of string'/],
  ];
  it.each(cases)('%s: %j', (_name, input, message) => {
    const r = parseLabelSelectorString(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^unable to parse requirement: /);
      expect(r.error).toMatch(message);
    }
  });
});

describe('parseLabelSelectorString: properties', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab=!(), <>in\t-_./1') }),
        (s) => typeof parseLabelSelectorString(s).ok === 'boolean',
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => typeof parseLabelSelectorString(s).ok === 'boolean'),
    );
  });

  it('round-trips through requirementsToString', () => {
    const key = fc.stringMatching(/^[a-z]([a-z0-9.-]{0,6}[a-z0-9])?$/);
    const value = fc
      .stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,5}[A-Za-z0-9])?$/)
      .filter((v) => v !== 'in' && v !== 'notin');
    const requirement = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
      fc.tuple(key, value).map(([k, v]) => `${k}!=${v}`),
      fc
        .tuple(key, fc.array(value, { minLength: 1, maxLength: 3 }))
        .map(([k, vs]) => `${k} in (${vs.join(',')})`),
      fc
        .tuple(key, fc.array(value, { minLength: 1, maxLength: 3 }))
        .map(([k, vs]) => `${k} notin (${vs.join(',')})`),
      key,
      key.map((k) => `!${k}`),
    );
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 5 }), fc.dictionary(key, value), (parts, labels) => {
        const first = parsed(parts.join(','));
        const second = parsed(requirementsToString(first.requirements));
        expect(second.requirements).toEqual(first.requirements);
        expect(second.matches(labels)).toBe(first.matches(labels));
      }),
    );
  });
});
