/**
 * The server figures: start the simulator, the counting proxy and `next start`; time spawn → first
 * complete grid on the stream; the complete snapshot's bytes; the dashboard's RSS once synced.
 */
import { loadavg } from 'node:os';
import { sleep } from './net';
import { processGroupCpuSeconds, processGroupRss, totalRssMB } from './proc';
import type { RunContext } from './run-context';
import { rounded } from './stats';
import { ensureBuild, startDashboard, startProxy, startSimulator, type RunningDashboard, type RunningSim } from './stack';
import { firstCompleteGrid, followStream, waitForSnapshot, type StreamClient } from './stream-watch';
import type { WatchProxy } from './watch-proxy';

/** What the later phases need from the server phase. */
export interface ServerStack {
  sim: RunningSim;
  proxy: WatchProxy;
  dashboard: RunningDashboard;
  streamUrl: string;
  /** The first stream client, still open (the "1 client" of the fan-out figure). */
  firstClient: StreamClient;
}

/** The dashboard's RSS in MB (its whole process group), logged per process. */
export function dashboardRss(context: RunContext, dashboard: RunningDashboard, label: string): number | null {
  const processes = processGroupRss(dashboard.process.pgid);
  context.log(`server: RSS ${label}: ${processes.map((p) => `${p.comm}[${p.pid}] ${p.rssMB.toFixed(0)} MB`).join(', ') || 'no process'}`);
  return rounded(totalRssMB(processes), 1);
}

function alive(dashboard: RunningDashboard): () => boolean {
  return () => dashboard.process.child.exitCode === null && dashboard.process.child.signalCode === null;
}

/** Runs the server phase; the processes it starts are stopped by the caller's cleanup. */
export async function serverPhase(context: RunContext): Promise<ServerStack> {
  const { options, figures, log } = context;
  ensureBuild(context.root, log);
  const simStart = Date.now();
  const sim = await startSimulator(context.root, { nodes: options.nodes, daemonsets: options.daemonsets, seed: options.seed, speed: options.simSpeed, verbose: options.verbose });
  log(`server: simulated cluster serving at ${sim.url} after ${((Date.now() - simStart) / 1000).toFixed(1)} s`);
  const proxy = await startProxy(sim, (request) => {
    // Paged lists are ~1 MiB a page (500 pods): only an unpaged or slow request is worth a line.
    if (request.bytes > 8 * 2 ** 20 || request.ms > 1_000) log(`server: ${request.method} ${request.url} → ${request.status}, ${(request.bytes / 2 ** 20).toFixed(1)} MiB in ${(request.ms / 1000).toFixed(1)} s`);
  });
  context.cleanups.push(() => proxy.close());
  const simCpuBefore = processGroupCpuSeconds(sim.process.pgid);
  const dashboard = await startDashboard(context.root, proxy.url, options.verbose);
  const streamUrl = `${dashboard.url}/api/c/demo/stream`;
  const timeoutMs = 180_000 + options.nodes * options.daemonsets;
  const firstClient = await firstCompleteGrid(streamUrl, timeoutMs, alive(dashboard));
  context.cleanups.push(async () => firstClient.connection.close());
  figures.server.firstSnapshotMs = rounded((firstClient.completeAt ?? 0) - dashboard.spawnedAt, 0);
  log(`server: spawn → complete grid on the stream ${figures.server.firstSnapshotMs} ms (snapshot at ${Math.round((firstClient.snapshotAt ?? 0) - dashboard.spawnedAt)} ms, Live after it)`);
  // The wall-clock figure stretches with the machine's load; the CPU seconds spent meanwhile do not (much).
  const dashboardCpu = processGroupCpuSeconds(dashboard.process.pgid);
  const simCpu = processGroupCpuSeconds(sim.process.pgid) - simCpuBefore;
  context.note(`first snapshot: the dashboard used ${dashboardCpu.toFixed(1)} CPU s and the simulator ${simCpu.toFixed(1)} CPU s from spawn to complete grid (load average ${loadavg()[0]?.toFixed(1) ?? '?'})`);

  // A client arriving once the hub is synced gets the whole grid in its snapshot: that one is measured.
  const second = followStream(streamUrl);
  const gotSnapshot = await waitForSnapshot(second, 60_000);
  second.connection.close();
  if (gotSnapshot) {
    figures.server.snapshotBytes = second.snapshotBytes ?? null;
    log(`server: snapshot ${second.snapshotBytes} bytes, ${second.rows} rows × ${second.columns} columns`);
    if (second.rows !== options.nodes || second.columns !== options.daemonsets) {
      context.note(`snapshot holds ${second.rows} rows × ${second.columns} columns, expected ${options.nodes} × ${options.daemonsets}`);
    }
  } else context.note('server: a second stream client got no snapshot within 60 s; snapshotBytes not measured');
  await sleep(2_000);
  figures.server.rssMB = dashboardRss(context, dashboard, 'after sync');
  return { sim, proxy, dashboard, streamUrl, firstClient };
}
