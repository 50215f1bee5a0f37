import 'server-only';
import { ListWatch, type KubernetesObject, type Watch } from '@kubernetes/client-node';
import type { ObjectMeta } from '@/lib/k8s-types';
import { describeError } from '../errors';

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

/** The subset of client-node's Watch the ListWatch calls. */
export type WatchLike = Pick<Watch, 'watch'>;

/** Everything the supervisor needs; clocks, randomness and timers are injected for tests. */
export interface SupervisorOptions<T extends Keyed> {
  resource: string;
  /** The REST collection path, e.g. `/api/v1/nodes`. */
  path: string;
  /** Lists the collection; `onPage` is called as pages arrive so a long paged list is not mistaken for silence. */
  list: (signal: AbortSignal, onPage: () => void) => Promise<RawList>;
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

const keyOf = (object: Keyed) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/** Starts nothing until `start()`; see the module comment. */
export function superviseWatch<T extends Keyed>(options: SupervisorOptions<T>): SupervisedWatch<T> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const watchdogMs = options.watchdogMs ?? 90_000;
  const keep = options.keep ?? (() => true);
  // Our own view by namespace/name: a relist reports a deleted-and-recreated object as an update of
  // the same name, so the old uid must be deleted here or the model would keep a ghost.
  const emitted = new Map<string, T>();
  const state: SyncState = { synced: false, count: 0, staleSince: now() };
  let attempts = 0;
  let stopped = true;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdogTimer: ReturnType<typeof setInterval> | undefined;
  let current: { abort: (reason: unknown) => void; silenced: boolean } | undefined;

  const publish = () => {
    state.count = emitted.size;
    options.onState?.({ ...state });
  };
  const touch = () => {
    state.lastEventAt = now();
  };

  const upsert = (object: T) => {
    const key = keyOf(object);
    const previous = emitted.get(key);
    if (previous !== undefined && previous.metadata?.uid !== object.metadata?.uid) {
      options.onEvent({ type: 'DELETED', object: previous });
    }
    emitted.set(key, object);
    const isNew = previous === undefined || previous.metadata?.uid !== object.metadata?.uid;
    options.onEvent({ type: isNew ? 'ADDED' : 'MODIFIED', object });
  };
  const remove = (object: T) => {
    const key = keyOf(object);
    const previous = emitted.get(key);
    if (previous === undefined) return;
    emitted.delete(key);
    options.onEvent({ type: 'DELETED', object: previous });
  };

  const list = async () => {
    const controller = new AbortController();
    current = { abort: (reason) => controller.abort(reason), silenced: false };
    const raw = await options.list(controller.signal, touch);
    touch();
    const items = (raw.items ?? []).map(options.slim).filter(keep);
    return { metadata: raw.metadata ?? {}, items: items as unknown as Cached[] };
  };

  const watch: WatchLike = {
    watch: async (path, query, callback, done) => {
      // Reaching the watch means the cache equals a list at this resourceVersion (or resumes from one).
      touch();
      const request = { silenced: false, abort: (_reason: unknown) => {} };
      current = request;
      const slimmingCallback = (phase: string, object: unknown, raw: unknown) => {
        touch();
        if (phase !== 'ADDED' && phase !== 'MODIFIED' && phase !== 'DELETED') return callback(phase, object, raw);
        const slim = options.slim(object);
        // An object that stops matching (a pod orphaned from its DaemonSet) must leave the cache.
        callback(keep(slim) ? phase : 'DELETED', slim, raw);
      };
      const guardedDone = (error: unknown) => {
        // The watchdog aborted this request: let ListWatch see a client timeout and rewatch at once.
        done(request.silenced ? new DOMException('no data from the API server', 'TimeoutError') : error);
      };
      // Bookmarks keep a quiet resource's resourceVersion fresh, so a resume after the client's
      // inactivity timeout does not meet 410 Gone and a full relist.
      const controller = await options.watch.watch(path, { ...query, allowWatchBookmarks: true }, slimmingCallback, guardedDone);
      request.abort = (reason) => controller.abort(reason);
      if (!state.synced || state.error !== undefined) {
        state.synced = true;
        delete state.error;
        delete state.staleSince;
        attempts = 0;
        publish();
      }
      return controller;
    },
  };

  const informer = new ListWatch<Cached>(options.path, watch as Watch, list, false);
  informer.on('add', (object) => upsert(object as T));
  informer.on('update', (object) => upsert(object as T));
  informer.on('delete', (object) => remove(object as T));
  informer.on('connect', touch);
  informer.on('error', (error: unknown) => {
    if (stopped) return;
    state.error = `${options.resource}: ${describeError(error)}`;
    state.staleSince ??= now();
    publish();
    scheduleRestart();
  });

  const scheduleRestart = () => {
    clearTimeout(restartTimer);
    const capped = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempts);
    attempts += 1;
    // Equal jitter: half fixed, half random, so many clusters failing together do not retry in step.
    const delay = capped / 2 + (random() * capped) / 2;
    restartTimer = setTimeout(() => {
      if (!stopped) void informer.start();
    }, delay);
  };

  const checkSilence = () => {
    const since = state.lastEventAt ?? 0;
    if (!stopped && current !== undefined && !current.silenced && now() - since > watchdogMs) {
      current.silenced = true;
      touch();
      current.abort(new DOMException('no data from the API server', 'TimeoutError'));
    }
  };

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      touch();
      watchdogTimer = setInterval(checkSilence, Math.max(50, Math.floor(watchdogMs / 4)));
      watchdogTimer.unref?.();
      await informer.start();
    },
    stop() {
      stopped = true;
      clearTimeout(restartTimer);
      clearInterval(watchdogTimer);
      void informer.stop();
    },
    state: () => ({ ...state, count: emitted.size }),
    objects: () => [...emitted.values()],
  };
}
