import { describe, expect, it } from 'vitest';
import { createClock } from './clock';

describe('createClock (manual)', () => {
  it('stands still until advanced', () => {
    const clock = createClock({ manual: true, start: 1_000 });
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
  });

  it('fires one-shot timers in due order, each at its own time', () => {
    const clock = createClock({ manual: true, start: 0 });
    const fired: [string, number][] = [];
    clock.after(300, () => fired.push(['b', clock.now()]));
    clock.after(100, () => fired.push(['a', clock.now()]));
    clock.after(300, () => fired.push(['c', clock.now()]));
    clock.advance(299);
    expect(fired).toEqual([['a', 100]]);
    clock.advance(1);
    expect(fired).toEqual([['a', 100], ['b', 300], ['c', 300]]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('repeats every() timers and cancels them', () => {
    const clock = createClock({ manual: true, start: 0 });
    const times: number[] = [];
    const cancel = clock.every(100, () => times.push(clock.now()));
    clock.advance(350);
    expect(times).toEqual([100, 200, 300]);
    cancel();
    clock.advance(1_000);
    expect(times).toEqual([100, 200, 300]);
  });

  it('runs timers scheduled by a firing timer within the same advance', () => {
    const clock = createClock({ manual: true, start: 0 });
    const times: number[] = [];
    clock.after(10, () => clock.after(10, () => times.push(clock.now())));
    clock.advance(25);
    expect(times).toEqual([20]);
  });

  it('keeps going when a callback throws', () => {
    const clock = createClock({ manual: true, start: 0 });
    const log: string[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      clock.after(1, () => {
        throw new Error('boom');
      });
      clock.after(2, () => log.push('after'));
      clock.advance(5);
    } finally {
      console.error = original;
    }
    expect(log).toEqual(['after']);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects speed %s', (speed) => {
    expect(() => createClock({ speed })).toThrow(/speed/);
  });
});

describe('createClock (real time, sped up)', () => {
  it('runs simulated time faster and fires timers scaled by speed', async () => {
    const clock = createClock({ speed: 100 });
    const start = clock.now();
    const fired = new Promise<number>((resolve) => clock.after(2_000, () => resolve(clock.now())));
    const at = await fired; // 2 simulated seconds = 20 real ms
    expect(at - start).toBeGreaterThanOrEqual(2_000);
    expect(at - start).toBeLessThan(60_000);
    clock.stop();
  });

  it('advance() moves a running clock forward and fires what became due', () => {
    const clock = createClock({ speed: 1 });
    let fired = false;
    clock.after(60_000, () => (fired = true));
    const before = clock.now();
    clock.advance(60_000);
    expect(fired).toBe(true);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
    clock.stop();
  });
});

describe('createClock (detached methods)', () => {
  it('tells time through a detached now()', () => {
    const clock = createClock({ manual: true, start: 5 });
    const { now } = clock;
    clock.advance(10);
    expect(now()).toBe(15);
  });
});
