import { defineConfig, devices } from '@playwright/test';

/**
 * e2e: the built dashboard (`next start`; `next build` must have run) against the simulated cluster
 * running out of process (`npm run sim`), which the dashboard uses as its `demo` cluster through
 * DAEMONSCOPE_DEMO_URL. The simulator runs 20× faster than the wall clock so rollouts finish in seconds.
 */

// Ports are fixed once, in the runner process, and inherited by the workers it forks.
const base = 41_000 + (process.pid % 4_000) * 2;
process.env.E2E_APP_PORT ??= String(base);
process.env.E2E_SIM_PORT ??= String(base + 1);
const APP_PORT = Number(process.env.E2E_APP_PORT);
const SIM_PORT = Number(process.env.E2E_SIM_PORT);
const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
process.env.E2E_SIM_URL = SIM_URL;

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  workers: 1, // 2 cores, shared
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'on-first-retry',
    viewport: { width: 1280, height: 900 },
  },
  projects: [
    {
      name: 'debian-chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npm run sim -- --port ${SIM_PORT} --scenario demo --speed 20`,
      url: `${SIM_URL}/version`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // E2E_NEXT=dev runs the suite on `next dev` instead, for working on the UI without a build.
      command: `node node_modules/next/dist/bin/next ${process.env.E2E_NEXT === 'dev' ? 'dev' : 'start'} -p ${APP_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${APP_PORT}/api/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        DAEMONSCOPE_DEMO_URL: SIM_URL,
        // No real cluster from the machine's kubeconfig: the suite sees the demo cluster only.
        KUBECONFIG: '/nonexistent/daemonscope-e2e-kubeconfig',
        DAEMONSCOPE_AUDIT_LOG: 'test-results/e2e-audit.log',
        // Stuck after 2 simulated minutes without progress; the stuck-rollout test moves the clock past it.
        DAEMONSCOPE_PROGRESS_DEADLINE_SECONDS: '120',
        DAEMONSCOPE_DEMO_SPEED: '20',
      },
    },
  ],
});
