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

/** Timers in one due-ordered list, so manual and real-time modes share the code that fires them. */
class SimulatedClock implements SimClock {
  private readonly realStart = Date.now();
  private readonly start: number;
  /** Simulated ms added by advance(); in manual mode the only source of movement. */
  private offset = 0;
  private timers: Timer[] = [];
  private nextId = 1;
  private armed: ReturnType<typeof setTimeout> | undefined;
  private firing = false;

  constructor(
    readonly speed: number,
    readonly manual: boolean,
    start: number | undefined,
  ) {
    this.start = start ?? this.realStart;
  }

  /** An arrow property, so `const { now } = clock` keeps working as it did with a plain object. */
  readonly now = (): number =>
    this.manual ? this.start + this.offset : this.start + (Date.now() - this.realStart) * this.speed + this.offset;

  after(ms: number, fn: () => void): CancelTimer {
    return this.schedule(ms, undefined, fn);
  }

  every(ms: number, fn: () => void): CancelTimer {
    if (!(ms > 0)) throw new Error(`every() needs a positive interval, got ${ms}`);
    return this.schedule(ms, ms, fn);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance() needs a non-negative duration, got ${ms}`);
    const target = this.now() + ms;
    this.runDue(target, true);
    if (this.now() < target) this.offset += target - this.now();
    this.arm();
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  stop(): void {
    this.timers = [];
    if (this.armed !== undefined) clearTimeout(this.armed);
    this.armed = undefined;
  }

  private schedule(ms: number, interval: number | undefined, fn: () => void): CancelTimer {
    const timer: Timer = { id: this.nextId++, due: this.now() + Math.max(0, ms), interval, fn };
    this.insert(timer);
    if (!this.firing) this.arm();
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
      if (!this.firing) this.arm();
    };
  }

  /** Stable order: equal due times fire in creation order. */
  private insert(timer: Timer): void {
    let index = this.timers.length;
    while (index > 0 && (this.timers[index - 1]?.due ?? 0) > timer.due) index--;
    this.timers.splice(index, 0, timer);
  }

  /** Fires every timer due by `until`; with `moveTime` the clock stands at each timer's due time as it fires. */
  private runDue(until: number, moveTime: boolean): void {
    this.firing = true;
    try {
      for (let timer = this.timers[0]; timer !== undefined && timer.due <= until; timer = this.timers[0]) {
        this.timers.shift();
        if (moveTime && timer.due > this.now()) this.offset += timer.due - this.now();
        if (timer.interval !== undefined) {
          // Skip periods that fell entirely in the past so a long pause does not cause a burst.
          timer.due = moveTime ? timer.due + timer.interval : Math.max(timer.due + timer.interval, this.now());
          this.insert(timer);
        }
        try {
          timer.fn();
        } catch (error) {
          console.error('simulated clock: timer callback failed', error);
        }
      }
    } finally {
      this.firing = false;
    }
  }

  /** In real-time mode, one Node timer for the earliest simulated timer (unref'd: it never keeps a process alive). */
  private arm(): void {
    if (this.manual) return;
    if (this.armed !== undefined) clearTimeout(this.armed);
    this.armed = undefined;
    const first = this.timers[0];
    if (first === undefined) return;
    const delay = Math.max(0, (first.due - this.now()) / this.speed);
    this.armed = setTimeout(() => {
      this.armed = undefined;
      this.runDue(this.now(), false);
      this.arm();
    }, Math.min(delay, 2_147_483_647));
    this.armed.unref?.();
  }
}

/** Creates a simulated clock. */
export function createClock(options: ClockOptions = {}): SimClock {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`clock speed must be a positive number, got ${String(options.speed)}`);
  return new SimulatedClock(speed, options.manual ?? false, options.start);
}
