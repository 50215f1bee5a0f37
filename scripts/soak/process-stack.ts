/**
 * The soak's stack as the bench runs it: `npm run sim` in its own process, the counting proxy in front
 * of it, and the production server (`next start`, built first if there is no build) pointed at the
 * proxy. Memory is the dashboard's whole process group, from /proc; `next start` exposes no heap.
 */
import { resolve } from 'node:path';
import { processGroupRss, totalRssMB } from '../bench/proc';
import { stopAll } from '../bench/processes';
import { openSse } from '../bench/sse';
import { ensureBuild, startDashboard, startProxy, startSimulator } from '../bench/stack';
import { firstCompleteGrid } from '../bench/stream-watch';
import type { SoakOptions } from './options';
import type { SoakStack } from './stack';

/** Starts everything and waits for a first complete grid on the stream; `stopAll` cleans up on failure. */
export async function startProcessStack(root: string, options: Pick<SoakOptions, 'nodes' | 'daemonsets' | 'seed' | 'simSpeed' | 'verbose' | 'profile'>, log: (line: string) => void): Promise<SoakStack> {
  ensureBuild(root, log);
  const started = Date.now();
  const sim = await startSimulator(root, { nodes: options.nodes, daemonsets: options.daemonsets, seed: options.seed, speed: options.simSpeed, verbose: options.verbose });
  log(`soak: simulated cluster at ${sim.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const proxy = await startProxy(sim);
  // Profiles are written when the processes exit (the soak stops them with SIGTERM, which next handles);
  // the next-server that `next start` forks inherits the flags.
  const profiling = options.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profile)}`];
  const dashboard = await startDashboard(root, proxy.url, options.verbose, profiling);
  const alive = () => dashboard.process.child.exitCode === null && dashboard.process.child.signalCode === null;
  const streamUrl = `${dashboard.url}/api/c/demo/stream`;
  const first = await firstCompleteGrid(streamUrl, 180_000 + options.nodes * options.daemonsets, alive);
  first.connection.close();
  log(`soak: dashboard at ${dashboard.url} is Live`);
  return {
    simUrl: sim.url,
    watchEvents: () => proxy.watchEvents(),
    openStream: (onEvent, onOpen) => openSse(streamUrl, onEvent, onOpen),
    memory: () => {
      const rss = totalRssMB(processGroupRss(dashboard.process.pgid));
      return rss === null ? undefined : { rssMB: rss };
    },
    memorySource: 'VmRSS of the `next start` process group (/proc); heap not exposed',
    alive,
    close: async () => {
      await proxy.close();
      await stopAll();
    },
  };
}
