/**
 * `npm test`: every check, in the order that fails fastest — typecheck, lint, unit and integration
 * tests (vitest: lib/, server/ including the simulated cluster's kubectl conformance), production
 * build, Playwright e2e in Debian's chromium. Ends with one plain line, `N passed, N failed`, adding
 * up every runner's counts (each of typecheck, lint and build counts as one check).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium';

interface Tally {
  passed: number;
  failed: number;
}

const tally: Tally = { passed: 0, failed: 0 };
const RESULTS = 'test-results';

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolveExit) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
    child.on('exit', (code, signal) => {
      console.log(`◀ ${label}: ${code === 0 ? 'ok' : `failed (${signal ?? code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolveExit(code ?? 1);
    });
  });
}

function count(ok: boolean): void {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function numberAt(value: unknown, key: string): number {
  if (typeof value !== 'object' || value === null) return 0;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' ? field : 0;
}

async function unitTests(): Promise<void> {
  const output = `${RESULTS}/unit-results.json`;
  rmSync(output, { force: true });
  const code = await run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  const report = readJson(output);
  const passed = numberAt(report, 'numPassedTests');
  const failed = numberAt(report, 'numFailedTests');
  tally.passed += passed;
  // A crash before any test ran (or a failing suite with no failing test) must still count as a failure.
  tally.failed += failed > 0 || code === 0 ? failed : 1;
  console.log(`unit: ${passed} passed, ${failed} failed`);
}

async function e2eTests(): Promise<void> {
  const output = `${RESULTS}/e2e-results.json`;
  rmSync(output, { force: true });
  const code = await run('e2e', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: output });
  const stats = (readJson(output) as { stats?: unknown } | undefined)?.stats;
  const passed = numberAt(stats, 'expected') + numberAt(stats, 'flaky');
  const failed = numberAt(stats, 'unexpected');
  tally.passed += passed;
  tally.failed += failed > 0 || code === 0 ? failed : 1;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(RESULTS, { recursive: true });
  count((await run('typecheck', 'npx', ['tsc', '--noEmit'])) === 0);
  count((await run('lint', 'npx', ['eslint', '.', '--max-warnings=0'])) === 0);
  await unitTests();

  const chromium = await ensureChromium();
  if (!chromium.ok) {
    console.error(`\ne2e: ${chromium.message}`);
    count(false);
  } else {
    const built = (await run('build', 'npx', ['next', 'build'])) === 0;
    count(built);
    if (built && existsSync('playwright.config.ts')) await e2eTests();
  }

  console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
  process.exit(1);
});
