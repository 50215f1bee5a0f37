import 'server-only';
import { createStore, type SimStore } from '../store';
import { type KObject } from '../store-types';
import { type ApiServer, startApiServer } from './server';

/** Small object builders shared by the simulator's tests. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A clock the test moves by hand. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock starting at T0 that only moves when told. */
export function manualClock(start = T0): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** A node, Ready unless told otherwise. */
export function makeNode(name: string, extra: { labels?: Record<string, string>; ready?: boolean; taints?: unknown[] } = {}): KObject {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: {
      conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.0' },
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    },
  };
}

/** A DaemonSet selecting `app=<name>` with one container. */
export function makeDaemonSet(name: string, image = 'agent:1', namespace = 'kube-system'): KObject {
  return {
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
    },
  };
}

/** A pod of a DaemonSet on a node, with the given container state. */
export function makePod(name: string, extra: { nodeName?: string; app?: string; ownerUid?: string; phase?: string; waiting?: string; ready?: boolean } = {}): KObject {
  const running = extra.waiting === undefined;
  return {
    metadata: {
      name, namespace: 'kube-system', labels: { app: extra.app ?? 'agent' },
      ...(extra.ownerUid ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: extra.app ?? 'agent', uid: extra.ownerUid, controller: true }] } : {}),
    },
    spec: { ...(extra.nodeName ? { nodeName: extra.nodeName } : {}), containers: [{ name: 'main', image: 'agent:1' }] },
    status: {
      phase: extra.phase ?? (running ? 'Running' : 'Pending'),
      containerStatuses: [{
        name: 'main', ready: extra.ready ?? running, restartCount: 0,
        state: running ? { running: { startedAt: '2026-01-01T00:00:00Z' } } : { waiting: { reason: extra.waiting } },
      }],
    },
  };
}

/** A started server on a fresh store with a manual clock; `close` stops it. */
export async function startTestServer(options: { historySize?: number; bookmarkIntervalMs?: number } = {}): Promise<{ store: SimStore; server: ApiServer; clock: ManualClock }> {
  const clock = manualClock();
  const store = createStore({ clock, ...(options.historySize ? { historySize: options.historySize } : {}) });
  const server = await startApiServer({ store, ...(options.bookmarkIntervalMs ? { bookmarkIntervalMs: options.bookmarkIntervalMs } : {}) });
  return { store, server, clock };
}

/** One parsed watch event line. */
export interface WatchLine {
  type: string;
  object: KObject & { code?: number; reason?: string; rows?: { cells: unknown[] }[] };
}

/**
 * Opens a watch with fetch and collects events until `done(events)` is true, the stream ends, or the
 * timeout passes; returns what arrived and whether the stream ended on its own.
 */
export async function collectWatch(
  url: string, done: (events: WatchLine[]) => boolean, options: { timeoutMs?: number; headers?: Record<string, string>; onOpen?: () => void } = {},
): Promise<{ events: WatchLine[]; ended: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5_000);
  const events: WatchLine[] = [];
  let ended = false;
  try {
    const response = await fetch(url, { signal: controller.signal, headers: options.headers ?? {} });
    if (!response.body) throw new Error(`no body: ${response.status}`);
    options.onOpen?.();
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    for (;;) {
      const { value, done: streamDone } = await reader.read();
      if (streamDone) {
        ended = true;
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, newline)) as WatchLine);
        buffer = buffer.slice(newline + 1);
      }
      if (done(events)) break;
    }
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { events, ended };
}
