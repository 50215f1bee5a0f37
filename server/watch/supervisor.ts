import 'server-only';
import { ListWatch, type KubernetesObject, type Watch } from '@kubernetes/client-node';
import type { ObjectMeta } from '@/lib/k8s-types';
import { describeError } from '../errors';
import { retryAfterMs } from './retry-after';
import { UidLedger } from './uid-ledger';

/**
 * client-node's informer is not a supervisor (STYLE.md): on any error other than a 410 or a client
 * timeout it emits `error` and stops for good. This wraps one ListWatch per resource kind:
 * restart with backoff and jitter, a watchdog for silence, slimming on arrival, and a published
 * sync state. Every object leaves here as an idempotent upsert or a delete.
 */

/** The minimum an object must carry to be cached and keyed. */
export interface Keyed {
  metadata?: ObjectMeta;
}

/** What the supervisor reports for one resource kind. */
export interface SyncState {
  /** An initial list has completed. */
  synced: boolean;
  /** Objects currently cached. */
  count: number;
  /** Milliseconds since the epoch of the last event, list or (re)connect. */
  lastEventAt?: number;
  /** The last error, while it is not yet recovered from. */
  error?: string;
  /** Since when the cache may be behind the cluster (error, or never synced); absent while live. */
  staleSince?: number;
}

/** A change for the model, in the API's own vocabulary. */
export interface SupervisedEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
}

/** A raw list page as the API answers it. */
export interface RawList {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

/** A whole list, its items already converted (slimmed, and those not kept left out). */
export interface ConvertedList<T> {
  metadata: { resourceVersion?: string };
  items: T[];
}

/** The subset of client-node's Watch the ListWatch calls. */
export type WatchLike = Pick<Watch, 'watch'>;

/** Everything the supervisor needs; clocks, randomness and timers are injected for tests. */
export interface SupervisorOptions<T extends Keyed> {
  resource: string;
  /** The REST collection path, e.g. `/api/v1/nodes`. */
  path: string;
  /**
   * Lists the collection, passing each item through `convert` as its page arrives (so raw pages are
   * not all held at once); `onPage` is called per page so a long paged list is not mistaken for silence.
   */
  list: (signal: AbortSignal, onPage: () => void, convert: (raw: unknown) => T | undefined) => Promise<ConvertedList<T>>;
  watch: WatchLike;
  slim: (raw: unknown) => T;
  /** Objects for which this is false are not cached (and leave the cache when they stop matching). */
  keep?: (object: T) => boolean;
  onEvent: (event: SupervisedEvent<T>) => void;
  onState?: (state: SyncState) => void;
  now?: () => number;
  random?: () => number;
  backoff?: { initialMs: number; maxMs: number };
  /** No list, event or reconnect for this long means the connection is stuck: abort and rewatch. */
  watchdogMs?: number;
}

/** A running supervised watch. */
export interface SupervisedWatch<T> {
  start(): Promise<void>;
  stop(): void;
  state(): SyncState;
  objects(): T[];
}

type Cached = KubernetesObject & Keyed;

/** The request the watchdog may abort: the running list or watch. */
interface InFlight {
  abort: (reason: unknown) => void;
  silenced: boolean;
}

const silence = () => new DOMException('no data from the API server', 'TimeoutError');

/** One resource kind's ListWatch under supervision; see the module comment. */
class SupervisedListWatch<T extends Keyed> implements SupervisedWatch<T> {
  private readonly now: () => number;
  private readonly ledger: UidLedger<T>;
  private readonly informer: ListWatch<Cached>;
  private readonly status: SyncState;
  private attempts = 0;
  private stopped = true;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setInterval> | undefined;
  private current: InFlight | undefined;

  constructor(private readonly options: SupervisorOptions<T>) {
    this.now = options.now ?? Date.now;
    this.status = { synced: false, count: 0, staleSince: this.now() };
    this.ledger = new UidLedger(options.onEvent);
    this.informer = new ListWatch<Cached>(options.path, this.slimmingWatch() as Watch, () => this.list(), false);
    this.informer.on('add', (object) => this.ledger.upsert(object as T));
    this.informer.on('update', (object) => this.ledger.upsert(object as T));
    this.informer.on('delete', (object) => this.ledger.remove(object as T));
    this.informer.on('connect', () => this.touch());
    this.informer.on('error', (error: unknown) => this.failed(error));
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.touch();
    const watchdogMs = this.options.watchdogMs ?? 90_000;
    this.watchdogTimer = setInterval(() => this.checkSilence(watchdogMs), Math.max(50, Math.floor(watchdogMs / 4)));
    this.watchdogTimer.unref?.();
    await this.informer.start();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.watchdogTimer);
    void this.informer.stop();
  }

  state(): SyncState {
    return { ...this.status, count: this.ledger.size() };
  }

  objects(): T[] {
    return this.ledger.values();
  }

  private touch(): void {
    this.status.lastEventAt = this.now();
  }

  private publish(): void {
    this.status.count = this.ledger.size();
    this.options.onState?.({ ...this.status });
  }

  private keep(object: T): boolean {
    return this.options.keep?.(object) ?? true;
  }

  private async list() {
    const controller = new AbortController();
    this.current = { abort: (reason) => controller.abort(reason), silenced: false };
    const convert = (raw: unknown): T | undefined => {
      const slim = this.options.slim(raw);
      return this.keep(slim) ? slim : undefined;
    };
    const list = await this.options.list(controller.signal, () => this.touch(), convert);
    this.touch();
    this.ledger.replaceRecreated(list.items);
    return { metadata: list.metadata, items: list.items as unknown as Cached[] };
  }

  /** The Watch ListWatch calls: slims objects on arrival, asks for bookmarks, lets the watchdog abort. */
  private slimmingWatch(): WatchLike {
    return {
      watch: async (path, query, callback, done) => {
        // Reaching the watch means the cache equals a list at this resourceVersion (or resumes from one).
        this.touch();
        const request: InFlight = { silenced: false, abort: () => {} };
        this.current = request;
        const slimming = (phase: string, object: unknown, raw: unknown) => {
          this.touch();
          if (phase === 'ERROR' && isHistoryLost(object)) {
            this.historyLost(object);
            // ListWatch relists on code 410 only; a too-large resourceVersion needs the same (client-go's reflector does so).
            return callback(phase, { ...object, code: 410 }, raw);
          }
          if (phase !== 'ADDED' && phase !== 'MODIFIED' && phase !== 'DELETED') return callback(phase, object, raw);
          const slim = this.options.slim(object);
          // An object that stops matching (a pod orphaned from its DaemonSet) must leave the cache.
          callback(this.keep(slim) ? phase : 'DELETED', slim, raw);
        };
        // client-node's watch() resolves even when the request failed (refused, reset, 5xx): it reports
        // through `done` first. Only a watch that did not end while connecting counts as re-synced.
        let ended = false;
        // A watchdog abort reaches ListWatch as a client timeout, so it rewatches at once from its resourceVersion.
        const guardedDone = (error: unknown) => {
          ended = true;
          if (isHistoryLost(error)) this.historyLost(error);
          done(request.silenced ? silence() : error);
        };
        // Bookmarks keep a quiet resource's resourceVersion fresh, so a resume after the client's
        // inactivity timeout does not meet 410 Gone and a full relist.
        const controller = await this.options.watch.watch(path, { ...query, allowWatchBookmarks: true }, slimming, guardedDone);
        request.abort = (reason) => controller.abort(reason);
        if (!ended) this.recovered();
        return controller;
      },
    };
  }

  private recovered(): void {
    if (this.status.synced && this.status.error === undefined) return;
    this.status.synced = true;
    delete this.status.error;
    delete this.status.staleSince;
    this.attempts = 0;
    this.publish();
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    this.status.error = `${this.options.resource}: ${describeError(error)}`;
    this.status.staleSince ??= this.now();
    this.publish();
    this.scheduleRestart(retryAfterMs(error));
  }

  /**
   * The server no longer has the events after our resourceVersion (410 Gone, or it restarted and does not
   * know it): ListWatch relists, and until that list is in, the cache may be behind — Stale.
   */
  private historyLost(status: unknown): void {
    if (this.stopped) return;
    this.status.error = `${this.options.resource}: watch history lost (${statusMessage(status)}); relisting`;
    this.status.staleSince ??= this.now();
    this.publish();
  }

  /** Retries after the backoff, or after the server's Retry-After when that is longer (429, 503). */
  private scheduleRestart(retryAfter: number | undefined): void {
    clearTimeout(this.restartTimer);
    const backoff = this.options.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const capped = Math.min(backoff.maxMs, backoff.initialMs * 2 ** this.attempts);
    this.attempts += 1;
    // Equal jitter: half fixed, half random, so many clusters failing together do not retry in step.
    const jittered = capped / 2 + ((this.options.random ?? Math.random)() * capped) / 2;
    const delay = Math.max(jittered, retryAfter ?? 0);
    this.restartTimer = setTimeout(() => {
      if (!this.stopped) void this.informer.start();
    }, delay);
  }

  private checkSilence(watchdogMs: number): void {
    const current = this.current;
    if (this.stopped || current === undefined || current.silenced) return;
    if (this.now() - (this.status.lastEventAt ?? 0) <= watchdogMs) return;
    current.silenced = true;
    this.touch();
    current.abort(silence());
  }
}

/** A watch ERROR Status or a refused watch that means "relist": 410 Gone, or a resourceVersion the server has not reached. */
function isHistoryLost(value: unknown): value is { code?: unknown; statusCode?: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { code?: unknown; statusCode?: unknown; details?: { causes?: { reason?: unknown }[] } };
  if (record.code === 410 || record.statusCode === 410) return true;
  return record.details?.causes?.some((cause) => cause.reason === 'ResourceVersionTooLarge') === true;
}

function statusMessage(value: unknown): string {
  const message = typeof value === 'object' && value !== null ? (value as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message !== '' ? message : '410 Gone';
}

/** A supervised list+watch of one resource kind; nothing starts until `start()`. */
export function superviseWatch<T extends Keyed>(options: SupervisorOptions<T>): SupervisedWatch<T> {
  return new SupervisedListWatch(options);
}
