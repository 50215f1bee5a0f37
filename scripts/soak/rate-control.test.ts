import { describe, expect, it } from 'vitest';
import { flipsForTick, initialRate, INITIAL_EVENTS_PER_FLIP, nextRate, type RateState } from './rate-control';

describe('nextRate', () => {
  it('starts from the initial ratio', () => {
    expect(initialRate(1_000)).toEqual({ flipsPerSecond: 1_000 / INITIAL_EVENTS_PER_FLIP, eventsPerFlip: INITIAL_EVENTS_PER_FLIP });
  });

  it.each([
    ['more events per flip than thought → fewer flips', { flips: 400, events: 1_600 }, 'down'],
    ['fewer events per flip than thought → more flips', { flips: 400, events: 800 }, 'up'],
    ['exactly as thought → unchanged', { flips: 400, events: 1_000 }, 'same'],
    ['too few flips to judge → unchanged', { flips: 3, events: 100 }, 'same'],
  ] as const)('%s', (_name, window, direction) => {
    const before = initialRate(1_000);
    const after = nextRate(before, window, 1_000);
    if (direction === 'same') expect(after.flipsPerSecond).toBeCloseTo(before.flipsPerSecond, 9);
    else if (direction === 'up') expect(after.flipsPerSecond).toBeGreaterThan(before.flipsPerSecond);
    else expect(after.flipsPerSecond).toBeLessThan(before.flipsPerSecond);
  });

  it('settles on the flip rate that gives the target when every flip makes 2.2 events', () => {
    let state: RateState = initialRate(1_000);
    for (let second = 0; second < 40; second++) {
      const flips = Math.round(state.flipsPerSecond);
      state = nextRate(state, { flips, events: flips * 2.2 }, 1_000);
    }
    expect(state.eventsPerFlip).toBeCloseTo(2.2, 2);
    expect(state.flipsPerSecond * 2.2).toBeCloseTo(1_000, -1);
  });

  it.each([
    ['no events at all (a stalled proxy count)', { flips: 100, events: 0 }],
    ['an absurd burst', { flips: 100, events: 100_000 }],
  ])('stays within bounds on %s', (_name, window) => {
    let state = initialRate(1_000);
    for (let i = 0; i < 50; i++) state = nextRate(state, window, 1_000);
    expect(state.flipsPerSecond).toBeLessThanOrEqual(1_000);
    expect(state.flipsPerSecond).toBeGreaterThanOrEqual(100);
  });
});

describe('flipsForTick', () => {
  it.each([
    [400, 100, 0, 40, 0],
    [15, 100, 0, 1, 0.5],
    [15, 100, 0.5, 2, 0],
    [0, 100, 0.3, 0, 0.3],
  ])('%s/s over %s ms with carry %s → %s flips, carry %s', (rate, tick, carry, flips, nextCarry) => {
    const result = flipsForTick(rate, tick, carry);
    expect(result.flips).toBe(flips);
    expect(result.carry).toBeCloseTo(nextCarry, 9);
  });

  it('delivers the rate over many ticks', () => {
    let carry = 0;
    let total = 0;
    for (let tick = 0; tick < 100; tick++) {
      const result = flipsForTick(123, 100, carry);
      total += result.flips;
      carry = result.carry;
    }
    expect(total).toBe(1_230);
  });
});
