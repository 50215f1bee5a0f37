import 'server-only';
import type { Clock } from './store-types';

/** A cancel function returned by every timer. */
export type CancelTimer = () => void;

/** The simulated cluster's clock: wall time that runs `speed` times faster, or only when advanced. */
export interface SimClock extends Clock {
  /** 10 = ten simulated seconds per real second. */
  readonly speed: number;
  /** In manual mode time stands still until `advance` is called (tests). */
  readonly manual: boolean;
  /** Runs `fn` once, `ms` simulated milliseconds from now. */
  after(ms: number, fn: () => void): CancelTimer;
  /** Runs `fn` every `ms` simulated milliseconds. */
  every(ms: number, fn: () => void): CancelTimer;
  /** Moves simulated time forward, firing due timers in order, each at its own due time. */
  advance(ms: number): void;
  /** The number of pending timers (tests use it to check nothing leaks). */
  pendingTimers(): number;
  /** Cancels every timer; the clock keeps telling time. */
  stop(): void;
}

/** Options of `createClock`. */
export interface ClockOptions {
  speed?: number;
  manual?: boolean;
  /** Simulated start time in ms since the epoch (default: the real time at creation). */
  start?: number;
}

interface Timer {
  id: number;
  due: number;
  interval: number | undefined;
  fn: () => void;
}

/** Creates a simulated clock; timers are kept in one ordered list so manual and real modes share code. */
export function createClock(options: ClockOptions = {}): SimClock {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`clock speed must be a positive number, got ${String(options.speed)}`);
  const manual = options.manual ?? false;
  const realStart = Date.now();
  const start = options.start ?? realStart;
  let offset = 0; // simulated ms added by advance(); in manual mode the only source of movement
  let timers: Timer[] = [];
  let nextId = 1;
  let armed: ReturnType<typeof setTimeout> | undefined;
  let firing = false;

  const now = (): number => (manual ? start + offset : start + (Date.now() - realStart) * speed + offset);

  const insert = (timer: Timer): void => {
    // Stable order: equal due times fire in creation order.
    let index = timers.length;
    while (index > 0 && (timers[index - 1]?.due ?? 0) > timer.due) index--;
    timers.splice(index, 0, timer);
  };

  const runDue = (until: number, moveTime: boolean): void => {
    firing = true;
    try {
      for (let timer = timers[0]; timer !== undefined && timer.due <= until; timer = timers[0]) {
        timers.shift();
        if (moveTime && timer.due > now()) offset += timer.due - now();
        if (timer.interval !== undefined) {
          // Skip periods that fell entirely in the past so a long pause does not cause a burst.
          timer.due = moveTime ? timer.due + timer.interval : Math.max(timer.due + timer.interval, now());
          insert(timer);
        }
        try {
          timer.fn();
        } catch (error) {
          console.error('simulated clock: timer callback failed', error);
        }
      }
    } finally {
      firing = false;
    }
  };

  const arm = (): void => {
    if (manual) return;
    if (armed !== undefined) clearTimeout(armed);
    armed = undefined;
    const first = timers[0];
    if (first === undefined) return;
    const delay = Math.max(0, (first.due - now()) / speed);
    armed = setTimeout(() => {
      armed = undefined;
      runDue(now(), false);
      arm();
    }, Math.min(delay, 2_147_483_647));
    armed.unref?.();
  };

  const schedule = (ms: number, interval: number | undefined, fn: () => void): CancelTimer => {
    const timer: Timer = { id: nextId++, due: now() + Math.max(0, ms), interval, fn };
    insert(timer);
    if (!firing) arm();
    return () => {
      timers = timers.filter((t) => t.id !== timer.id);
      if (!firing) arm();
    };
  };

  return {
    speed,
    manual,
    now,
    after: (ms, fn) => schedule(ms, undefined, fn),
    every: (ms, fn) => {
      if (!(ms > 0)) throw new Error(`every() needs a positive interval, got ${ms}`);
      return schedule(ms, ms, fn);
    },
    advance: (ms) => {
      if (!(ms >= 0)) throw new Error(`advance() needs a non-negative duration, got ${ms}`);
      const target = now() + ms;
      runDue(target, true);
      if (now() < target) offset += target - now();
      arm();
    },
    pendingTimers: () => timers.length,
    stop: () => {
      timers = [];
      if (armed !== undefined) clearTimeout(armed);
      armed = undefined;
    },
  };
}
