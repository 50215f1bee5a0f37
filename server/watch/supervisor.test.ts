import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Node } from '@/lib/k8s-types';
import { makeKubeClient } from '../clusters/kube-http';
import { startFakeWatchServer, type FakeWatchServer } from './fake-watch-server';
import { listAll } from './resources';
import { slimNode } from './slim';
import { superviseWatch, type SupervisedWatch, type SyncState } from './supervisor';
import { KubeWatch } from './watch-transport';

function kubeConfigFor(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: url, skipTLSVerify: true }],
    users: [{ name: 'fake' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });
  return kc;
}

/** The model under test: what a FleetModel would hold, keyed by uid as the hub keys it. */
interface Harness {
  server: FakeWatchServer;
  supervised: SupervisedWatch<Node>;
  byUid: Map<string, Node>;
  states: SyncState[];
}

const running: Harness[] = [];

async function startHarness(options: { watchdogMs?: number } = {}): Promise<Harness> {
  const server = await startFakeWatchServer();
  server.put('a', { status: { images: [{ names: ['big'] }] } });
  server.put('b');
  const kc = kubeConfigFor(server.url);
  const client = makeKubeClient(kc);
  const byUid = new Map<string, Node>();
  const states: SyncState[] = [];
  const supervised = superviseWatch<Node>({
    resource: 'nodes',
    path: server.path,
    list: (signal, onPage, convert) => listAll(client, server.path, signal, onPage, convert),
    watch: new KubeWatch(kc),
    slim: slimNode,
    onEvent: (event) => {
      const uid = event.object.metadata?.uid ?? '';
      if (event.type === 'DELETED') byUid.delete(uid);
      else byUid.set(uid, event.object);
    },
    onState: (state) => states.push(state),
    backoff: { initialMs: 20, maxMs: 100 },
    watchdogMs: options.watchdogMs ?? 60_000,
  });
  const harness = { server, supervised, byUid, states };
  running.push(harness);
  await supervised.start();
  return harness;
}

afterEach(async () => {
  for (const harness of running.splice(0)) {
    harness.supervised.stop();
    await harness.server.close();
  }
});

const modelNames = (h: Harness) => [...h.byUid.values()].map((n) => n.metadata?.name ?? '').sort();

async function converged(h: Harness): Promise<void> {
  await expect.poll(() => modelNames(h), { timeout: 8_000, interval: 20 }).toEqual(h.server.names());
  await expect.poll(() => h.supervised.state().error, { timeout: 8_000, interval: 20 }).toBeUndefined();
}

describe('superviseWatch against a fake API server', () => {
  it('lists, then applies watch events as upserts and deletes, slimmed', async () => {
    const h = await startHarness();
    await converged(h);
    h.server.put('c');
    h.server.remove('b');
    await converged(h);
    expect(modelNames(h)).toEqual(['a', 'c']);
    const a = [...h.byUid.values()].find((n) => n.metadata?.name === 'a');
    expect(a?.status).not.toHaveProperty('images');
    expect(h.supervised.state()).toMatchObject({ synced: true, count: 2 });
    expect(h.server.lastWatchQuery()).toContain('allowWatchBookmarks=true');
  });

  it('restarts after a dropped connection and resumes from its resourceVersion without a relist', async () => {
    const h = await startHarness();
    await converged(h);
    h.server.dropWatches();
    h.server.put('c');
    h.server.remove('a');
    await converged(h);
    expect(h.server.lists()).toBe(1);
    expect(h.server.watches()).toBeGreaterThanOrEqual(2);
  });

  it('relists on 410 Gone, deleting what vanished and replacing a recreated object (new uid, same name)', async () => {
    const h = await startHarness();
    await converged(h);
    const oldUidOfA = [...h.byUid.values()].find((n) => n.metadata?.name === 'a')?.metadata?.uid;
    h.server.dropWatches();
    h.server.remove('b');
    h.server.remove('a');
    h.server.put('a');
    h.server.put('d');
    h.server.compact();
    await converged(h);
    expect(h.server.lists()).toBeGreaterThanOrEqual(2);
    expect(h.byUid.has(oldUidOfA ?? '')).toBe(false);
    expect(h.byUid.size).toBe(2);
  });

  it('reports the error and stale-since while the API server answers 5xx, then recovers', async () => {
    const h = await startHarness();
    await converged(h);
    h.server.failNext(3, 503);
    h.server.dropWatches();
    h.server.put('e');
    await converged(h);
    const failing = h.states.find((s) => s.error !== undefined);
    expect(failing?.error).toMatch(/^nodes: /);
    expect(failing?.staleSince).toBeTypeOf('number');
    expect(h.supervised.state().staleSince).toBeUndefined();
  });

  it('stays in error (not re-synced) for as long as every reconnect fails, and recovers only once one connects', async () => {
    const h = await startHarness();
    await converged(h);
    h.server.failNext(1_000, 503);
    h.server.dropWatches();
    await expect.poll(() => h.supervised.state().error, { timeout: 5_000, interval: 10 }).toMatch(/^nodes: /);
    const since = h.supervised.state().staleSince;
    // Several 20–100 ms backoffs go by, each reconnect answered 503: the state must not flip back.
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      expect(h.supervised.state()).toMatchObject({ error: expect.stringMatching(/^nodes: /) as unknown, staleSince: since });
    }
    h.server.failNext(0, 503);
    h.server.put('g');
    await converged(h);
    expect(h.supervised.state().staleSince).toBeUndefined();
  });

  it('recovers from a failing initial list', async () => {
    const server = await startFakeWatchServer();
    server.failNext(2, 500);
    server.put('x');
    const kc = kubeConfigFor(server.url);
    const names: string[] = [];
    const supervised = superviseWatch<Node>({
      resource: 'nodes',
      path: server.path,
      list: (signal, onPage, convert) => listAll(makeKubeClient(kc), server.path, signal, onPage, convert),
      watch: new KubeWatch(kc),
      slim: slimNode,
      onEvent: (event) => names.push(`${event.type} ${event.object.metadata?.name}`),
      backoff: { initialMs: 10, maxMs: 50 },
    });
    running.push({ server, supervised, byUid: new Map(), states: [] });
    expect(supervised.state().synced).toBe(false);
    await supervised.start();
    await expect.poll(() => supervised.state().synced, { timeout: 5_000 }).toBe(true);
    expect(names).toEqual(['ADDED x']);
  });

  it('a watchdog rewatches a silent connection and catches up on what it missed', async () => {
    const h = await startHarness({ watchdogMs: 300 });
    await converged(h);
    h.server.silence();
    h.server.put('f');
    h.server.remove('a');
    await converged(h);
    expect(h.server.lists()).toBe(1);
  });

  it('drops objects the keep filter rejects, including ones that stop matching', async () => {
    const server = await startFakeWatchServer();
    server.put('keep-1', { spec: { podCIDR: 'x' } });
    server.put('skip-1');
    const kc = kubeConfigFor(server.url);
    const byName = new Map<string, string>();
    const supervised = superviseWatch<Node>({
      resource: 'nodes',
      path: server.path,
      list: (signal, onPage, convert) => listAll(makeKubeClient(kc), server.path, signal, onPage, convert),
      watch: new KubeWatch(kc),
      slim: (raw) => raw as Node,
      keep: (node) => node.metadata?.name?.startsWith('keep') === true && node.spec !== undefined,
      onEvent: (event) => (event.type === 'DELETED' ? byName.delete(event.object.metadata?.name ?? '') : byName.set(event.object.metadata?.name ?? '', event.type)),
    });
    running.push({ server, supervised, byUid: new Map(), states: [] });
    await supervised.start();
    await expect.poll(() => [...byName.keys()]).toEqual(['keep-1']);
    server.put('keep-1'); // no spec any more: it stops matching
    await expect.poll(() => byName.size).toBe(0);
  });

  it.each([
    ['a refused watch', 'watch' as const, (h: Harness) => (h.server.dropWatches(), h.server.put('late'))],
    // Missed events and no history: the resumed watch gets 410, ListWatch relists, and the list meets the 429.
    ['a failed relist', 'list' as const, (h: Harness) => (h.server.dropWatches(), h.server.put('late'), h.server.compact())],
  ])('waits at least Retry-After after a 429 on %s, Stale meanwhile, then converges', async (_name, on, inject) => {
    const h = await startHarness();
    await converged(h);
    h.server.failNext(1, 429, { retryAfterSeconds: 1, on });
    inject(h);
    await expect.poll(() => h.server.requests().some((r) => r.status === 429), { timeout: 5_000, interval: 10 }).toBe(true);
    await expect.poll(() => h.supervised.state().error, { timeout: 2_000, interval: 10 }).toMatch(/^nodes: /);
    expect(h.supervised.state().staleSince).toBeTypeOf('number');
    await converged(h);
    const log = h.server.requests();
    const refusedAt = log.findIndex((r) => r.status === 429);
    const retry = log[refusedAt + 1];
    // The harness's backoff is 20–100 ms: only the Retry-After hint explains a wait of a second.
    expect(retry?.verb).toBe(on);
    expect((retry?.at ?? 0) - (log[refusedAt]?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('says Stale from a 410 until the relist is in, then Live', async () => {
    const h = await startHarness();
    await converged(h);
    const before = h.states.length;
    h.server.dropWatches();
    h.server.put('after-410');
    h.server.compact();
    await converged(h);
    expect(h.server.lists()).toBe(2);
    const lost = h.states.slice(before).find((state) => state.error?.includes('watch history lost'));
    expect(lost?.staleSince).toBeTypeOf('number');
    expect(h.supervised.state()).toMatchObject({ synced: true });
    expect(h.supervised.state().staleSince).toBeUndefined();
  });
});
