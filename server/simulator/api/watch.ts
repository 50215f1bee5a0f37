import 'server-only';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type SimStore } from '../store';
import { type KObject, type ResourceKind, type StoreEvent, type WatchEventType } from '../store-types';
import { type HistoryEvent } from './event-history';
import { type Representation } from './http-io';
import { type ListQuery, matchesQuery } from './list-query';
import { apiVersionOf, RESOURCES } from './resources';
import { gone, toStatus } from './status-error';
import { buildTable, partialObjectMetadata } from './tables/table';
import { type WatchRegistry } from './watch-registry';

/** Options of one watch request. */
export interface WatchOptions {
  store: SimStore;
  kind: ResourceKind;
  query: ListQuery;
  representation: Representation;
  allowBookmarks: boolean;
  /** The watch-list protocol: current state as ADDED, then a BOOKMARK marking `k8s.io/initial-events-end`. */
  sendInitialEvents: boolean;
  timeoutSeconds: number;
  bookmarkIntervalMs: number;
  registry: WatchRegistry;
}

/**
 * The type a selector-filtered watcher sees (upstream's cacher `watchCacheEvent` filtering): an object that
 * starts matching is ADDED, one that stops matching is DELETED.
 */
function filteredType(event: HistoryEvent, query: ListQuery): WatchEventType | undefined {
  const now = matchesQuery(query, event.object);
  if (event.type !== 'MODIFIED') return now ? event.type : undefined;
  const before = event.previous ? matchesQuery(query, event.previous) : now;
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

type Send = (type: string, object: unknown) => void;
type Render = (object: KObject) => unknown;

/** Serves `?watch=true`: replay from resourceVersion (or the current state), then live events as JSON lines. */
export function serveWatch(req: IncomingMessage, res: ServerResponse, options: WatchOptions): void {
  const send: Send = (type, object) => void res.write(`${options.store.toJson({ type, object })}\n`);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const render = makeRenderer(options);
  if (!replay(options, send, render)) {
    res.end();
    return;
  }
  const stop = streamLive(res, options, send, render);
  req.on('close', stop);
  res.on('close', stop);
}

/** The event object in the negotiated representation; a Table carries its columns on the first event only. */
function makeRenderer({ store, kind, query, representation }: WatchOptions): Render {
  let sentColumns = false;
  return (object) => {
    if (representation === 'table') {
      const table = buildTable(kind, [object], store.clock.now(), query.includeObject, {}, !sentColumns);
      sentColumns = true;
      return table;
    }
    return representation === 'partial-metadata' ? partialObjectMetadata(object) : object;
  };
}

/** Sends the initial state or the history after resourceVersion; false (after an ERROR event) when it is Gone. */
function replay({ store, kind, query, sendInitialEvents }: WatchOptions, send: Send, render: Render): boolean {
  const rv = query.resourceVersion ?? '';
  const fromState = rv === '' || rv === '0' || sendInitialEvents;
  let events: StoreEvent[];
  try {
    events = fromState ? initialEvents(store, kind, query) : store.eventsSince(kind, rv);
  } catch (error) {
    send('ERROR', toStatus(error));
    return false;
  }
  for (const event of events) {
    // Initial state is all ADDED; a resumed history is filtered like live events.
    const type = fromState ? event.type : filteredType(event, query);
    if (type) send(type, render(event.object));
  }
  return true;
}

/** Streams live events, bookmarks and the timeout; registers with the fault injector. Returns the cleanup. */
function streamLive(res: ServerResponse, options: WatchOptions, send: Send, render: Render): () => void {
  const { store, kind, query } = options;
  const unsubscribe = store.subscribe((event) => {
    if (event.kind !== kind) return;
    const type = filteredType(event, query);
    if (type) send(type, render(event.object));
  });
  const info = RESOURCES[kind];
  const bookmark = (initialEventsEnd = false): void => send('BOOKMARK', {
    kind: info.objectKind, apiVersion: apiVersionOf(info),
    metadata: {
      resourceVersion: store.currentResourceVersion(),
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  });
  if (options.sendInitialEvents && options.allowBookmarks) bookmark(true);
  const bookmarkTimer = options.allowBookmarks ? setInterval(() => bookmark(), options.bookmarkIntervalMs) : undefined;
  const timeout = setTimeout(() => finish(), options.timeoutSeconds * 1000);
  let unregister = (): void => undefined;
  const cleanup = (): void => {
    unsubscribe();
    unregister();
    clearInterval(bookmarkTimer);
    clearTimeout(timeout);
  };
  const finish = (): void => {
    cleanup();
    res.end();
  };
  unregister = options.registry.add({
    drop: () => {
      cleanup();
      res.socket?.destroy();
    },
    end: finish,
    expire: () => {
      send('ERROR', toStatus(gone(store.currentResourceVersion(), store.currentResourceVersion())));
      finish();
    },
  }, kind);
  return cleanup;
}

/** A watch without a resourceVersion starts with a synthetic ADDED for every matching object. */
function initialEvents(store: SimStore, kind: ResourceKind, query: ListQuery): StoreEvent[] {
  const resourceVersion = store.currentResourceVersion();
  const events: StoreEvent[] = [];
  for (const object of store.scan(kind, query.namespace)) {
    if (matchesQuery(query, object)) events.push({ kind, type: 'ADDED', object, resourceVersion });
  }
  return events;
}
