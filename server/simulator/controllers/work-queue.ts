import 'server-only';
import type { SimClock } from '../clock';

/**
 * Per-controller work queues, as upstream's rate-limited workqueue: keys are coalesced (adding a key
 * that is already pending does nothing) and processed outside the store listener that added them.
 */
export interface WorkQueue {
  /** Marks `key` for a sync. */
  add(key: string): void;
  /** Marks `key` for a sync `ms` simulated milliseconds from now (coalesced per key: the earliest wins). */
  addAfter(key: string, ms: number): void;
  /** Processes every pending key now; returns how many syncs ran. */
  flush(): number;
  /** Keys waiting for a sync. */
  pending(): number;
}

/** Drives every queue of one simulated cluster. */
export interface QueueRunner {
  /** Creates a queue whose keys are synced by `sync`. */
  queue(name: string, sync: (key: string) => void): WorkQueue;
  /** Flushes all queues until none has work (or `maxRounds` passes); returns the syncs run. */
  settle(maxRounds?: number): number;
  /** Cancels delayed adds and stops scheduling flushes. */
  stop(): void;
}

/**
 * Creates the runner. With `auto`, a queue flushes itself on the next macrotask after an add (the
 * running simulator); without it only `settle()` runs syncs, so tests decide when controllers act.
 */
export function createQueueRunner(clock: SimClock, options: { auto: boolean }): QueueRunner {
  const queues: WorkQueue[] = [];
  const cancels = new Set<() => void>();
  let stopped = false;

  const queue = (name: string, sync: (key: string) => void): WorkQueue => {
    const keys = new Set<string>();
    const delayed = new Map<string, { due: number; cancel: () => void }>();
    // Per-key retry delay after failed syncs: 1 s doubling to 5 minutes, reset by a success.
    const failures = new Map<string, number>();
    let scheduled = false;

    const flush = (): number => {
      scheduled = false;
      let ran = 0;
      const batch = [...keys];
      keys.clear();
      for (const key of batch) {
        ran++;
        try {
          sync(key);
          failures.delete(key);
        } catch (error) {
          // A failed sync is retried later, like upstream's rate-limited requeue.
          const delay = Math.min((failures.get(key) ?? 500) * 2, 300_000);
          failures.set(key, delay);
          const message = error instanceof Error ? error.message : String(error);
          console.error(`simulator ${name}: sync of ${key} failed (retrying in ${delay / 1000}s): ${message}`);
          self.addAfter(key, delay);
        }
      }
      return ran;
    };

    const self: WorkQueue = {
      add(key) {
        if (stopped) return;
        keys.add(key);
        if (options.auto && !scheduled) {
          scheduled = true;
          setImmediate(() => {
            if (!stopped) flush();
          });
        }
      },
      addAfter(key, ms) {
        if (stopped) return;
        if (ms <= 0) return self.add(key);
        const due = clock.now() + ms;
        const existing = delayed.get(key);
        if (existing !== undefined && existing.due <= due) return;
        existing?.cancel();
        const cancel = clock.after(ms, () => {
          delayed.delete(key);
          cancels.delete(cancel);
          self.add(key);
        });
        cancels.add(cancel);
        delayed.set(key, { due, cancel });
      },
      flush,
      pending: () => keys.size,
    };
    queues.push(self);
    return self;
  };

  return {
    queue,
    settle(maxRounds = 1_000) {
      let total = 0;
      for (let round = 0; round < maxRounds; round++) {
        let ran = 0;
        for (const q of queues) ran += q.flush();
        total += ran;
        if (ran === 0) return total;
      }
      throw new Error(`simulated cluster did not settle after ${maxRounds} rounds`);
    },
    stop() {
      stopped = true;
      for (const cancel of cancels) cancel();
      cancels.clear();
    },
  };
}
