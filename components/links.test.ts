import { describe, expect, it } from 'vitest';
import { daemonSetPath, decodeSegment, nodePath } from './links';

describe('links', () => {
  it('escapes every segment', () => {
    expect(daemonSetPath('demo', 'kube-system', 'fluent-bit')).toBe(
      '/c/demo/daemonsets/kube-system/fluent-bit',
    );
    expect(nodePath('prod/eu', 'a b')).toBe('/c/prod%2Feu/nodes/a%20b');
  });

  it.each([
    ['a%20b', 'a b'],
    ['a%2520b', 'a%20b'],
    ['bad%E0', 'bad%E0'],
  ])('decodes %j once, keeping malformed escapes', (segment, expected) => {
    expect(decodeSegment(segment)).toBe(expected);
  });
});
