import { describe, expect, it } from 'vitest';
import type { DaemonSetSummary } from '@/lib/fleet-model/types';
import { rolloutStatusLine } from './rollout-line';

const zero = {
  desiredNumberScheduled: 0,
  currentNumberScheduled: 0,
  numberMisscheduled: 0,
  numberReady: 0,
  updatedNumberScheduled: 0,
  numberAvailable: 0,
  numberUnavailable: 0,
};
const summary = (patch: Partial<DaemonSetSummary>): DaemonSetSummary => ({
  id: 0,
  namespace: 'monitoring',
  name: 'metrics-agent',
  uid: 'u',
  generation: 2,
  implied: zero,
  reported: {
    observedGeneration: 2,
    desiredNumberScheduled: 4,
    updatedNumberScheduled: 1,
    numberAvailable: 3,
  },
  updateStrategy: { type: 'RollingUpdate' },
  minReadySeconds: 0,
  ...patch,
});

describe('rolloutStatusLine', () => {
  it.each<[string, Partial<DaemonSetSummary>, { done: boolean; text: string }]>([
    [
      'waiting for updates',
      {},
      {
        done: false,
        text: 'Waiting for daemon set "metrics-agent" rollout to finish: 1 out of 4 new pods have been updated...',
      },
    ],
    [
      'waiting for availability',
      {
        reported: {
          observedGeneration: 2,
          desiredNumberScheduled: 4,
          updatedNumberScheduled: 4,
          numberAvailable: 3,
        },
      },
      {
        done: false,
        text: 'Waiting for daemon set "metrics-agent" rollout to finish: 3 of 4 updated pods are available...',
      },
    ],
    [
      'done',
      {
        reported: {
          observedGeneration: 2,
          desiredNumberScheduled: 4,
          updatedNumberScheduled: 4,
          numberAvailable: 4,
        },
      },
      { done: true, text: 'daemon set "metrics-agent" successfully rolled out' },
    ],
    [
      'spec not observed yet',
      { generation: 3 },
      { done: false, text: 'Waiting for daemon set spec update to be observed...' },
    ],
    [
      'OnDelete is kubectl’s error',
      { updateStrategy: { type: 'OnDelete' } },
      { done: true, text: 'error: rollout status is only available for RollingUpdate strategy type' },
    ],
  ])('%s', (_name, patch, expected) => {
    expect(rolloutStatusLine(summary(patch))).toEqual(expected);
  });
});
