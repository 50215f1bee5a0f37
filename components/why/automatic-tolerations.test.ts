import { describe, expect, it } from 'vitest';
import type { Taint } from '@/lib/k8s-types';
import { automaticTolerations } from './automatic-tolerations';

const taint = (key: string, effect: string): Taint => ({ key, effect });

describe('automaticTolerations', () => {
  it.each<[string, Taint[], boolean, string[]]>([
    [
      'not-ready NoExecute is tolerated',
      [taint('node.kubernetes.io/not-ready', 'NoExecute')],
      false,
      ['node.kubernetes.io/not-ready'],
    ],
    [
      'not-ready NoSchedule is not (the node lifecycle controller adds it too)',
      [taint('node.kubernetes.io/not-ready', 'NoSchedule')],
      false,
      [],
    ],
    [
      'unschedulable (cordon) is tolerated',
      [taint('node.kubernetes.io/unschedulable', 'NoSchedule')],
      false,
      ['node.kubernetes.io/unschedulable'],
    ],
    [
      'disk-pressure is tolerated',
      [taint('node.kubernetes.io/disk-pressure', 'NoSchedule')],
      false,
      ['node.kubernetes.io/disk-pressure'],
    ],
    [
      'network-unavailable only for hostNetwork pods',
      [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')],
      false,
      [],
    ],
    [
      'network-unavailable with hostNetwork',
      [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')],
      true,
      ['node.kubernetes.io/network-unavailable'],
    ],
    [
      'PreferNoSchedule never matters',
      [taint('node.kubernetes.io/disk-pressure', 'PreferNoSchedule')],
      false,
      [],
    ],
    ['a custom taint is not tolerated by default', [taint('dedicated', 'NoSchedule')], false, []],
  ])('%s', (_name, taints, hostNetwork, expected) => {
    expect(automaticTolerations(taints, hostNetwork).map((a) => a.toleration.key)).toEqual(expected);
  });

  it('names the taint as kubectl writes it', () => {
    expect(
      automaticTolerations([taint('node.kubernetes.io/unreachable', 'NoExecute')], false)[0]?.taint,
    ).toBe('node.kubernetes.io/unreachable:NoExecute');
  });
});
