/**
 * The soak's load: pods made unready in bulk through the simulator's `POST /_sim/unready` (a failing
 * readiness probe; the simulated kubelet makes each pod Ready again after its readiness delay), paced
 * every tick and steered once a second toward the target rate of watch events the proxy counts.
 */
import { performance } from 'node:perf_hooks';
import { getJson } from '../bench/sim-api';
import type { Pod } from '../../lib/k8s-types';
import { cellKey, type FlipLedger, type FlipRequest } from './flip-ledger';
import { flipsForTick, initialRate, nextRate, type RateState } from './rate-control';

/** A flip no batch has shown by then is counted as unseen (and latencies beyond it are not measured). */
export const UNSEEN_AFTER_MS = 120_000;

/** Flips in one request at most (the simulator takes up to 5,000). */
const MAX_BATCH = 2_000;

/** A pod the driver may flip, and the grid cell it shows in. */
export interface FlipCandidate {
  /** `namespace/name`. */
  pod: string;
  cell: string;
}

/** Ready pods owned by a DaemonSet and bound to a node, in a fixed shuffled order (spread over the grid). */
export function flipCandidates(pods: readonly Pod[], seed: number): FlipCandidate[] {
  const candidates: FlipCandidate[] = [];
  for (const pod of pods) {
    const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller === true && reference.kind === 'DaemonSet');
    const node = pod.spec?.nodeName;
    const ready = pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True');
    const namespace = pod.metadata?.namespace;
    const name = pod.metadata?.name;
    if (owner === undefined || !node || !ready || !namespace || !name) continue;
    candidates.push({ pod: `${namespace}/${name}`, cell: cellKey(`${namespace}/${owner.name}`, node) });
  }
  return shuffle(candidates, seed);
}

/** Fisher–Yates with a small seeded generator (the same seed flips pods in the same order). */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Options of {@link startDriver}. */
export interface DriverOptions {
  simUrl: string;
  targetEventsPerSecond: number;
  /** Watch events counted so far at the API server's side (the proxy). */
  watchEvents: () => number;
  ledger: FlipLedger;
  seed: number;
  log: (line: string) => void;
  tickMs?: number;
  /** Requests to the simulator allowed in flight; a tick finding them all busy is skipped (and counted). */
  maxInFlight?: number;
}

/** What the driver did. */
export interface DriverResult {
  seconds: number;
  requests: number;
  flipsAsked: number;
  flipsMade: number;
  /** Ticks whose flips waited for the next request because the simulator had not answered the earlier ones. */
  ticksSkipped: number;
  /** Requests that failed (their flips are not timed: the simulator may or may not have made them). */
  failedRequests: number;
  /** Round-trip of each `POST /_sim/unready`, ms. */
  requestMs: number[];
  errors: string[];
  final: RateState;
}

/** A running driver. */
export interface Driver {
  /** Stops asking for flips and waits for the requests in flight (once; later calls get the same result). */
  stop(): Promise<DriverResult>;
}

/** An error's message with its cause (undici's "fetch failed" says why only there). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause === undefined ? error.message : `${error.message}: ${cause}`;
}

interface UnreadyAnswer {
  changed?: unknown;
  skipped?: unknown;
}

/** Lists the cluster's pods and starts flipping them. */
export async function startDriver(options: DriverOptions): Promise<Driver> {
  const pods = (await getJson<{ items?: Pod[] }>(options.simUrl, '/api/v1/pods')).items ?? [];
  const candidates = flipCandidates(pods, options.seed);
  if (candidates.length === 0) throw new Error('the simulated cluster has no Ready DaemonSet pod to make unready');
  const cellOf = new Map(candidates.map((candidate) => [candidate.pod, candidate.cell]));
  const tickMs = options.tickMs ?? 100;
  const maxInFlight = options.maxInFlight ?? 2;
  const result: DriverResult = { seconds: 0, requests: 0, flipsAsked: 0, flipsMade: 0, ticksSkipped: 0, failedRequests: 0, requestMs: [], errors: [], final: initialRate(options.targetEventsPerSecond) };
  options.log(`soak: ${candidates.length} Ready daemon pods to flip, aiming at ${options.targetEventsPerSecond} watch events/s`);
  let rate = result.final;
  let carry = 0;
  let next = 0;
  let inFlight = 0;
  const requests = new Set<Promise<void>>();
  let window = { flips: 0, events: options.watchEvents() };
  const startedAt = performance.now();

  const send = (batch: FlipCandidate[]) => {
    const flipRequest: FlipRequest = { requestedAt: performance.now() };
    options.ledger.register(batch.map((candidate) => candidate.cell), flipRequest);
    result.requests++;
    result.flipsAsked += batch.length;
    inFlight++;
    const request = fetch(`${options.simUrl}/_sim/unready`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ pods: batch.map((candidate) => candidate.pod) }),
    })
      .then(async (response) => {
        flipRequest.answeredAt = performance.now();
        const answer = (await response.json()) as UnreadyAnswer;
        if (!response.ok) throw new Error(`POST /_sim/unready: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
        const changed = Array.isArray(answer.changed) ? answer.changed.length : 0;
        const skipped = Array.isArray(answer.skipped) ? answer.skipped.filter((pod): pod is string => typeof pod === 'string') : [];
        options.ledger.cancel(skipped.map((pod) => cellOf.get(pod) ?? ''));
        result.flipsMade += changed;
        window.flips += changed;
        result.requestMs.push(flipRequest.answeredAt - flipRequest.requestedAt);
      })
      .catch((error: unknown) => {
        options.ledger.cancel(batch.map((candidate) => candidate.cell));
        result.failedRequests++;
        if (result.errors.length < 10) result.errors.push(describeError(error));
      })
      .finally(() => {
        inFlight--;
        requests.delete(request);
      });
    requests.add(request);
  };

  // Flips due while every request was in flight: sent with the next one, so a slow simulator gets
  // bigger batches rather than fewer flips.
  let owed = 0;
  const tick = setInterval(() => {
    const due = flipsForTick(rate.flipsPerSecond, tickMs, carry);
    carry = due.carry;
    owed = Math.min(MAX_BATCH, owed + due.flips);
    if (owed === 0) return;
    if (inFlight >= maxInFlight) {
      result.ticksSkipped++;
      return;
    }
    const batch: FlipCandidate[] = [];
    const count = owed;
    owed = 0;
    for (let i = 0; i < count; i++) {
      batch.push(candidates[next] as FlipCandidate);
      next = (next + 1) % candidates.length;
    }
    send(batch);
  }, tickMs);

  const control = setInterval(() => {
    const events = options.watchEvents();
    rate = nextRate(rate, { flips: window.flips, events: events - window.events }, options.targetEventsPerSecond);
    window = { flips: 0, events };
    // A flip that changes no cell is never delivered: its cell shows the same state either way, or
    // the pod was Ready again by the batch that would have carried the change (a backlogged hub).
    options.ledger.expire(performance.now() - UNSEEN_AFTER_MS);
  }, 1_000);

  let stopped: Promise<DriverResult> | undefined;
  return {
    stop: () => {
      stopped ??= (async () => {
        clearInterval(tick);
        clearInterval(control);
        result.seconds = (performance.now() - startedAt) / 1000;
        await Promise.allSettled([...requests]);
        result.final = rate;
        return result;
      })();
      return stopped;
    },
  };
}
