/**
 * The e2e tests drive Debian's chromium (Playwright cannot download its own browser here).
 * When it is missing and we are root, install it with apt; otherwise say exactly what to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumCheck {
  ok: boolean;
  message: string;
}

function apt(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Makes sure /usr/bin/chromium exists, installing Debian's package when running as root. */
export async function ensureChromium(): Promise<ChromiumCheck> {
  if (existsSync(CHROMIUM_PATH)) return { ok: true, message: `using ${CHROMIUM_PATH}` };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const instruction = 'install it with: sudo apt-get update && sudo apt-get install -y chromium';
  if (!isRoot) return { ok: false, message: `${CHROMIUM_PATH} is missing; ${instruction}` };
  console.log(`${CHROMIUM_PATH} is missing; installing Debian's chromium…`);
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']);
  if (installed && existsSync(CHROMIUM_PATH)) return { ok: true, message: 'installed chromium' };
  return { ok: false, message: `could not install chromium; ${instruction}` };
}
