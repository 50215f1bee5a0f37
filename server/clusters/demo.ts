import 'server-only';
import type { ServerConfig } from '../config';
import { DaemonscopeError, describeError } from '../errors';
import type { ClusterEntry } from './types';
import { followSimClock } from './sim-clock';
import { kubeConfigForUrl } from './url-access';

/** The embedded cluster's name (CONTRACT.md). */
export const DEMO_CLUSTER = 'demo';

interface RunningDemo {
  url: string;
  now: () => number;
  close(): Promise<void>;
}

const globalKey = Symbol.for('daemonscope.demo-cluster');
type DemoGlobal = { [globalKey]?: Promise<RunningDemo> };

/**
 * Starts the simulated cluster in this process once: the promise lives on globalThis so a hot
 * reload of this module reuses it instead of opening a second API server and control plane.
 */
function startDemoOnce(speed: number): Promise<RunningDemo> {
  const holder = globalThis as DemoGlobal;
  holder[globalKey] ??= import('../simulator/cluster').then(async ({ startSimulatedCluster }) => {
    const cluster = await startSimulatedCluster({ scenario: 'demo', speed, port: 0 });
    // Operators can drive the demo fleet with real kubectl; tell them where it listens.
    console.info(`daemonscope: demo cluster API at ${cluster.url} (try: kubectl --server ${cluster.url} get ds -A)`);
    return { url: cluster.url, now: () => cluster.clock.now(), close: () => cluster.close() };
  });
  holder[globalKey].catch(() => {
    // A failed start is retried on the next access instead of being cached forever.
    delete holder[globalKey];
  });
  return holder[globalKey];
}

/** Stops the in-process demo cluster if one runs (tests, shutdown). */
export async function stopDemo(): Promise<void> {
  const holder = globalThis as DemoGlobal;
  const running = holder[globalKey];
  delete holder[globalKey];
  if (running !== undefined) await (await running.catch(() => undefined))?.close();
}

/**
 * The `demo` cluster: an already running simulator at DAEMONSCOPE_DEMO_URL, or one started in this
 * process on first use. Either way it is reached over HTTP through client-node, like any cluster.
 */
export function demoEntry(config: Pick<ServerConfig, 'demoUrl' | 'demoSpeed'>): ClusterEntry {
  return {
    name: DEMO_CLUSTER,
    source: 'demo',
    access: async () => {
      if (config.demoUrl !== undefined) {
        const clock = await followSimClock(config.demoUrl);
        return { kc: kubeConfigForUrl(DEMO_CLUSTER, config.demoUrl), now: clock.now };
      }
      try {
        const demo = await startDemoOnce(config.demoSpeed);
        return { kc: kubeConfigForUrl(DEMO_CLUSTER, demo.url), now: demo.now };
      } catch (error) {
        throw new DaemonscopeError('unavailable', `the embedded demo cluster did not start: ${describeError(error)}`, { cause: error });
      }
    },
  };
}
