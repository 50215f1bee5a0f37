import { describe, expect, it } from 'vitest';
import { createRolloutRing, likeliestCause, pushRolloutSample, rolloutProgress, type RolloutSample } from './rollout-progress';

const MIN = 60_000;

/** desired 10, a sample at minute `m` with `u` updated and `a` available. */
const sample = (m: number, u: number, a: number, desired = 10): RolloutSample => ({
  at: m * MIN,
  desired,
  updated: u,
  ready: a,
  available: a,
  unavailable: desired - a,
  revisions: { '3': desired - u, '4': u },
});

describe('pushRolloutSample', () => {
  it('skips a sample whose counts equal the last one', () => {
    const ring = createRolloutRing(5);
    pushRolloutSample(ring, sample(0, 1, 1));
    pushRolloutSample(ring, sample(1, 1, 1));
    expect(ring.samples.map((s) => s.at)).toEqual([0]);
  });

  it('keeps a sample where only the per-revision counts changed', () => {
    const ring = createRolloutRing(5);
    pushRolloutSample(ring, sample(0, 1, 1));
    pushRolloutSample(ring, { ...sample(1, 1, 1), revisions: { '3': 8, '4': 1, '?': 1 } });
    expect(ring.samples).toHaveLength(2);
  });

  it('evicts the oldest beyond capacity', () => {
    const ring = createRolloutRing(3);
    for (let m = 0; m < 6; m++) pushRolloutSample(ring, sample(m, m, m));
    expect(ring.samples.map((s) => s.updated)).toEqual([3, 4, 5]);
  });
});

describe('rolloutProgress', () => {
  const deadline = 600;
  const table: { name: string; samples: RolloutSample[]; now: number; failing?: { reason: string; revision?: number }[]; expect: Record<string, unknown> }[] = [
    { name: 'no samples: nothing known', samples: [], now: 0, expect: { done: false, stuck: false } },
    { name: 'done when updated and available reach desired', samples: [sample(0, 5, 5), sample(2, 10, 10)], now: 60 * MIN, expect: { done: true, stuck: false } },
    {
      name: 'moving: ETA from the pace over the window',
      // 2 updated + 2 available per minute; 10 + 10 - (6 + 6) = 8 left → 2 min.
      samples: [sample(0, 0, 0), sample(1, 2, 2), sample(2, 4, 4), sample(3, 6, 6)],
      now: 3 * MIN,
      expect: { done: false, stuck: false, pacePerMinute: 4, etaSeconds: 120, lastProgressAt: 3 * MIN },
    },
    {
      name: 'stuck after the deadline with no progress, cause from the biggest failing group',
      samples: [sample(0, 0, 0), sample(1, 2, 1)],
      now: 12 * MIN,
      failing: [...Array.from({ length: 12 }, () => ({ reason: 'ImagePullBackOff', revision: 4 })), { reason: 'CrashLoopBackOff', revision: 3 }],
      expect: { done: false, stuck: true, lastProgressAt: MIN, cause: '12 pods in ImagePullBackOff on revision 4' },
    },
    {
      name: 'not stuck one second before the deadline',
      samples: [sample(0, 0, 0), sample(1, 2, 1)],
      now: MIN + deadline * 1000,
      expect: { stuck: false },
    },
    {
      name: 'one more pod updated is progress even while availability dips',
      samples: [sample(0, 2, 2), sample(1, 3, 1)],
      now: 11 * MIN + 1,
      expect: { stuck: true, lastProgressAt: MIN },
    },
    {
      name: 'a drop in availability alone is not progress',
      samples: [sample(0, 2, 2), sample(1, 2, 1)],
      now: 10 * MIN + 1,
      expect: { stuck: true, lastProgressAt: 0 },
    },
    {
      name: 'stuck with no failing pods says how long and how many are unavailable',
      samples: [sample(0, 4, 3)],
      now: 20 * MIN,
      expect: { stuck: true, cause: 'no progress for 20 min; 7 of 10 pods unavailable' },
    },
    {
      name: 'no ETA while stuck',
      samples: [sample(0, 0, 0), sample(1, 2, 2)],
      now: 30 * MIN,
      expect: { stuck: true, etaSeconds: undefined },
    },
  ];

  it.each(table)('$name', ({ samples, now, failing, expect: expected }) => {
    const result = rolloutProgress({ samples, now, progressDeadlineSeconds: deadline, failingPods: failing ?? [] });
    for (const [key, value] of Object.entries(expected)) expect(result[key as keyof typeof result], key).toEqual(value);
  });
});

describe('likeliestCause', () => {
  it.each([
    ['one pod, singular', [{ reason: 'CrashLoopBackOff', revision: 2 }], '1 pod in CrashLoopBackOff on revision 2'],
    ['no revision known', [{ reason: 'ErrImagePull' }, { reason: 'ErrImagePull' }], '2 pods in ErrImagePull'],
    ['a tie goes to the newer revision', [{ reason: 'A', revision: 1 }, { reason: 'B', revision: 5 }], '1 pod in B on revision 5'],
    ['nothing failing', [], undefined],
  ])('%s', (_name, pods, expected) => {
    expect(likeliestCause(pods)).toBe(expected);
  });
});
