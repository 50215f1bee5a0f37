import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `tsx scripts/start.ts …`; every case here exits before building or serving anything. */
function start(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DAEMONSCOPE_PROXY_TRUSTED: '', ...env },
  });
  return { code: result.status, stderr: result.stderr };
}

describe('npm start auth flags', () => {
  it.each([
    { args: ['--host', '0.0.0.0'], message: "refusing --host 0.0.0.0 in local mode: anyone who reached it would act with your kubeconfig's identity" },
    { args: ['--auth-mode', 'local', '--host', '192.168.1.10'], message: 'refusing --host 192.168.1.10 in local mode' },
    { args: ['--auth-mode', 'proxy', '--host', '0.0.0.0'], message: '--auth-mode proxy needs --proxy-trusted' },
    { args: ['--auth-mode', 'oidc'], message: '"oidc" is not one of local, token, proxy.' },
  ])('$args → a clear refusal', ({ args, message }) => {
    const { code, stderr } = start(args);
    expect(code).not.toBe(0);
    expect(stderr).toContain(message);
  }, 40_000);
});
