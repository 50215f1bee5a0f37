import { expect, test } from '@playwright/test';
import { escape, FleetPage } from './pages/fleet-page';

/** The bar segment of one DaemonSet × state, and the number of nodes its accessible name gives. */
function segment(fleet: FleetPage, daemonSet: string, state: string) {
  return fleet.chart.getByRole('button', {
    name: new RegExp(`^Filter to ${escape(daemonSet)}: ${escape(state)} \\(\\d+ nodes?\\)$`),
  });
}

async function segmentCount(fleet: FleetPage, daemonSet: string, state: string): Promise<number> {
  const name = (await segment(fleet, daemonSet, state).getAttribute('aria-label')) ?? '';
  return Number(/\((\d+) nodes?\)$/.exec(name)?.[1] ?? Number.NaN);
}

test.describe('cells per DaemonSet chart', () => {
  test('a bar segment filters the grid and the URL to its DaemonSet and state; clearing shows everything again', async ({
    page,
  }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    const allColumns = await fleet.grid.getAttribute('aria-colcount');
    // edge-proxy runs only on the edge gateways: Ready there, Not eligible elsewhere, and no action spec touches it.
    const ready = await segmentCount(fleet, 'kube-system/edge-proxy', 'Ready');
    expect(ready).toBeGreaterThan(0);
    await segment(fleet, 'kube-system/edge-proxy', 'Ready').click();

    await expect(page).toHaveURL(/[?&]ds=kube-system%2Fedge-proxy(&|$)/);
    await expect(page).toHaveURL(/[?&]state=ready(&|$)/);
    await expect(fleet.grid).toHaveAttribute('aria-colcount', '2');
    await expect(fleet.grid).toHaveAttribute('aria-rowcount', String(ready + 1));
    await expect(fleet.stateToggle('Ready')).toHaveAttribute('aria-pressed', 'true');
    await expect(fleet.daemonSetFilter()).toHaveValue('kube-system/edge-proxy');
    const labels = await fleet.grid
      .getByRole('gridcell')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
    expect(labels).toHaveLength(ready);
    for (const label of labels) expect(label).toMatch(/ kube-system\/edge-proxy: Ready$/);

    await fleet.daemonSetFilter().fill('');
    await fleet.stateToggle('Ready').click();
    await expect(page).not.toHaveURL(/[?&](ds|state)=/);
    await expect(fleet.grid).toHaveAttribute('aria-colcount', allColumns ?? '');
    await expect(fleet.cell('cp-1', 'kube-system/edge-proxy')).toHaveAccessibleName(
      'cp-1 kube-system/edge-proxy: Not eligible',
    );
  });

  test('a segment is a keyboard button too', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    const notEligible = segment(fleet, 'kube-system/edge-proxy', 'Not eligible');
    await notEligible.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]state=not-eligible(&|$)/);
    const labels = await fleet.grid
      .getByRole('gridcell')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/ kube-system\/edge-proxy: Not eligible$/);
  });
});

test('the rollout chart says since when the server has samples', async ({ page }) => {
  await page.goto('/c/demo/daemonsets/kube-system/cni-agent');
  await expect(page.getByRole('figure', { name: 'Rollout progress over time' })).toContainText(
    /Samples since .+, when this server began recording; they start again if the server restarts\./,
  );
  // cni-agent's OnDelete rollout is half done; local mode may delete pods, so each old node offers its update.
  await expect(page.getByRole('button', { name: /^Update this node: / }).first()).toBeEnabled();
});
