import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldRequirementsMatch, parseFieldSelectorString, unescapeFieldValue } from './field-selector';

describe('parseFieldSelectorString', () => {
  it.each([
    ['empty', '', []],
    ['equals', 'metadata.name=x', [{ field: 'metadata.name', op: '=', value: 'x' }]],
    ['double equals becomes =', 'spec.nodeName==y', [{ field: 'spec.nodeName', op: '=', value: 'y' }]],
    ['not equals', 'status.phase!=Running', [{ field: 'status.phase', op: '!=', value: 'Running' }]],
    [
      'several, sorted as upstream sorts terms',
      'spec.nodeName=y,metadata.name=x',
      [
        { field: 'metadata.name', op: '=', value: 'x' },
        { field: 'spec.nodeName', op: '=', value: 'y' },
      ],
    ],
    ['empty value', 'spec.nodeName=', [{ field: 'spec.nodeName', op: '=', value: '' }]],
    [
      'escaped comma and equals',
      'metadata.name=a\\,b\\=c\\\\',
      [{ field: 'metadata.name', op: '=', value: 'a,b=c\\' }],
    ],
    ['empty terms skipped', 'metadata.name=x,', [{ field: 'metadata.name', op: '=', value: 'x' }]],
    ['the first operator splits the term', 'a!=b', [{ field: 'a', op: '!=', value: 'b' }]],
    ['= before != wins', 'a=b!c', [{ field: 'a', op: '=', value: 'b!c' }]],
  ] as const)('%s: %j', (_name, input, want) => {
    expect(parseFieldSelectorString(input)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['no operator', 'metadata.name', /invalid selector: 'metadata.name'; can't understand 'metadata.name'/],
    ['unescaped = in value', 'a=b=c', /unescaped character in value: =/],
    ['unknown escape', 'a=b\\n', /invalid escape sequence: \\n/],
    ['trailing backslash', 'a=b\\', /invalid escape sequence: \\$/],
  ])('rejects %s', (_name, input, message) => {
    const r = parseFieldSelectorString(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab.=!,\\ ') }),
        (s) => typeof parseFieldSelectorString(s).ok === 'boolean',
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => typeof parseFieldSelectorString(s).ok === 'boolean'),
    );
  });

  it('unescapes what it escapes', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        const escaped = v.replaceAll('\\', '\\\\').replaceAll(',', '\\,').replaceAll('=', '\\=');
        expect(unescapeFieldValue(escaped)).toEqual({ ok: true, value: v });
      }),
    );
  });
});

describe('fieldRequirementsMatch', () => {
  const pod = { 'metadata.name': 'p', 'spec.nodeName': 'n1' };
  it.each([
    ['equal holds', 'spec.nodeName=n1', true],
    ['equal fails', 'spec.nodeName=n2', false],
    ['not-equal holds', 'spec.nodeName!=n2', true],
    ['unknown field reads as "" (= fails)', 'status.phase=Running', false],
    ['unknown field reads as "" (!= holds)', 'status.phase!=Running', true],
    ['unknown field equals ""', 'status.phase=', true],
    ['ANDed', 'metadata.name=p,spec.nodeName=n2', false],
    ['empty selects all', '', true],
  ])('%s', (_name, input, want) => {
    const r = parseFieldSelectorString(input);
    if (!r.ok) throw new Error(r.error);
    expect(fieldRequirementsMatch(r.value, pod)).toBe(want);
  });
});
