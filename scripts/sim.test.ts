import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `tsx scripts/sim.ts …` until it exits or prints `until`; then stops it (and its re-exec'd child). */
function runSim(args: string[], until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`sim did not finish: ${stdout}${stderr}`));
    }, 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout) && child.pid) process.kill(-child.pid, 'SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run sim', () => {
  it.each([
    { args: ['--port', 'abc'], message: 'port must be an integer from 0 to 65535, got "abc".' },
    { args: ['--port', '0', '--scenario', 'huge'], message: 'scenario must be one of demo, scale, empty, got "huge".' },
    { args: ['--port', '0', '--speed', '-2'], message: 'speed must be a number above 0' },
    { args: ['--port', '0', '--nodes', '1.5'], message: 'nodes must be an integer' },
    { args: [], message: "required option '--port <port>' not specified" },
    { args: ['--port', '0', '--bogus'], message: "unknown option '--bogus'" },
    { args: ['--port', '0', '--fault-latency', '200'], message: 'fault-latency must be a duration from 0 ms to 60 s such as 200ms, 30s or 2m, got "200".' },
    { args: ['--port', '0', '--fault-drop-watches-every', '10ms'], message: 'fault-drop-watches-every must be a duration from 100 ms' },
    { args: ['--port', '0', '--fault-fail-every', '5s', '--fault-fail-status', '404'], message: 'fault-fail-status must be one of 429, 500, 503, 504, got "404".' },
    { args: ['--port', '0', '--fault-fail-status', '429'], message: '--fault-fail-status needs --fault-fail-every.' },
    { args: ['--port', '0', '--fault-flap-every', '5s'], message: '--fault-flap-every needs --fault-flap-node.' },
    { args: ['--port', '0', '--scenario', 'empty', '--fault-flap-node', 'ghost'], message: 'npm run sim: nodes "ghost" not found' },
  ])('rejects $args with a clear message and no stack trace', async ({ args, message }) => {
    const { code, stderr } = await runSim(args);
    expect(code).not.toBe(0);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('prints the URL it serves once it listens', async () => {
    const { stdout } = await runSim(['--port', '0', '--scenario', 'empty', '--speed', '5'], /serving at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/Simulated cluster "empty" \(0 nodes, 0 daemonsets, 0 pods, speed 5x\) serving at http:\/\/127\.0\.0\.1:\d+/);
  }, 60_000);

  it('injects the faults of its flags on schedule and says so', async () => {
    const args = [
      '--port', '0', '--scenario', 'scale', '--nodes', '2', '--daemonsets', '1',
      '--fault-latency', '5ms', '--fault-drop-watches-every', '200ms', '--fault-fail-every', '250ms', '--fault-fail-status', '429',
      '--fault-fail-count', '2', '--fault-retry-after', '4', '--fault-flap-node', 'node-00001', '--fault-flap-every', '150ms',
    ];
    const { stdout } = await runSim(args, /^(?=[\s\S]*Ready=True)(?=[\s\S]*dropped \d+ watches)(?=[\s\S]*answer 429)/);
    expect(stdout).toContain('Fault: 5 ms latency on every request');
    expect(stdout).toContain('Fault: drop every watch every 200 ms');
    expect(stdout).toContain('Fault: 2 requests answer 429 every 250 ms');
    expect(stdout).toContain('Fault: node node-00001 flips Ready/NotReady every 150 ms');
    expect(stdout).toContain('fault: node node-00001 Ready=False');
  }, 60_000);
});
