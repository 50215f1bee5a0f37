'use client';

import { useEffect, useState } from 'react';

/** The wall clock, re-read every `intervalMs`: components stay pure, the clock is read here only. */
export function useNow(intervalMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
