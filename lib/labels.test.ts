import { describe, expect, it } from 'vitest';
import {
  isDNS1123Subdomain,
  isLabelKey,
  isLabelValue,
  isQualifiedName,
  isValidLabelValue,
  labelValue,
} from './labels';

describe('isQualifiedName (label keys)', () => {
  const valid = [
    'a',
    'app',
    'A1',
    'my.name',
    '123-abc',
    'kubernetes.io/arch',
    'node-role.kubernetes.io/control-plane',
    'a_b.c-d',
    'x'.repeat(63),
    `${'a'.repeat(253)}/name`,
  ];
  it.each(valid)('accepts %s', (key) => {
    expect(isQualifiedName(key)).toEqual([]);
    expect(isLabelKey(key)).toBe(true);
  });

  const invalid: [string, string, RegExp][] = [
    ['empty', '', /name part must be non-empty/],
    ['empty prefix', '/name', /prefix part must be non-empty/],
    ['empty name after prefix', 'example.com/', /name part must be non-empty/],
    ['two slashes', 'a/b/c', /a qualified name must consist of .* with an optional DNS subdomain prefix/],
    ['name too long', 'x'.repeat(64), /name part must be no more than 63 characters/],
    ['leading dash', '-abc', /name part must consist of alphanumeric characters/],
    ['trailing dot', 'abc.', /name part must consist of alphanumeric/],
    ['space', 'a b', /name part must consist/],
    ['uppercase prefix', 'Example.com/a', /prefix part a lowercase RFC 1123 subdomain/],
    ['prefix too long', `${'a'.repeat(254)}/n`, /prefix part must be no more than 253 characters/],
    ['underscore prefix', 'my_co/a', /prefix part a lowercase RFC 1123 subdomain/],
  ];
  it.each(invalid)('rejects %s', (_name, key, message) => {
    const errs = isQualifiedName(key);
    expect(errs.join('\n')).toMatch(message);
    expect(isLabelKey(key)).toBe(false);
  });
});

describe('isDNS1123Subdomain', () => {
  it.each([
    ['example.com', true],
    ['a', true],
    ['a-b.c', true],
    ['-a', false],
    ['a..b', false],
    ['A', false],
  ])('%s → %s', (value, ok) => {
    expect(isDNS1123Subdomain(value).length === 0).toBe(ok);
  });
});

describe('isValidLabelValue', () => {
  it.each([
    ['empty is allowed', '', true],
    ['plain', 'production', true],
    ['digits', '0206', true],
    ['inner symbols', 'a-b_c.d', true],
    ['63 chars', 'v'.repeat(63), true],
    ['64 chars', 'v'.repeat(64), false],
    ['leading dash (so "-1" is invalid)', '-1', false],
    ['trailing underscore', 'a_', false],
    ['space', 'a b', false],
    ['colon', 'a:b', false],
    ['slash', 'a/b', false],
  ])('%s', (_name, value, ok) => {
    expect(isValidLabelValue(value).length === 0).toBe(ok);
    expect(isLabelValue(value)).toBe(ok);
  });

  it('says why in upstream words', () => {
    expect(isValidLabelValue('v'.repeat(64))).toContain('must be no more than 63 characters');
    expect(isValidLabelValue('-1').join()).toMatch(/a valid label must be an empty string/);
  });
});

describe('labelValue', () => {
  it.each([
    ['present', { a: 'x' }, 'a', 'x'],
    ['empty value is present', { a: '' }, 'a', ''],
    ['absent', { a: 'x' }, 'b', undefined],
    ['null labels', null, 'a', undefined],
    ['undefined labels', undefined, 'a', undefined],
    ['prototype members are not labels', {}, 'toString', undefined],
    ['constructor is not a label', {}, 'constructor', undefined],
  ] as const)('%s', (_name, labels, key, want) => {
    expect(labelValue(labels, key)).toBe(want);
  });

  it('sees a JSON-parsed "__proto__" label as an own property', () => {
    const labels = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(labelValue(labels, '__proto__')).toBe('x');
  });
});
