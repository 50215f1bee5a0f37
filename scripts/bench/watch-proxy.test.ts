import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWatchRequest, startWatchProxy, watchedPath, type ProxiedRequest, type WatchProxy } from './watch-proxy';

describe('isWatchRequest', () => {
  it.each([
    ['/api/v1/pods?watch=true&resourceVersion=5', true],
    ['/api/v1/pods?watch=1', true],
    ['/api/v1/pods?watch=false', false],
    ['/api/v1/pods?limit=500', false],
    ['/apis/apps/v1/daemonsets?allowWatchBookmarks=true&watch=true', true],
  ])('%s → %s', (url, expected) => {
    expect(isWatchRequest(url)).toBe(expected);
  });

  it('keys watches by resource path', () => {
    expect(watchedPath('/api/v1/nodes?watch=true&resourceVersion=9')).toBe('/api/v1/nodes');
  });
});

describe('startWatchProxy (against a fake API server)', () => {
  let upstream: Server;
  let proxy: WatchProxy;
  const held: (() => void)[] = [];
  const done: ProxiedRequest[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      if (isWatchRequest(req.url ?? '')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        if (!req.url?.includes('quiet')) res.write('{"type":"ADDED","object":{}}\n');
        held.push(() => res.end());
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'List', path: req.url }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    proxy = await startWatchProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, (request) => done.push(request));
  });

  afterAll(async () => {
    await proxy.close();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  function fetchText(path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      get(`${proxy.url}${path}`, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
  }

  it('passes a quiet watch\'s headers on at once', async () => {
    const status = await new Promise<number>((resolve) => get(`${proxy.url}/api/v1/nodes?watch=true&quiet=1`, (res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(200);
    for (const end of held.splice(0)) end();
    await expect.poll(() => proxy.openWatches().size).toBe(0);
  });

  it('forwards lists and counts open watches until they end', async () => {
    const before = { watches: proxy.watchRequests(), requests: proxy.requests() };
    const list = await fetchText('/api/v1/nodes?limit=1');
    expect(JSON.parse(list).path).toBe('/api/v1/nodes?limit=1');
    expect(done.find((request) => request.url === '/api/v1/nodes?limit=1')).toMatchObject({ method: 'GET', status: 200, bytes: list.length });
    const firstLine = new Promise<void>((resolve) => get(`${proxy.url}/api/v1/pods?watch=true`, (res) => res.once('data', () => resolve())));
    await firstLine;
    expect(proxy.watchRequests() - before.watches).toBe(1);
    expect(proxy.openWatches().get('/api/v1/pods')).toBe(1);
    expect(proxy.requests() - before.requests).toBe(2);
    // The watch's ADDED line is an event at the API server's watches; the list is not.
    expect(proxy.watchEvents().get('/api/v1/pods')).toBe(1);
    expect(proxy.watchEvents().has('/api/v1/nodes?limit=1')).toBe(false);
    for (const end of held.splice(0)) end();
    await expect.poll(() => proxy.openWatches().size).toBe(0);
    expect(proxy.watchRequests() - before.watches).toBe(1);
  });
});
