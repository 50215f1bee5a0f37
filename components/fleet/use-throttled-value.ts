'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A value that follows its input at most once per interval, always ending on the latest input.
 * During a 5,000-node rollout the grid changes every animation frame; the panels below it (a chart
 * of 350 bars, a table of 50 DaemonSets) need not, and re-rendering them per frame is what kept the
 * grid from showing a change promptly. The input must keep its identity while unchanged (memoise it).
 */

/** Milliseconds to wait before showing a new value, when the last one was shown at `shownAt`. */
export function throttleDelay(shownAt: number, now: number, intervalMs: number): number {
  return Math.max(0, shownAt + intervalMs - now);
}

/** `value`, updated at most once per `intervalMs` (the first change after a quiet spell shows at once). */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    // Each newer value replaces the pending one, so the last input of a burst is the one shown.
    const timer = setTimeout(
      () => {
        shownAt.current = Date.now();
        setShown(value);
      },
      throttleDelay(shownAt.current, Date.now(), intervalMs),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
