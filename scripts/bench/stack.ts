/**
 * What the bench runs out of process: the simulated cluster (`npm run sim`), the counting proxy in
 * front of it, and the production dashboard server (`next start`) pointed at the proxy. Each child
 * runs in its own process group, so stopping it stops what it forked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIsStale } from '../build-freshness';
import { freePort } from './net';
import { startManaged, type Managed } from './processes';
import { startWatchProxy, type ProxiedRequest, type WatchProxy } from './watch-proxy';

/** Options of {@link startSimulator}. */
export interface SimOptions {
  nodes: number;
  daemonsets: number;
  seed: number;
  speed: number;
  verbose: boolean;
}

/** The simulated cluster process. */
export interface RunningSim {
  url: string;
  process: Managed;
}

/** Generous start-up allowance: seeding and the controllers' first pass grow with the cell count. */
function startupTimeoutMs(nodes: number, daemonsets: number): number {
  return 120_000 + nodes * daemonsets * 2;
}

/** Starts `npm run sim -- --scenario scale …` and waits for the line announcing its URL. */
export async function startSimulator(root: string, options: SimOptions): Promise<RunningSim> {
  if (!existsSync(join(root, 'scripts', 'sim.ts'))) throw new Error('scripts/sim.ts does not exist yet: `npm run sim` is needed for the server figures');
  const port = await freePort();
  const args = ['run', '--silent', 'sim', '--', '--port', String(port), '--scenario', 'scale', '--nodes', String(options.nodes),
    '--daemonsets', String(options.daemonsets), '--seed', String(options.seed), '--speed', String(options.speed)];
  const sim = startManaged('sim', 'npm', args, { ...process.env }, options.verbose);
  const url = `http://127.0.0.1:${port}`;
  await sim.waitForLine(new RegExp(url.replaceAll('.', '\\.')), startupTimeoutMs(options.nodes, options.daemonsets));
  return { url, process: sim };
}

/** Builds with `next build` when there is no production build; says whether the build is older than the sources. */
export function ensureBuild(root: string, log: (line: string) => void): void {
  if (!existsSync(join(root, '.next', 'BUILD_ID'))) {
    log('bench: no production build (.next/BUILD_ID missing): running `next build` first…');
    const result = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
    return;
  }
  if (buildIsStale(root)) log('bench: note: sources changed since the last `next build`; the figures are for that build (run `npm run build` to refresh).');
}

/** The dashboard server process and when it was spawned. */
export interface RunningDashboard {
  url: string;
  process: Managed;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
}

/** Starts `next start` on a free port with the demo cluster pointed at `clusterUrl`; `nodeArgs` (e.g. `--cpu-prof`) go to node. */
export async function startDashboard(root: string, clusterUrl: string, verbose: boolean, nodeArgs: readonly string[] = []): Promise<RunningDashboard> {
  const port = await freePort();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DAEMONSCOPE_DEMO_URL: clusterUrl };
  const next = join(root, 'node_modules/next/dist/bin/next');
  const spawnedAt = performance.now();
  const dashboard = startManaged('dashboard', process.execPath, [...nodeArgs, next, 'start', '-H', '127.0.0.1', '-p', String(port)], env, verbose);
  return { url: `http://127.0.0.1:${port}`, process: dashboard, spawnedAt };
}

/** Starts the proxy in front of a running simulator; `onDone` hears of every finished request. */
export function startProxy(sim: RunningSim, onDone?: (request: ProxiedRequest) => void): Promise<WatchProxy> {
  return startWatchProxy(sim.url, onDone);
}
