import { describe, expect, it, vi } from 'vitest';
import { createClock } from '../clock';
import { createQueueRunner } from './work-queue';

describe('work queues', () => {
  it('coalesces keys and syncs only when settled (manual runner)', () => {
    const clock = createClock({ manual: true, start: 0 });
    const runner = createQueueRunner(clock, { auto: false });
    const synced: string[] = [];
    const queue = runner.queue('test', (key) => synced.push(key));
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(synced).toEqual([]);
    expect(runner.settle()).toBe(2);
    expect(synced).toEqual(['a', 'b']);
  });

  it('runs syncs that other syncs cause, until quiet', () => {
    const clock = createClock({ manual: true, start: 0 });
    const runner = createQueueRunner(clock, { auto: false });
    const order: string[] = [];
    const second = runner.queue('second', (key) => order.push(`second:${key}`));
    const first = runner.queue('first', (key) => {
      order.push(`first:${key}`);
      second.add(key);
    });
    first.add('x');
    runner.settle();
    expect(order).toEqual(['first:x', 'second:x']);
  });

  it('delays addAfter by simulated time, earliest wins', () => {
    const clock = createClock({ manual: true, start: 0 });
    const runner = createQueueRunner(clock, { auto: false });
    const synced: number[] = [];
    const queue = runner.queue('test', () => synced.push(clock.now()));
    queue.addAfter('k', 5_000);
    queue.addAfter('k', 2_000);
    clock.advance(1_999);
    runner.settle();
    expect(synced).toEqual([]);
    clock.advance(10_000);
    runner.settle();
    expect(synced).toEqual([11_999]);
  });

  it('retries a failing sync with a growing delay', () => {
    const clock = createClock({ manual: true, start: 0 });
    const runner = createQueueRunner(clock, { auto: false });
    const attempts: number[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const queue = runner.queue('test', () => {
      attempts.push(clock.now());
      throw new Error('boom');
    });
    queue.add('k');
    runner.settle();
    for (let i = 0; i < 8; i++) {
      clock.advance(1_000);
      runner.settle();
    }
    error.mockRestore();
    expect(attempts).toEqual([0, 1_000, 3_000, 7_000]);
  });

  it('flushes on its own in auto mode', async () => {
    const clock = createClock({ manual: true, start: 0 });
    const runner = createQueueRunner(clock, { auto: true });
    const synced = new Promise<string>((resolve) => runner.queue('test', resolve).add('k'));
    expect(await synced).toBe('k');
    runner.stop();
  });
});
