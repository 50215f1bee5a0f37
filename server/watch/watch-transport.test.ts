import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeConfigForUrl } from '../clusters/url-access';
import { KubeWatch, WatchRequestError } from './watch-transport';

/* KubeWatch against a scripted HTTP server: what ListWatch relies on (events, `done` once, the
   inactivity timeout) and what client-node's Watch loses (a refusal's Retry-After and message). */

let server: Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Run {
  events: string[];
  done: unknown[];
  controller: AbortController;
}

async function watch(url: string, inactivityMs = 5_000): Promise<Run> {
  const run = { events: [] as string[], done: [] as unknown[] };
  const controller = await new KubeWatch(kubeConfigForUrl('t', url), inactivityMs).watch(
    '/api/v1/nodes',
    { resourceVersion: '7', allowWatchBookmarks: true },
    (phase, object) => run.events.push(`${phase} ${(object as { metadata?: { name?: string } }).metadata?.name ?? ''}`),
    (error) => run.done.push(error),
  );
  return { ...run, controller };
}

describe('KubeWatch', () => {
  it('asks for the watch with the query, streams JSON lines split anywhere, skips a broken line, and ends with done(null) once', async () => {
    let query = '';
    const url = await serve((req, res) => {
      query = req.url ?? '';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"MODI');
      setTimeout(() => res.end('FIED","object":{"metadata":{"name":"a"}}}\nnot json\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}\n'), 20);
    });
    const run = await watch(url);
    await expect.poll(() => run.done.length).toBe(1);
    expect(query).toBe('/api/v1/nodes?watch=true&resourceVersion=7&allowWatchBookmarks=true');
    expect(run.events).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    expect(run.done).toEqual([null]);
  });

  it.each([
    ['a 429 in plain text with a Retry-After header (API Priority and Fairness)', 429, { 'Retry-After': '5', 'Content-Type': 'text/plain' }, 'Too many requests, please try again later.', 'Too many requests, please try again later.', 5],
    ['a 503 Status with details.retryAfterSeconds', 503, { 'Content-Type': 'application/json' }, JSON.stringify({ kind: 'Status', code: 503, message: 'etcd is down', details: { retryAfterSeconds: 2 } }), 'etcd is down', 2],
    ['a 410 with no body', 410, {}, '', 'watch refused: HTTP 410', undefined],
  ])('reports %s before it resolves, keeping the status, message and hint', async (_name, status, headers, body, message, retryAfterSeconds) => {
    const url = await serve((_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    });
    const run = await watch(url);
    expect(run.done).toHaveLength(1);
    const error = run.done[0];
    expect(error).toBeInstanceOf(WatchRequestError);
    expect(error).toMatchObject({ statusCode: status, message, retryAfterSeconds });
  });

  it('ends a connection silent for longer than the inactivity timeout with a TimeoutError (ListWatch then resumes at once)', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
    });
    const run = await watch(url, 150);
    await expect.poll(() => run.done.length, { timeout: 5_000 }).toBe(1);
    expect(run.events).toEqual(['ADDED a']);
    expect((run.done[0] as Error).name).toBe('TimeoutError');
  });

  it('a refused connection is reported through done, never thrown', async () => {
    const url = await serve(() => {});
    const port = new URL(url).port;
    server?.close();
    server = undefined;
    const run = await watch(`http://127.0.0.1:${port}`);
    expect(run.done).toHaveLength(1);
    expect(String(run.done[0])).toMatch(/ECONNREFUSED/);
  });

  it('an abort through the returned controller ends the watch with one done', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('\n');
    });
    const run = await watch(url);
    run.controller.abort(new Error('stopping'));
    await expect.poll(() => run.done.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.done).toHaveLength(1);
  });
});
