/**
 * A counting reverse proxy in front of the simulated API server: the dashboard talks to the cluster
 * through it, so the bench sees every watch request the dashboard opens (how many, and how many are
 * open now) without relying on a counter inside the simulator. Bodies are piped, not buffered.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WatchLineCounter } from './watch-lines';

/** Whether a request path+query is a Kubernetes watch (`?watch=true` or `?watch=1`). */
export function isWatchRequest(url: string): boolean {
  const query = new URL(url, 'http://proxy').searchParams.get('watch');
  return query === 'true' || query === '1';
}

/** The resource path a watch is for, without the query (e.g. `/api/v1/pods`). */
export function watchedPath(url: string): string {
  return new URL(url, 'http://proxy').pathname;
}

/** A running proxy and its counters. */
export interface WatchProxy {
  url: string;
  /** Watches open right now, by resource path. */
  openWatches(): Map<string, number>;
  /** Watch requests started since the proxy started. */
  watchRequests(): number;
  /** All requests since the proxy started. */
  requests(): number;
  /** Watch events (bookmarks excluded) passed to the dashboard since the proxy started, by resource path. */
  watchEvents(): Map<string, number>;
  close(): Promise<void>;
}

/** A finished request as the proxy saw it (for attributing start-up time). */
export interface ProxiedRequest {
  method: string;
  url: string;
  status: number;
  bytes: number;
  ms: number;
}

/** Starts a proxy on a free loopback port forwarding to `target` (an http:// base URL). */
export async function startWatchProxy(target: string, onDone?: (request: ProxiedRequest) => void): Promise<WatchProxy> {
  const upstream = new URL(target);
  const open = new Map<string, number>();
  const events = new Map<string, number>();
  let watches = 0;
  let total = 0;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    total++;
    const started = performance.now();
    const url = req.url ?? '/';
    const isWatch = isWatchRequest(url);
    const path = watchedPath(url);
    if (isWatch) {
      watches++;
      open.set(path, (open.get(path) ?? 0) + 1);
    }
    let counted = isWatch;
    const finish = () => {
      if (!counted) return;
      counted = false;
      const left = (open.get(path) ?? 1) - 1;
      if (left > 0) open.set(path, left);
      else open.delete(path);
    };
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        let bytes = 0;
        const lines = isWatch ? new WatchLineCounter() : undefined;
        answer.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (lines === undefined) return;
          const before = lines.events;
          lines.feed(chunk);
          if (lines.events > before) events.set(path, (events.get(path) ?? 0) + lines.events - before);
        });
        answer.on('end', () => onDone?.({ method: req.method ?? 'GET', url, status: answer.statusCode ?? 0, bytes, ms: performance.now() - started }));
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        // A watch may send no event for a long time; its client waits for the headers to begin.
        res.flushHeaders();
        answer.pipe(res);
        answer.on('close', finish);
      },
    );
    outgoing.on('error', (error) => {
      finish();
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`bench proxy: ${error.message}`);
    });
    res.on('close', () => {
      finish();
      outgoing.destroy();
    });
    req.pipe(outgoing);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openWatches: () => new Map(open),
    watchRequests: () => watches,
    requests: () => total,
    watchEvents: () => new Map(events),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
