import { expect, test } from '@playwright/test';
import { FleetPage } from './pages/fleet-page';
import { injectFault } from './pages/sim-api';

test.afterEach(async () => {
  await injectFault({ action: 'reset' });
});

// While the API server fails, the grid must not pass for current: the header says Stale (with since
// when), and turns Live again once the watches are back.
test('the fleet view says Stale while the API server fails, and Live once it recovers', async ({ page }) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  await injectFault({ action: 'fail', status: 503, count: 100_000, pathPrefix: '/api' });
  await injectFault({ action: 'dropWatches' });
  await expect(fleet.status).toHaveText(/^Stale since .+ \(\d+ s ago\)$/);
  await expect(fleet.grid).toBeVisible();
  await injectFault({ action: 'reset' });
  // The watch supervisor's backoff is at most a few seconds this early (0.5 s doubling).
  await expect(fleet.status).toHaveText('Live', { timeout: 30_000 });
});
