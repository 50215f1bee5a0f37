import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A test double of one API server collection (`/api/v1/nodes`), with the faults the supervisor must
 * survive: dropped sockets, 410 Gone, 5xx answers and silence. It keeps a short event history like
 * etcd's watch cache, so a resumed watch gets what it missed and a too-old one gets 410.
 */

interface Obj {
  metadata: { name: string; uid: string; resourceVersion: string };
  [field: string]: unknown;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
}

/** Handle on the running fake: mutate objects, inject faults, count requests. */
export interface FakeWatchServer {
  url: string;
  path: string;
  put(name: string, fields?: Record<string, unknown>): void;
  remove(name: string): void;
  /** Forgets history so every resume from an older resourceVersion answers 410 Gone. */
  compact(): void;
  dropWatches(): void;
  /** The next `count` requests (list or watch, or only `on` one of them) answer this status, with Retry-After when given. */
  failNext(count: number, status: number, options?: { retryAfterSeconds?: number; on?: 'list' | 'watch' }): void;
  /** Every request so far: when it arrived (Date.now()), whether it was a list or a watch, and the status it got. */
  requests(): { at: number; verb: 'list' | 'watch'; status: number }[];
  /** Watches open now stop receiving events while their sockets stay open (a half-dead connection). */
  silence(): void;
  lists(): number;
  watches(): number;
  /** The query string of the last watch request. */
  lastWatchQuery(): string;
  names(): string[];
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeWatchServer(path = '/api/v1/nodes'): Promise<FakeWatchServer> {
  const objects = new Map<string, Obj>();
  let history: HistoryEntry[] = [];
  let rv = 100;
  let uidCounter = 0;
  let failures: { count: number; status: number; retryAfterSeconds?: number; on?: 'list' | 'watch' } = { count: 0, status: 500 };
  const log: { at: number; verb: 'list' | 'watch'; status: number }[] = [];
  let listCount = 0;
  let watchCount = 0;
  let lastWatchQuery = '';
  const open = new Set<{ res: ServerResponse; sentUpTo: number; muted: boolean }>();

  const flush = () => {
    for (const watcher of open) {
      if (watcher.muted) continue;
      for (const entry of history) {
        if (entry.rv <= watcher.sentUpTo) continue;
        watcher.res.write(`${JSON.stringify({ type: entry.type, object: entry.object })}\n`);
        watcher.sentUpTo = entry.rv;
      }
    }
  };
  const record = (type: HistoryEntry['type'], object: Obj) => {
    history.push({ rv, type, object });
    flush();
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== path) return void res.writeHead(404).end();
    const verb = url.searchParams.get('watch') === 'true' ? 'watch' : 'list';
    if (failures.count > 0 && (failures.on === undefined || failures.on === verb)) {
      failures.count -= 1;
      log.push({ at: Date.now(), verb, status: failures.status });
      const retry = failures.retryAfterSeconds;
      res.writeHead(failures.status, { 'Content-Type': 'application/json', ...(retry === undefined ? {} : { 'Retry-After': String(retry) }) });
      return void res.end(JSON.stringify({ kind: 'Status', code: failures.status, message: 'injected failure' }));
    }
    log.push({ at: Date.now(), verb, status: 200 });
    if (verb === 'list') {
      listCount += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ metadata: { resourceVersion: String(rv) }, items: [...objects.values()] }));
    }
    watchCount += 1;
    lastWatchQuery = url.search;
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const oldest = history[0]?.rv ?? rv + 1;
    if (from < rv && from < oldest - 1) {
      res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } })}\n`);
      return;
    }
    const watcher = { res, sentUpTo: from, muted: false };
    open.add(watcher);
    req.on('close', () => open.delete(watcher));
    flush();
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    path,
    put(name, fields = {}) {
      rv += 1;
      const existing = objects.get(name);
      const uid = existing?.metadata.uid ?? `uid-${(uidCounter += 1)}`;
      const object: Obj = { ...fields, metadata: { name, uid, resourceVersion: String(rv) } };
      objects.set(name, object);
      record(existing === undefined ? 'ADDED' : 'MODIFIED', object);
    },
    remove(name) {
      const existing = objects.get(name);
      if (existing === undefined) return;
      rv += 1;
      objects.delete(name);
      record('DELETED', { ...existing, metadata: { ...existing.metadata, resourceVersion: String(rv) } });
    },
    compact() {
      history = [];
    },
    dropWatches() {
      for (const watcher of open) watcher.res.socket?.destroy();
      open.clear();
    },
    failNext(count, status, options = {}) {
      failures = { count, status, ...options };
    },
    requests: () => [...log],
    silence() {
      for (const watcher of open) watcher.muted = true;
    },
    lists: () => listCount,
    watches: () => watchCount,
    lastWatchQuery: () => lastWatchQuery,
    names: () => [...objects.keys()].sort(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const watcher of open) watcher.res.socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
