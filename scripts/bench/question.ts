/**
 * "Which nodes lack DaemonSet X, and why?" — what an operator pulls with kubectl (every node, pod and
 * DaemonSet as JSON, to join by hand) against what Daemonscope sends for the same question.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timedGet } from './http-get';
import { median } from './stats';
import { followStream, waitForSnapshot } from './stream-watch';

/** One timed answer. */
export interface Answer {
  ms: number;
  bytes: number;
}

interface KubectlRun {
  code: number | null;
  bytes: number;
  ms: number;
  stderr: string;
}

function runKubectl(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<KubectlRun> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn('kubectl', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, bytes, ms: performance.now() - start, stderr: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, bytes, ms: performance.now() - start, stderr });
    });
  });
}

/** kubectl's side: `get nodes,pods,ds -A -o json` with a warm discovery cache, median of `runs`. */
export async function measureKubectl(simUrl: string, runs: number, log: (line: string) => void): Promise<Answer | null> {
  const scratch = mkdtempSync(join(tmpdir(), 'daemonscope-bench-kubectl-'));
  try {
    const kubeconfig = join(scratch, 'kubeconfig');
    writeFileSync(kubeconfig, '');
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const common = ['--server', simUrl, '--cache-dir', join(scratch, 'cache'), '--request-timeout=0'];
    // Operators' kubectl has discovery cached; warm it so the timed runs are the lists alone.
    const warm = await runKubectl([...common, 'api-resources'], env, 60_000);
    if (warm.code !== 0) log(`question: kubectl api-resources failed (${warm.code}): ${warm.stderr.trim()}`);
    const samples: KubectlRun[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await runKubectl([...common, 'get', 'nodes,pods,ds', '-A', '-o', 'json'], env, 600_000);
      if (result.code !== 0) {
        log(`question: kubectl exited ${result.code}: ${result.stderr.trim()}`);
        return null;
      }
      samples.push(result);
    }
    log(`question: kubectl get nodes,pods,ds -A -o json: ${samples.map((s) => `${Math.round(s.ms)} ms`).join(', ')}, ${samples[0]?.bytes ?? 0} bytes`);
    const ms = median(samples.map((s) => s.ms));
    return ms === null ? null : { ms, bytes: samples[0]?.bytes ?? 0 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Daemonscope's side: the DaemonSet detail route, else the stream narrowed to that DaemonSet. */
export async function measureDaemonscope(dashboardUrl: string, namespace: string, name: string, runs: number, log: (line: string) => void): Promise<(Answer & { via: string }) | null> {
  const route = `${dashboardUrl}/api/c/demo/daemonsets/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const first = await timedGet(route);
  if (first.status === 200) {
    const samples = [first];
    for (let run = 1; run < runs; run++) samples.push(await timedGet(route));
    log(`question: GET ${route.replace(dashboardUrl, '')}: ${samples.map((s) => `${Math.round(s.ms)} ms`).join(', ')}, ${first.bytes} bytes`);
    return { ms: median(samples.map((s) => s.ms)) ?? first.ms, bytes: first.bytes, via: 'DaemonSet detail route' };
  }
  log(`question: DaemonSet detail route answered HTTP ${first.status}; using the stream narrowed to ${namespace}/${name}`);
  const streamUrl = `${dashboardUrl}/api/c/demo/stream?daemonset=${encodeURIComponent(`${namespace}/${name}`)}`;
  const samples: Answer[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const client = followStream(streamUrl);
    const ok = await waitForSnapshot(client, 60_000);
    client.connection.close();
    if (!ok || client.snapshotAt === undefined || client.snapshotBytes === undefined) return null;
    samples.push({ ms: client.snapshotAt - start, bytes: client.snapshotBytes });
  }
  log(`question: stream ?daemonset=${namespace}/${name} snapshot: ${samples.map((s) => `${Math.round(s.ms)} ms`).join(', ')}, ${samples[0]?.bytes ?? 0} bytes`);
  return { ms: median(samples.map((s) => s.ms)) ?? 0, bytes: samples[0]?.bytes ?? 0, via: 'stream snapshot narrowed to the DaemonSet' };
}
