import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDaemonPod, makeDaemonSet } from './fleet-model/builders';
import type { DaemonSet, Pod } from './k8s-types';
import {
  availableAt,
  comparePodsForStatus,
  isDaemonPodOf,
  isPodAvailable,
  isPodReady,
  isPodUpdated,
  isTerminalAndDeleting,
  oldestPod,
  podFailure,
  readyLongEnough,
  targetNodeName,
  templateGeneration,
  trueReadyCondition,
} from './pod-state';

const ds = makeDaemonSet('agent');
const pod = (options: Parameters<typeof makeDaemonPod>[2] = {}, node = 'n1'): Pod =>
  makeDaemonPod(ds, node, options);
const at = (iso: string): number => Date.parse(iso);

/** A pod pinned only by affinity, with the given matchFields terms. */
function pinned(terms: { key?: string; operator?: string; values?: string[] }[][]): Pod {
  return {
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: terms.map((matchFields) => ({ matchFields })),
          },
        },
      },
    },
  };
}

describe('targetNodeName (GetTargetNodeName)', () => {
  it.each([
    [
      'spec.nodeName wins',
      {
        spec: { nodeName: 'a', ...pinned([[{ key: 'metadata.name', operator: 'In', values: ['b'] }]]).spec },
      },
      'a',
    ],
    [
      'affinity metadata.name In one value',
      pinned([[{ key: 'metadata.name', operator: 'In', values: ['b'] }]]),
      'b',
    ],
    [
      'skips other fields and operators',
      pinned([
        [
          { key: 'x', operator: 'In', values: ['c'] },
          { key: 'metadata.name', operator: 'NotIn', values: ['d'] },
        ],
        [{ key: 'metadata.name', operator: 'In', values: ['e'] }],
      ]),
      'e',
    ],
    [
      'first metadata.name In with two values makes it unplaceable',
      pinned([
        [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }],
        [{ key: 'metadata.name', operator: 'In', values: ['c'] }],
      ]),
      undefined,
    ],
    ['no affinity', { spec: {} }, undefined],
    ['no spec at all', {}, undefined],
    ['empty terms', pinned([]), undefined],
  ] as [string, Pod, string | undefined][])('%s', (_name, input, expected) => {
    expect(targetNodeName(input)).toBe(expected);
  });
});

describe('readiness and availability (IsPodReady, IsPodAvailable)', () => {
  const readySince = '2026-01-01T00:00:00Z';
  it.each([
    ['not ready', pod(), 0, '2026-01-01T01:00:00Z', false],
    ['ready, minReadySeconds 0', pod({ readySince }), 0, readySince, true],
    ['ready one second short', pod({ readySince }), 10, '2026-01-01T00:00:09Z', false],
    [
      'ready exactly minReadySeconds (inclusive boundary)',
      pod({ readySince }),
      10,
      '2026-01-01T00:00:10Z',
      true,
    ],
    [
      'ready without a transition time, minReadySeconds > 0',
      pod({ readySince: '' }),
      10,
      '2027-01-01T00:00:00Z',
      false,
    ],
    ['malformed transition time', pod({ readySince: 'yesterday' }), 10, '2027-01-01T00:00:00Z', false],
  ] as [string, Pod, number, string, boolean][])('%s', (_name, input, minReadySeconds, now, expected) => {
    expect(isPodAvailable(input, minReadySeconds, at(now))).toBe(expected);
    // The split the rebuild uses (one condition scan) answers the same.
    const ready = trueReadyCondition(input);
    expect(ready !== undefined && readyLongEnough(ready, minReadySeconds, at(now))).toBe(expected);
  });

  it('trueReadyCondition finds only a True Ready condition', () => {
    expect(trueReadyCondition(pod({ readySince }))?.type).toBe('Ready');
    expect(trueReadyCondition(pod())).toBeUndefined();
    expect(
      trueReadyCondition({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }),
    ).toBeUndefined();
    expect(trueReadyCondition({})).toBeUndefined();
  });

  it('ready reads only the Ready condition, not phase or deletion', () => {
    expect(isPodReady(pod({ readySince, phase: 'Failed', deleting: true }))).toBe(true);
    expect(isPodReady(pod())).toBe(false);
    expect(isPodReady({})).toBe(false);
  });

  it('availableAt gives the instant a ready pod turns available, only while it is in the future', () => {
    expect(availableAt(pod({ readySince }), 10, at('2026-01-01T00:00:05Z'))).toBe(at('2026-01-01T00:00:10Z'));
    expect(availableAt(pod({ readySince }), 10, at('2026-01-01T00:00:10Z'))).toBeUndefined();
    expect(availableAt(pod({ readySince }), 0, at(readySince))).toBeUndefined();
    expect(availableAt(pod(), 10, at(readySince))).toBeUndefined();
  });
});

describe('podFailure', () => {
  const scheduledFalse = (message: string): Pod => ({
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    },
  });
  it.each([
    ['ErrImagePull', pod({ waiting: 'ErrImagePull' }), 'ErrImagePull'],
    ['ImagePullBackOff', pod({ waiting: 'ImagePullBackOff' }), 'ImagePullBackOff'],
    ['CrashLoopBackOff', pod({ waiting: 'CrashLoopBackOff' }), 'CrashLoopBackOff'],
    [
      'CreateContainerConfigError',
      pod({ waiting: 'CreateContainerConfigError' }),
      'CreateContainerConfigError',
    ],
    ['InvalidImageName', pod({ waiting: 'InvalidImageName' }), 'InvalidImageName'],
    ['phase Failed', pod({ phase: 'Failed' }), 'Failed'],
    [
      'unschedulable (Insufficient memory)',
      scheduledFalse('0/1 nodes are available: 1 Insufficient memory.'),
      'Unschedulable',
    ],
    ['ContainerCreating is progress, not failure', pod({ waiting: 'ContainerCreating' }), undefined],
    ['a running ready pod', pod({ readySince: '2026-01-01T00:00:00Z' }), undefined],
    ['an empty object', {}, undefined],
  ] as [string, Pod, string | undefined][])('%s', (_name, input, reason) => {
    expect(podFailure(input)?.reason).toBe(reason);
  });

  it('keeps the scheduler message and names the stuck container', () => {
    const ports = "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.";
    expect(podFailure(scheduledFalse(ports))).toEqual({ reason: 'Unschedulable', message: ports });
    expect(podFailure(scheduledFalse('0/1 nodes are available: 1 Insufficient memory.'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient memory.',
    );
    const initStuck: Pod = {
      status: {
        initContainerStatuses: [
          { name: 'init', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } } },
        ],
      },
    };
    expect(podFailure(initStuck)).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'container init: back-off 5m0s',
    });
  });
});

describe('isPodUpdated (util.IsPodUpdated)', () => {
  const dsAtGeneration = makeDaemonSet('agent', { templateGeneration: 3 });
  it.each([
    ['hash matches', pod({ hash: 'abc' }), 'abc', undefined, true],
    ['hash differs', pod({ hash: 'old' }), 'abc', undefined, false],
    ['empty current hash never matches', pod({ hash: '' }), '', undefined, false],
    ['template generation matches', pod({ hash: 'old', templateGeneration: 3 }), 'abc', '3', true],
    ['template generation differs', pod({ hash: 'old', templateGeneration: 2 }), 'abc', '3', false],
    ['no labels at all', pod(), 'abc', '3', false],
  ] as [string, Pod, string, string | undefined, boolean][])(
    '%s',
    (_name, input, hash, generation, expected) => {
      expect(isPodUpdated(input, hash, generation)).toBe(expected);
    },
  );

  it('reads the template generation from the DaemonSet annotation, as an int64 would print', () => {
    expect(templateGeneration(dsAtGeneration)).toBe('3');
    expect(
      templateGeneration({
        metadata: { annotations: { [`deprecated.daemonset.template.generation`]: '+07' } },
      }),
    ).toBe('7');
    expect(
      templateGeneration({
        metadata: { annotations: { [`deprecated.daemonset.template.generation`]: 'x' } },
      }),
    ).toBeUndefined();
    expect(templateGeneration({})).toBeUndefined();
  });
});

describe('comparePodsForStatus (podByCreationTimestampAndPhase)', () => {
  it.each([
    [
      'bound before unbound, even if younger',
      pod({ name: 'a', bound: false, created: '2026-01-01T00:00:00Z' }),
      pod({ name: 'b', created: '2026-02-01T00:00:00Z' }),
      'b',
    ],
    [
      'older before younger',
      pod({ name: 'a', created: '2026-02-01T00:00:00Z' }),
      pod({ name: 'b', created: '2026-01-01T00:00:00Z' }),
      'b',
    ],
    ['same time: by name', pod({ name: 'b' }), pod({ name: 'a' }), 'a'],
    [
      'missing timestamp counts as the zero time',
      pod({ name: 'b', created: '2026-01-01T00:00:00Z' }),
      { ...pod({ name: 'c' }), metadata: { name: 'c' } },
      'c',
    ],
  ] as [string, Pod, Pod, string][])('%s', (_name, first, second, oldest) => {
    expect(oldestPod([first, second])?.metadata?.name).toBe(oldest);
    expect(oldestPod([second, first])?.metadata?.name).toBe(oldest);
    expect([first, second].sort(comparePodsForStatus)[0]?.metadata?.name).toBe(oldest);
  });
});

describe('ownership and dropping', () => {
  it('isDaemonPodOf needs a controller ownerReference with the DaemonSet uid', () => {
    const other = makeDaemonSet('other');
    expect(isDaemonPodOf(pod(), ds)).toBe(true);
    expect(isDaemonPodOf(pod(), other)).toBe(false);
    const notController = pod();
    notController.metadata = {
      ...notController.metadata,
      ownerReferences: [{ uid: ds.metadata?.uid, controller: false }],
    };
    expect(isDaemonPodOf(notController, ds)).toBe(false);
    expect(isDaemonPodOf(pod(), { metadata: {} })).toBe(false);
  });

  it.each([
    ['Failed and deleting', { phase: 'Failed', deleting: true }, true],
    ['Succeeded and deleting', { phase: 'Succeeded', deleting: true }, true],
    ['Failed, not deleting', { phase: 'Failed' }, false],
    ['Running and deleting', { phase: 'Running', deleting: true }, false],
  ] as [string, Parameters<typeof makeDaemonPod>[2], boolean][])(
    'isTerminalAndDeleting: %s',
    (_name, options, expected) => {
      expect(isTerminalAndDeleting(pod(options))).toBe(expected);
    },
  );
});

describe('malformed pods', () => {
  /** Any JSON at any level of a pod: bad input is expected input. */
  const junkPod = fc.oneof(
    fc.anything(),
    fc.record({ metadata: fc.anything(), spec: fc.anything(), status: fc.anything() }),
    fc.record({
      metadata: fc.record({
        ownerReferences: fc.anything(),
        labels: fc.anything(),
        creationTimestamp: fc.anything(),
      }),
      spec: fc.record({ nodeName: fc.anything(), affinity: fc.anything() }),
      status: fc.record({
        conditions: fc.anything(),
        containerStatuses: fc.anything(),
        phase: fc.anything(),
      }),
    }),
  );

  it('never make a reader throw', () => {
    fc.assert(
      fc.property(junkPod, junkPod, (a, b) => {
        const pod = (a ?? {}) as Pod;
        const other = (b ?? {}) as Pod;
        if (typeof pod !== 'object' || typeof other !== 'object') return;
        targetNodeName(pod);
        isPodReady(pod);
        isPodAvailable(pod, 10, Date.now());
        availableAt(pod, 10, Date.now());
        podFailure(pod);
        isPodUpdated(pod, 'h', '1');
        comparePodsForStatus(pod, other);
        isTerminalAndDeleting(pod);
        isDaemonPodOf(pod, ds);
        templateGeneration(pod as DaemonSet);
      }),
    );
  });
});
