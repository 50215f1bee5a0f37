import { describe, expect, it } from 'vitest';
import { parseDaemonSetDetail } from './daemonset-detail';

describe('parseDaemonSetDetail', () => {
  it('reads the server answer', () => {
    const detail = parseDaemonSetDetail({
      metadata: { namespace: 'monitoring', name: 'metrics-agent', resourceVersion: '812', generation: 2 },
      spec: {
        updateStrategy: 'RollingUpdate',
        images: [
          { container: 'agent', image: 'x:2', init: false },
          { container: 'init', image: 'y:1', init: true },
        ],
      },
      rolloutStatus: { done: false, message: 'Waiting…' },
      currentRevision: 2,
      revisions: [
        { revision: 2, changeCause: 'kubectl set image', current: true, template: 'a', diffFromCurrent: '' },
        {
          revision: 1,
          changeCause: null,
          createdAt: '2026-11-25T10:00:00Z',
          current: false,
          template: 'b',
          diffFromCurrent: '-x:2\n+x:1',
        },
      ],
      events: [{ reason: 'FailedCreate', message: 'm' }],
      cost: {
        perPod: { requests: { cpu: '50m', bad: 3 } },
        total: { requests: { cpu: '2' } },
        problems: ['p'],
      },
      blockingNodes: [
        {
          node: 'w-1',
          pod: 'p-1',
          problem: 'new-pod-not-available',
          cause: 'ImagePullBackOff: back-off',
          since: 's',
        },
      ],
      podsNotRunning: [
        {
          pod: 'p-1',
          phase: 'Pending',
          reason: 'ImagePullBackOff',
          message: 'back-off',
          pinnedTo: { name: 'w-1' },
        },
      ],
    });
    expect(detail).toEqual({
      resourceVersion: '812',
      generation: 2,
      spec: {
        updateStrategy: 'RollingUpdate',
        images: [
          { container: 'agent', image: 'x:2', init: false },
          { container: 'init', image: 'y:1', init: true },
        ],
      },
      images: ['agent: x:2', 'init (init): y:1'],
      currentRevision: 2,
      revisions: [
        {
          revision: 2,
          changeCause: 'kubectl set image',
          isCurrent: true,
          template: 'a',
          diffFromCurrent: '',
        },
        {
          revision: 1,
          changeCause: null,
          createdAt: '2026-11-25T10:00:00Z',
          isCurrent: false,
          template: 'b',
          diffFromCurrent: '-x:2\n+x:1',
        },
      ],
      events: [{ reason: 'FailedCreate', message: 'm' }],
      cost: { perPod: { cpu: '50m' }, total: { cpu: '2' }, problems: ['p'] },
      blockingNodes: [{ node: 'w-1', pod: 'p-1', cause: 'ImagePullBackOff: back-off', since: 's' }],
      podsNotRunning: [
        { pod: 'p-1', node: 'w-1', phase: 'Pending', reason: 'ImagePullBackOff', message: 'back-off' },
      ],
    });
  });

  it('keeps kubectl’s rollout status error', () => {
    expect(
      parseDaemonSetDetail({
        rolloutStatus: {
          done: true,
          message: '',
          error: 'rollout status is only available for RollingUpdate strategy type',
        },
      }).rolloutStatusError,
    ).toBe('rollout status is only available for RollingUpdate strategy type');
  });

  it.each([null, 'x', [], { revisions: 'no', events: {}, cost: 5 }])('survives %j', (body) => {
    expect(parseDaemonSetDetail(body)).toEqual({
      spec: {},
      images: [],
      currentRevision: null,
      revisions: [],
      events: [],
      cost: undefined,
      blockingNodes: [],
      podsNotRunning: [],
    });
  });
});
