import { afterEach, describe, expect, it } from 'vitest';
import { type SimStore } from '../store';
import { type ApiServer } from './server';
import { collectWatch, makeNode, startTestServer, type WatchLine } from './test-builders';

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: { historySize?: number; bookmarkIntervalMs?: number } = {}): Promise<SimStore> {
  const started = await startTestServer(options);
  server = started.server;
  return started.store;
}

function url(path: string): string {
  if (!server) throw new Error('server not started');
  return server.url + path;
}

const summary = (events: WatchLine[]): string[] => events.map((event) => `${event.type} ${event.object.metadata?.name ?? ''}`);

describe('watch', () => {
  it('resumes from a resourceVersion with every later event once, in order, then streams live ones', async () => {
    const store = await start();
    store.create('nodes', makeNode('n1'));
    const from = store.currentResourceVersion();
    store.create('nodes', makeNode('n2'));
    store.update('nodes', { ...makeNode('n1'), metadata: { name: 'n1', labels: { zone: 'a' } } });
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&resourceVersion=${from}`), (events) => events.length >= 4, {
      onOpen: () => setTimeout(() => {
        store.delete('nodes', undefined, 'n2');
        store.create('nodes', makeNode('n3'));
      }, 20),
    });
    expect(summary(result.events)).toEqual(['ADDED n2', 'MODIFIED n1', 'DELETED n2', 'ADDED n3']);
    const versions = result.events.map((event) => Number(event.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBeGreaterThan(Number(from));
  });

  it('starts with synthetic ADDED events when no resourceVersion is given', async () => {
    const store = await start();
    store.create('nodes', makeNode('n1'));
    store.create('nodes', makeNode('n2'));
    const result = await collectWatch(url('/api/v1/nodes?watch=1'), (events) => events.length >= 2);
    expect(summary(result.events)).toEqual(['ADDED n1', 'ADDED n2']);
  });

  it('turns selector transitions into ADDED and DELETED for a filtered watch', async () => {
    const store = await start();
    store.create('nodes', makeNode('n1'));
    const from = store.currentResourceVersion();
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&labelSelector=zone%3Da&resourceVersion=${from}`), (events) => events.length >= 3, {
      onOpen: () => setTimeout(() => {
        store.update('nodes', { ...makeNode('n1', { labels: { zone: 'a' } }) });
        store.update('nodes', { ...makeNode('n1', { labels: { zone: 'a', x: 'y' } }) });
        store.update('nodes', { ...makeNode('n1', { labels: { zone: 'b' } }) });
        store.create('nodes', makeNode('n2', { labels: { zone: 'b' } }));
      }, 20),
    });
    expect(summary(result.events)).toEqual(['ADDED n1', 'MODIFIED n1', 'DELETED n1']);
  });

  it('sends BOOKMARK events when asked for them', async () => {
    const store = await start({ bookmarkIntervalMs: 40 });
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&allowWatchBookmarks=true&resourceVersion=${store.currentResourceVersion()}`),
      (events) => events.length >= 2);
    expect(result.events.map((event) => event.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
    expect(result.events[0]?.object).toEqual({ kind: 'Node', apiVersion: 'v1', metadata: { resourceVersion: store.currentResourceVersion() } });
  });

  it('speaks the watch-list protocol: initial state, then a bookmark marking its end', async () => {
    const store = await start({ bookmarkIntervalMs: 60_000 });
    store.create('nodes', makeNode('n1'));
    const result = await collectWatch(url('/api/v1/nodes?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan'), (events) => events.length >= 2);
    expect(summary(result.events)).toEqual(['ADDED n1', 'BOOKMARK ']);
    expect(result.events[1]?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('answers a too-old resourceVersion with a 410 Expired ERROR event and ends', async () => {
    const store = await start({ historySize: 2 });
    const from = store.currentResourceVersion();
    for (const name of ['n1', 'n2', 'n3']) store.create('nodes', makeNode(name));
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&resourceVersion=${from}`), () => false);
    expect(result.ended).toBe(true);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('ends at timeoutSeconds', async () => {
    const store = await start();
    const started = Date.now();
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&timeoutSeconds=1&resourceVersion=${store.currentResourceVersion()}`), () => false);
    expect(result.ended).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('renders Table rows for a watch that accepts tables, columns only on the first event', async () => {
    const store = await start();
    const result = await collectWatch(url(`/api/v1/nodes?watch=true&resourceVersion=${store.currentResourceVersion()}`), (events) => events.length >= 2, {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      onOpen: () => setTimeout(() => {
        store.create('nodes', makeNode('n1'));
        store.create('nodes', makeNode('n2', { ready: false }));
      }, 20),
    });
    const tables = result.events.map((event) => event.object as unknown as { kind: string; columnDefinitions: unknown[]; rows: { cells: unknown[] }[] });
    expect(tables.map((table) => [table.kind, table.columnDefinitions.length, table.rows[0]?.cells.slice(0, 2)])).toEqual([
      ['Table', 10, ['n1', 'Ready']],
      ['Table', 0, ['n2', 'NotReady']],
    ]);
  });
});

describe('watch faults', () => {
  it('dropWatches destroys the connection; endWatches ends it cleanly; compact expires open watches', async () => {
    const store = await start();
    const watchUrl = url(`/api/v1/nodes?watch=true&resourceVersion=${store.currentResourceVersion()}`);
    const live = (): NonNullable<typeof server> => {
      if (!server) throw new Error('server not started');
      return server;
    };
    const dropped = collectWatch(watchUrl, () => false, { onOpen: () => setTimeout(() => live().faults.dropWatches(), 20) });
    await expect(dropped).rejects.toThrow();

    const ended = await collectWatch(watchUrl, () => false, { onOpen: () => setTimeout(() => live().faults.endWatches(), 20) });
    expect([ended.ended, ended.events]).toEqual([true, []]);

    const expired = await collectWatch(watchUrl, () => false, { onOpen: () => setTimeout(() => live().faults.compact({ expireOpenWatches: true }), 20) });
    expect(expired.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    store.create('nodes', makeNode('n1'));
    live().faults.compact();
    const resumed = await collectWatch(watchUrl, () => false);
    expect(resumed.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    expect(live().faults.openWatches()).toBe(0);
  });
});
