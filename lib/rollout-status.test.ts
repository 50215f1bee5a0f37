import { describe, expect, it } from 'vitest';
import type { DaemonSet, DaemonSetStatus } from './k8s-types';
import { RolloutStatusError, rolloutStatus } from './rollout-status';

/** A RollingUpdate DaemonSet named `agent` at the given generation and status. */
function daemonSet(generation: number, status: DaemonSetStatus): DaemonSet {
  return { metadata: { name: 'agent', generation }, spec: { updateStrategy: { type: 'RollingUpdate' } }, status };
}

describe('rolloutStatus', () => {
  it.each([
    {
      name: 'spec change not yet observed',
      ds: daemonSet(3, { observedGeneration: 2, updatedNumberScheduled: 5, desiredNumberScheduled: 5, numberAvailable: 5 }),
      expected: { done: false, message: 'Waiting for daemon set spec update to be observed...\n' },
    },
    {
      name: 'pods still being updated',
      ds: daemonSet(2, { observedGeneration: 2, updatedNumberScheduled: 1, desiredNumberScheduled: 5, numberAvailable: 5 }),
      expected: { done: false, message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 5 new pods have been updated...\n' },
    },
    {
      name: 'updated but not all available',
      ds: daemonSet(2, { observedGeneration: 2, updatedNumberScheduled: 5, desiredNumberScheduled: 5, numberAvailable: 4 }),
      expected: { done: false, message: 'Waiting for daemon set "agent" rollout to finish: 4 of 5 updated pods are available...\n' },
    },
    {
      name: 'done',
      ds: daemonSet(2, { observedGeneration: 2, updatedNumberScheduled: 5, desiredNumberScheduled: 5, numberAvailable: 5 }),
      expected: { done: true, message: 'daemon set "agent" successfully rolled out\n' },
    },
    {
      name: 'an empty status of a fresh object counts as observed and done',
      ds: daemonSet(0, {}),
      expected: { done: true, message: 'daemon set "agent" successfully rolled out\n' },
    },
    {
      name: 'a missing generation reads as 0',
      ds: { metadata: { name: 'agent' }, spec: { updateStrategy: { type: 'RollingUpdate' } } },
      expected: { done: true, message: 'daemon set "agent" successfully rolled out\n' },
    },
  ])('$name', ({ ds, expected }) => {
    expect(rolloutStatus(ds)).toEqual(expected);
  });

  it.each([['OnDelete'], ['Bogus'], [undefined]])('throws kubectl text for strategy %s', (type) => {
    const ds: DaemonSet = { ...daemonSet(1, { observedGeneration: 1 }), spec: { updateStrategy: { type } } };
    expect(() => rolloutStatus(ds)).toThrow(RolloutStatusError);
    expect(() => rolloutStatus(ds)).toThrow(/^rollout status is only available for RollingUpdate strategy type$/);
  });
});
