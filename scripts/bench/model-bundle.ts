/**
 * Runs the model phase the way production runs lib/: bundled into one module (Next.js bundles the
 * server's lib/ code with its imports hoisted into one scope), in a process of its own. Under tsx each
 * module is compiled on its own and every use of an imported binding becomes a property read through
 * the module namespace, which costs the per-cell loops of a rebuild a quarter of their time and is not
 * what the dashboard server executes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { ModelBenchOptions, ModelBenchResult } from './model-bench';

/** Bundles scripts/bench/model-entry.ts into a temporary directory; returns the bundle's path. */
async function bundleEntry(root: string, directory: string): Promise<string> {
  const outfile = path.join(directory, 'model-bench.mjs');
  await build({
    entryPoints: [path.join(root, 'scripts/bench/model-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs the bundle; stderr lines go to `log`, stdout is the JSON result. */
function runBundle(bundle: string, options: ModelBenchOptions): Promise<ModelBenchResult> {
  const { log, ...plain } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, JSON.stringify(plain)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pendingLine = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pendingLine + chunk).split('\n');
      pendingLine = lines.pop() ?? '';
      for (const line of lines) log(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pendingLine !== '') log(pendingLine);
      if (code !== 0) return reject(new Error(`model bench process exited with code ${code}`));
      try {
        resolve(JSON.parse(stdout) as ModelBenchResult);
      } catch {
        reject(new Error('model bench process printed no result'));
      }
    });
  });
}

/** The model phase on the bundled lib/, in a child process. `root` is the repository's root. */
export async function measureModelBundled(root: string, options: ModelBenchOptions): Promise<ModelBenchResult> {
  const directory = await mkdtemp(path.join(tmpdir(), 'daemonscope-model-bench-'));
  try {
    return await runBundle(await bundleEntry(root, directory), options);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
