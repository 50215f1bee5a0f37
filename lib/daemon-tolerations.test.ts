import { describe, expect, it } from 'vitest';
import type { PodSpec, Toleration } from './k8s-types';
import {
  addDaemonPodTolerations,
  addOrUpdateToleration,
  defaultDaemonTolerations,
  mergeDaemonTolerations,
} from './daemon-tolerations';

const notReady: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' };

describe('defaultDaemonTolerations', () => {
  it('adds six tolerations, in upstream order, forever (no tolerationSeconds)', () => {
    expect(defaultDaemonTolerations({})).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('adds network-unavailable only for hostNetwork pods', () => {
    expect(defaultDaemonTolerations({ hostNetwork: true }).at(-1)).toEqual({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    expect(defaultDaemonTolerations({ hostNetwork: false })).toHaveLength(6);
  });
});

describe('addOrUpdateToleration (AddOrUpdateTolerationInPodSpec)', () => {
  const cases: [string, Toleration[], Toleration[], string][] = [
    ['appended when absent', [], [notReady], 'added'],
    ['kept when deep-equal', [{ ...notReady }], [notReady], 'present'],
    [
      'replaced, dropping tolerationSeconds',
      [{ ...notReady, tolerationSeconds: 300 }],
      [notReady],
      'replaced',
    ],
    [
      'null tolerationSeconds counts as equal',
      [{ ...notReady, tolerationSeconds: null }],
      [{ ...notReady, tolerationSeconds: null }],
      'present',
    ],
    [
      'different operator is kept and the default appended',
      [{ key: notReady.key, operator: 'Equal', effect: 'NoExecute' }],
      [{ key: notReady.key, operator: 'Equal', effect: 'NoExecute' }, notReady],
      'added',
    ],
    [
      'different effect is kept',
      [{ key: notReady.key, operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: notReady.key, operator: 'Exists', effect: 'NoSchedule' }, notReady],
      'added',
    ],
    [
      'a later deep-equal duplicate cancels the whole update',
      [{ ...notReady, tolerationSeconds: 5 }, { ...notReady }],
      [{ ...notReady, tolerationSeconds: 5 }, { ...notReady }],
      'present',
    ],
    [
      'every matching one is replaced',
      [{ ...notReady, tolerationSeconds: 1 }, { operator: 'Exists' }, { ...notReady, tolerationSeconds: 2 }],
      [notReady, { operator: 'Exists' }, notReady],
      'replaced',
    ],
  ];
  it.each(cases)('%s', (_name, existing, want, outcome) => {
    const result = addOrUpdateToleration(existing, notReady);
    expect(result.tolerations).toEqual(want);
    expect(result.outcome).toBe(outcome);
  });
});

describe('mergeDaemonTolerations / addDaemonPodTolerations', () => {
  it('keeps user tolerations first and reports each default', () => {
    const spec: PodSpec = {
      tolerations: [
        { key: 'dedicated', operator: 'Exists' },
        { ...notReady, tolerationSeconds: 300 },
      ],
    };
    const merged = mergeDaemonTolerations(spec);
    expect(merged.tolerations[0]).toEqual({ key: 'dedicated', operator: 'Exists' });
    expect(merged.tolerations[1]).toEqual(notReady);
    expect(merged.tolerations).toHaveLength(7);
    expect(merged.applied.map((a) => a.outcome)).toEqual([
      'replaced',
      'added',
      'added',
      'added',
      'added',
      'added',
    ]);
  });

  it('does not mutate its input and keeps other fields', () => {
    const spec: PodSpec = { hostNetwork: true, tolerations: [], containers: [{ name: 'c' }] };
    const snapshot = structuredClone(spec);
    const out = addDaemonPodTolerations(spec);
    expect(spec).toEqual(snapshot);
    expect(out.containers).toBe(spec.containers);
    expect(out.tolerations).toHaveLength(7);
  });

  it('is idempotent', () => {
    const once = addDaemonPodTolerations({ tolerations: [{ operator: 'Exists' }] });
    expect(addDaemonPodTolerations(once).tolerations).toEqual(once.tolerations);
  });

  it('accepts a spec without a tolerations list, or a malformed one', () => {
    expect(mergeDaemonTolerations(undefined).tolerations).toHaveLength(6);
    expect(mergeDaemonTolerations({ tolerations: 'x' as unknown as Toleration[] }).tolerations).toHaveLength(
      6,
    );
  });
});
