import { describe, expect, it } from 'vitest';
import { throttleDelay } from './use-throttled-value';

describe('throttleDelay', () => {
  it.each([
    { name: 'nothing shown yet: at once', shownAt: Number.NEGATIVE_INFINITY, now: 5, want: 0 },
    { name: 'shown long ago: at once', shownAt: 1_000, now: 5_000, want: 0 },
    { name: 'shown 200 ms ago: the rest of the interval', shownAt: 1_000, now: 1_200, want: 800 },
    { name: 'shown just now: a whole interval', shownAt: 1_000, now: 1_000, want: 1_000 },
    { name: 'exactly one interval later: at once', shownAt: 1_000, now: 2_000, want: 0 },
  ])('$name', ({ shownAt, now, want }) => {
    expect(throttleDelay(shownAt, now, 1_000)).toBe(want);
  });
});
