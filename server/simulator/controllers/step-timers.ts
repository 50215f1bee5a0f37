import 'server-only';
import type { SimClock } from '../clock';

/**
 * One pending timer per key, tagged with the step it waits for: a controller asks "is the wait for this
 * step over?" when it next syncs the key, so a timer firing and a sync for other reasons never race.
 */
export class StepTimers<Step extends string> {
  private readonly timers = new Map<string, { step: Step; due: boolean; cancel: () => void }>();

  constructor(
    private readonly clock: SimClock,
    private readonly onDue: (key: string) => void,
  ) {}

  /** Whether the wait for `step` on `key` has run out. */
  isDue(key: string, step: Step): boolean {
    const timer = this.timers.get(key);
    return timer?.step === step && timer.due;
  }

  /** Starts waiting `ms` for `step` unless already waiting for that step; a wait for another step is replaced. */
  wait(key: string, step: Step, ms: number): void {
    const existing = this.timers.get(key);
    if (existing?.step === step) return;
    existing?.cancel();
    const entry = { step, due: false, cancel: (): void => undefined };
    entry.cancel = this.clock.after(ms, () => {
      entry.due = true;
      this.onDue(key);
    });
    this.timers.set(key, entry);
  }

  /** Drops the key's timer, if any. */
  forget(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  /** Drops every timer. */
  clear(): void {
    for (const key of [...this.timers.keys()]) this.forget(key);
  }
}
