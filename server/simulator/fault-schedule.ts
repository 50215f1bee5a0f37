import 'server-only';
import type { Faults, FailureRule } from './api/faults';

/** Faults `npm run sim` injects at start (latency) or every so often (the rest), in wall-clock time. */
export interface FaultPlan {
  /** Added to every request from the start. */
  latencyMs?: number;
  /** Destroys every open watch's socket this often. */
  dropWatchesEveryMs?: number;
  /** Forgets the watch history and sends 410 Gone to every open watch this often. */
  expireWatchesEveryMs?: number;
  /** This often, the next `count` requests answer `status` (with Retry-After for 429/503). */
  fail?: { everyMs: number; status: FailureRule['status']; count: number; retryAfterSeconds?: number };
  /** Flips this node between Ready and NotReady this often. */
  flapNode?: { name: string; everyMs: number };
}

/** A running schedule. */
export interface FaultSchedule {
  /** One line per fault in effect, for the start-up message. */
  readonly description: string[];
  stop(): void;
}

/** Applies `plan` to `faults`, logging each periodic injection with `log`; throws when the flapping node does not exist. */
export function startFaultSchedule(faults: Faults, plan: FaultPlan, log: (line: string) => void): FaultSchedule {
  if (plan.flapNode !== undefined) faults.setNodeReady(plan.flapNode.name, true);
  if (plan.latencyMs !== undefined && plan.latencyMs > 0) faults.setLatency(plan.latencyMs);
  const timers: ReturnType<typeof setInterval>[] = [];
  const description: string[] = [];
  const every = (ms: number, what: string, inject: () => string): void => {
    description.push(`${what} every ${seconds(ms)}`);
    const timer = setInterval(() => log(`fault: ${inject()}`), ms);
    timer.unref?.();
    timers.push(timer);
  };
  if (plan.latencyMs !== undefined && plan.latencyMs > 0) description.push(`${plan.latencyMs} ms latency on every request`);
  if (plan.dropWatchesEveryMs !== undefined) every(plan.dropWatchesEveryMs, 'drop every watch', () => `dropped ${faults.dropWatches()} watches`);
  if (plan.expireWatchesEveryMs !== undefined) {
    every(plan.expireWatchesEveryMs, '410 Gone to every watch', () => `expired ${faults.compact({ expireOpenWatches: true })} watches (410 Gone)`);
  }
  const fail = plan.fail;
  if (fail !== undefined) {
    const rule: FailureRule = { count: fail.count, status: fail.status, ...(fail.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fail.retryAfterSeconds }) };
    every(fail.everyMs, `${fail.count} requests answer ${fail.status}`, () => {
      faults.failNext(rule);
      return `the next ${fail.count} requests answer ${fail.status}`;
    });
  }
  const flap = plan.flapNode;
  if (flap !== undefined) every(flap.everyMs, `node ${flap.name} flips Ready/NotReady`, () => `node ${flap.name} Ready=${faults.setNodeReady(flap.name)}`);
  return {
    description,
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
