import { expect, test } from '@playwright/test';
import { DaemonSetPage } from './pages/daemonset-page';
import { FleetPage } from './pages/fleet-page';
import { advanceClock, getDaemonSet } from './pages/sim-api';

// These tests change the simulated cluster, so they run in order, after the read-only ones.
test.describe.configure({ mode: 'serial' });

test('the stuck rollout is flagged, rolled back in one click, and the grid turns Ready', async ({ page }) => {
  test.setTimeout(120_000);
  const ds = new DaemonSetPage(page, 'monitoring', 'metrics-agent');
  await ds.open();
  // Past the progress deadline without a new pod becoming available: the rollout is stuck.
  await advanceClock(5 * 60_000);
  await expect(page.getByRole('alert').filter({ hasText: 'Rollout stuck' })).toContainText(
    /ImagePullBackOff|ErrImagePull/,
    { timeout: 60_000 },
  );
  await page.screenshot({ path: 'test-results/screenshots/daemonset-stuck.png', fullPage: true });
  await ds.runAction('Roll back', /kubectl rollout undo daemonset\/metrics-agent/);
  expect((await getDaemonSet('monitoring', 'metrics-agent')).spec).toBeDefined();

  const fleet = new FleetPage(page);
  await fleet.open('/c/demo?ds=monitoring%2Fmetrics-agent');
  const notReady = fleet.grid.getByRole('gridcell', {
    name: /metrics-agent: (Failing|Updating|Progressing|Missing)$/,
  });
  await expect(notReady).toHaveCount(0, { timeout: 90_000 });
  await expect(fleet.cellsIn('Ready').first()).toBeVisible();
});

test('pause and resume switch the update strategy to OnDelete and back', async ({ page }) => {
  const ds = new DaemonSetPage(page, 'monitoring', 'node-exporter');
  await ds.open();
  const before = await getDaemonSet('monitoring', 'node-exporter');
  expect(before.spec?.updateStrategy?.type).toBe('RollingUpdate');

  await ds.runAction('Pause rollout', /kubectl/);
  await expect
    .poll(async () => (await getDaemonSet('monitoring', 'node-exporter')).spec?.updateStrategy?.type)
    .toBe('OnDelete');
  await expect(ds.action('Resume rollout')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/daemonset-paused.png', fullPage: true });

  await ds.runAction('Resume rollout', /kubectl/);
  await expect
    .poll(async () => (await getDaemonSet('monitoring', 'node-exporter')).spec?.updateStrategy?.type)
    .toBe('RollingUpdate');
  const after = await getDaemonSet('monitoring', 'node-exporter');
  expect(after.spec?.updateStrategy?.rollingUpdate).toEqual(before.spec?.updateStrategy?.rollingUpdate);
  await expect(ds.action('Pause rollout')).toBeVisible();
});
