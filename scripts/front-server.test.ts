import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/* The container image runs proxy mode's front server as a bundle beside the standalone server.js,
   whose node_modules hold only what Next.js traced. Build it with the Dockerfile's own command and
   check it needs nothing else and starts. */

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
let directory = '';
let bundle = '';
// The bundle lives in a temporary directory; it finds `next` where the image's would, in node_modules.
const env = { ...process.env, NODE_PATH: join(root, 'node_modules') };

/** The Dockerfile's esbuild command, continuation lines joined, split into words. */
async function dockerfileEsbuildArgs(): Promise<string[]> {
  const dockerfile = (await readFile(join(root, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, ' ');
  const line = dockerfile.split('\n').find((candidate) => candidate.startsWith('RUN node_modules/.bin/esbuild '));
  if (line === undefined) throw new Error('the Dockerfile has no esbuild step');
  return line.replace(/^RUN node_modules\/\.bin\/esbuild /, '').trim().split(/\s+/);
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'front-server-'));
  bundle = join(directory, 'front-server.cjs');
  const args = (await dockerfileEsbuildArgs()).map((arg) => (arg.startsWith('--outfile=') ? `--outfile=${bundle}` : arg));
  await run(join(root, 'node_modules/.bin/esbuild'), [...args, '--log-level=warning'], { cwd: root });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("the image's front server bundle", () => {
  it('requires nothing but Node built-ins and next', async () => {
    const code = await readFile(bundle, 'utf8');
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? ''));
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    expect([...required].filter((name) => !builtins.has(name))).toEqual(['next']);
  });

  it('starts and parses its command line', async () => {
    const { stdout } = await run(process.execPath, [bundle, '--help'], { cwd: root, env });
    expect(stdout).toContain('--standalone');
  });

  it('refuses a port that is not one, with a message and no stack', async () => {
    const failure = await run(process.execPath, [bundle, '127.0.0.1', '99999'], { cwd: root, env }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: 'daemonscope: "99999" is not a TCP port (1-65535)\n' });
  });
});
