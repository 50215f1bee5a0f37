/**
 * The soak's stack inside one process, for the short soak in `npm test` (no `next build` needed): the
 * simulated cluster, the same counting proxy, the hub connected through it as the server connects
 * it, and stream clients reading the very Response the stream route returns. Memory is this
 * process's (cluster and clients included), so the short soak reports it without judging it.
 */
import { performance } from 'node:perf_hooks';
import { connectCluster } from '../../server/clusters/connection';
import { kubeConfigForUrl } from '../../server/clusters/url-access';
import { sseResponse } from '../../server/hub/sse';
import { startSimulatedCluster } from '../../server/simulator/cluster';
import { SseParser, type SseEvent } from '../bench/sse';
import { startWatchProxy } from '../bench/watch-proxy';
import type { SoakStack, StreamHandle } from './stack';

/** Options of {@link startInProcessStack}. */
export interface InProcessOptions {
  nodes: number;
  daemonsets: number;
  seed: number;
  /** Chunks a stream client may have queued before the hub resyncs it (the server's default is 256). */
  maxQueued: number;
}

/** Reads a stream Response; `pause` stops pulling from it, so the hub's queue for this client grows. */
function readResponse(response: Response, controller: AbortController, onEvent: (event: SseEvent, at: number) => void): StreamHandle {
  const reader = response.body?.getReader();
  let paused = false;
  let received = 0;
  let wake: (() => void) | undefined;
  const closed = (async (): Promise<string> => {
    if (reader === undefined) return 'no body';
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      while (paused && !controller.signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || value === undefined) return controller.signal.aborted ? 'closed by the soak' : 'ended by the server';
      const at = performance.now();
      received += value.length;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) onEvent(event, at);
    }
  })();
  const resume = () => {
    paused = false;
    wake?.();
    wake = undefined;
  };
  return {
    bytes: () => received,
    pause: () => void (paused = true),
    resume,
    close: () => {
      controller.abort();
      resume();
      void reader?.cancel().catch(() => undefined);
    },
    closed,
  };
}

/** Starts the cluster, the proxy and the hub; resolves once every watch has synced. */
export async function startInProcessStack(options: InProcessOptions): Promise<SoakStack> {
  const sim = await startSimulatedCluster({ scenario: 'scale', nodes: options.nodes, daemonSets: options.daemonsets, seed: options.seed });
  const proxy = await startWatchProxy(sim.url);
  const connection = connectCluster('demo', { kc: kubeConfigForUrl('demo', proxy.url), now: () => sim.clock.now() }, {
    progressDeadlineSeconds: 600,
    hub: { maxQueued: options.maxQueued },
  });
  const deadline = performance.now() + 60_000;
  while (!Object.values(connection.hub.syncStates()).every((state) => state?.synced)) {
    if (performance.now() > deadline) throw new Error('the hub did not sync with the simulated cluster within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    simUrl: sim.url,
    watchEvents: () => proxy.watchEvents(),
    openStream: (onEvent, onOpen) => {
      const controller = new AbortController();
      const response = sseResponse(connection.hub, undefined, controller.signal);
      onOpen(response.status);
      return readResponse(response, controller, onEvent);
    },
    memory: () => {
      const usage = process.memoryUsage();
      return { rssMB: usage.rss / 2 ** 20, heapMB: usage.heapUsed / 2 ** 20 };
    },
    memorySource: 'this process (cluster, hub and clients together)',
    alive: () => true,
    close: async () => {
      connection.stop();
      await proxy.close();
      await sim.close();
    },
  };
}
