import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonText } from './json-text';

describe('JsonText', () => {
  const plain = new JsonText(() => false);

  it.each([
    ['null', null],
    ['a string with quotes and a newline', 'say "hi"\n\u2028'],
    ['numbers', [0, -1.5, 1e21, 3]],
    ['non-finite numbers become null', [Number.NaN, Number.POSITIVE_INFINITY]],
    ['booleans', [true, false]],
    ['undefined properties are left out', { a: undefined, b: 1, c: undefined }],
    ['undefined array items become null', [undefined, 1]],
    ['integer-like keys come first, as in JSON.stringify', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['nested empty containers', { a: {}, b: [], c: [{}] }],
    ['a pod-shaped object', { metadata: { name: 'p', labels: { app: 'x' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i:1' }] } }],
  ])('writes %s like JSON.stringify', (_label, value) => {
    expect(plain.stringify(value)).toBe(JSON.stringify(value));
  });

  it('writes undefined at the top level as null (a list item is never undefined)', () => {
    expect(plain.stringify(undefined)).toBe('null');
  });

  it('matches JSON.stringify on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(plain.stringify(value)).toBe(JSON.stringify(value));
    }));
  });

  it('reuses the text of an immutable subtree, so the text written first is the text written later', () => {
    const tolerations = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }];
    const shared = new WeakSet<object>([tolerations]);
    const text = new JsonText((value) => shared.has(value));
    const first = text.stringify({ spec: { tolerations } });
    expect(first).toBe(JSON.stringify({ spec: { tolerations } }));
    // The store never mutates a shared subtree; doing so here shows the cached text is what is reused.
    tolerations.push({ key: 'changed', operator: 'Exists' });
    expect(text.stringify({ other: true, spec: { tolerations } })).toBe(`{"other":true,"spec":{"tolerations":${JSON.stringify(tolerations.slice(0, 1))}}}`);
  });

  it('does not cache subtrees that are not shared', () => {
    const labels: Record<string, string> = { app: 'a' };
    const first = plain.stringify({ labels });
    labels.app = 'b';
    expect(plain.stringify({ labels })).not.toBe(first);
  });
});
