import { describe, expect, it } from 'vitest';
import type { DaemonSetCounters } from '@/lib/daemon-status';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { daemonSetHealth, reportedVersusImplied } from './health';

const counters = (patch: Partial<DaemonSetCounters>): DaemonSetCounters => ({
  desiredNumberScheduled: 3,
  currentNumberScheduled: 3,
  numberMisscheduled: 0,
  numberReady: 3,
  updatedNumberScheduled: 3,
  numberAvailable: 3,
  numberUnavailable: 0,
  ...patch,
});
const summary = (
  reported: Partial<DaemonSetCounters>,
  implied: Partial<DaemonSetCounters> = reported,
): DaemonSetSummary => ({
  id: 0,
  namespace: 'kube-system',
  name: 'agent',
  uid: 'u',
  implied: counters(implied),
  reported: counters(reported),
  updateStrategy: { type: 'RollingUpdate' },
  minReadySeconds: 0,
});
const alerts = (s: DaemonSetSummary) => daemonSetHealth(s).alerts.map((a) => a.alert);

describe('daemonSetHealth', () => {
  it.each<[string, Partial<DaemonSetCounters>, string[]]>([
    ['healthy when every counter equals desired', {}, []],
    ['rollout stuck when not all updated', { updatedNumberScheduled: 2 }, ['KubeDaemonSetRolloutStuck']],
    [
      'rollout stuck when not all available',
      { numberAvailable: 2, numberUnavailable: 1 },
      ['KubeDaemonSetRolloutStuck'],
    ],
    [
      'not scheduled when current < desired',
      { currentNumberScheduled: 1 },
      ['KubeDaemonSetRolloutStuck', 'KubeDaemonSetNotScheduled'],
    ],
    ['misscheduled', { numberMisscheduled: 2 }, ['KubeDaemonSetRolloutStuck', 'KubeDaemonSetMisScheduled']],
    [
      'an empty DaemonSet is healthy',
      {
        desiredNumberScheduled: 0,
        currentNumberScheduled: 0,
        numberReady: 0,
        updatedNumberScheduled: 0,
        numberAvailable: 0,
      },
      [],
    ],
  ])('%s', (_name, reported, expected) => {
    expect(alerts(summary(reported))).toEqual(expected);
  });

  it('reads absent reported fields as zero, as kube-state-metrics does', () => {
    const s = { ...summary({}), reported: { desiredNumberScheduled: 2 } };
    expect(alerts(s)).toEqual(['KubeDaemonSetRolloutStuck', 'KubeDaemonSetNotScheduled']);
  });

  it('words the descriptions as the mixin does', () => {
    expect(
      daemonSetHealth(summary({ currentNumberScheduled: 1, numberMisscheduled: 1 })).alerts.map(
        (a) => a.description,
      ),
    ).toEqual([
      'DaemonSet kube-system/agent has not finished or progressed for at least 15m.',
      '2 Pods of DaemonSet kube-system/agent are not scheduled.',
      '1 Pods of DaemonSet kube-system/agent are running where they are not supposed to run.',
    ]);
  });
});

describe('reportedVersusImplied', () => {
  it('lists the counters that disagree', () => {
    expect(reportedVersusImplied(summary({ numberReady: 2 }, { numberReady: 3 }))).toEqual([
      { field: 'numberReady', reported: 2, implied: 3 },
    ]);
    expect(reportedVersusImplied(summary({}))).toEqual([]);
  });
});
