import { expect, test } from '@playwright/test';
import { FleetPage } from './pages/fleet-page';

test.describe('fleet grid', () => {
  test('/ opens the demo fleet and the grid shows its states', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open('/');
    await expect(page).toHaveURL(/\/c\/demo$/);
    const rows = Number(await fleet.grid.getAttribute('aria-rowcount'));
    const columns = Number(await fleet.grid.getAttribute('aria-colcount'));
    expect(rows).toBeGreaterThan(30); // every demo node plus the header row
    expect(columns).toBe(9); // eight DaemonSets plus the node column
    await expect(fleet.cell('worker-01', 'logging/fluent-bit')).toHaveAccessibleName(
      'worker-01 logging/fluent-bit: Ready',
    );
    await expect(fleet.cell('cp-1', 'kube-system/node-agent')).toHaveAccessibleName(
      'cp-1 kube-system/node-agent: Not eligible',
    );
    await expect(fleet.cell('gpu-1', 'kube-system/gpu-device-plugin')).toHaveAccessibleName(/: Ready$/);
    // The broken rollout of metrics-agent fails on its first node.
    await expect(fleet.cellsIn('Failing').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/fleet.png', fullPage: true });
    await page.setViewportSize({ width: 768, height: 900 });
    await expect(fleet.grid).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/fleet-768.png' });
  });

  test('the explanation of an excluded node names its taint', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.cell('cp-1', 'kube-system/node-agent').click();
    await expect(fleet.why).toBeVisible();
    await expect(fleet.why).toContainText('cp-1 × kube-system/node-agent: Not eligible');
    await expect(fleet.why).toContainText('node-role.kubernetes.io/control-plane');
    await expect(fleet.why.getByRole('button', { name: /Copy YAML/ }).first()).toBeVisible();
    await expect(page).toHaveURL(/cell=cp-1%2Fkube-system%2Fnode-agent/);
    await page.screenshot({ path: 'test-results/screenshots/why.png' });
  });

  test('keyboard navigation moves focus across cells and Enter explains the cell', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    const first = fleet.grid.getByRole('gridcell').first();
    await first.focus();
    const start = await fleet.focusedLabel();
    const [node, rest] = (start ?? '').split(' ');
    await page.keyboard.press('ArrowRight');
    const right = await fleet.focusedLabel();
    expect(right?.startsWith(`${node} `)).toBe(true);
    expect(right).not.toBe(start);
    await page.keyboard.press('ArrowDown');
    const down = await fleet.focusedLabel();
    expect(down?.split(' ')[1]).toBe(right?.split(' ')[1]);
    expect(down?.split(' ')[0]).not.toBe(node);
    await page.keyboard.press('Home');
    expect((await fleet.focusedLabel())?.split(' ')[1]).toBe(rest);
    await page.keyboard.press('Control+End');
    const last = await fleet.focusedLabel();
    await page.keyboard.press('Enter');
    await expect(fleet.why).toContainText(
      `${last?.split(' ')[0]} × ${last?.split(' ')[1]?.replace(/:$/, '')}`,
    );
  });

  test('filters live in the URL and survive a reload', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.namespace().selectOption('monitoring');
    await fleet.stateToggle('Ready').click();
    await expect(page).toHaveURL(/ns=monitoring/);
    await expect(page).toHaveURL(/state=ready/);
    await page.reload();
    await expect(fleet.grid).toBeVisible();
    await expect(fleet.namespace()).toHaveValue('monitoring');
    await expect(fleet.stateToggle('Ready')).toHaveAttribute('aria-pressed', 'true');
    const labels = await fleet.grid
      .getByRole('gridcell')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/ monitoring\//);
  });

  test('a copied link opens the same view in a new page', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const fleet = new FleetPage(page);
    await fleet.open('/c/demo?ns=kube-system&sort=problems');
    await fleet.cell('cp-1', 'kube-system/node-agent').click();
    await expect(fleet.why).toBeVisible();
    await page.getByRole('button', { name: /^Copy link/ }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('ns=kube-system');
    const other = new FleetPage(await context.newPage());
    await other.open(link);
    await expect(other.namespace()).toHaveValue('kube-system');
    await expect(other.page.getByRole('combobox', { name: 'Sort nodes' })).toHaveValue('problems');
    await expect(other.why).toContainText('cp-1 × kube-system/node-agent');
  });

  test('rows group by a node label, with counts, and a group folds away', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open('/c/demo?group=pool');
    const arm = page.getByRole('button', { name: /pool=arm · 7 nodes/ });
    await expect(arm).toHaveAttribute('aria-expanded', 'true');
    await expect(fleet.cell('arm-01', 'logging/fluent-bit')).toBeVisible();
    await arm.click();
    await expect(arm).toHaveAttribute('aria-expanded', 'false');
    await expect(fleet.cell('arm-01', 'logging/fluent-bit')).toHaveCount(0);
  });

  test('row headers stay put when the grid scrolls across, and each row holds its header then its cells', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    const fleet = new FleetPage(page);
    await fleet.open();
    const header = fleet.grid.getByRole('rowheader', { name: /^arm-01/ });
    const cell = fleet.cell('arm-01', 'monitoring/node-exporter');
    const [headerBefore, cellBefore] = [await header.boundingBox(), await cell.boundingBox()];
    await fleet.grid.evaluate((grid) => grid.parentElement?.scrollBy(120, 0));
    await expect.poll(async () => (await cell.boundingBox())?.x).toBeLessThan((cellBefore?.x ?? 0) - 100);
    expect((await header.boundingBox())?.x).toBe(headerBefore?.x);

    // The headers sit in one sticky column and each row owns its cells by aria-owns: the
    // accessibility tree must still read a row as its header followed by its cells.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: {
        nodeId: string;
        ignored: boolean;
        role?: { value: string };
        name?: { value: string };
        childIds?: string[];
      }[];
    };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    // Ignored nodes (the presentational box the cells sit in) pass their children up.
    const exposed = (id: string): { role?: string; name?: string }[] => {
      const node = byId.get(id);
      if (!node) return [];
      if (node.ignored) return (node.childIds ?? []).flatMap(exposed);
      return [{ role: node.role?.value, name: node.name?.value }];
    };
    const row = nodes.find(
      (node) =>
        node.role?.value === 'row' &&
        (node.childIds ?? []).some((id) => /^arm-01\b/.test(byId.get(id)?.name?.value ?? '')),
    );
    const children = (row?.childIds ?? []).flatMap(exposed);
    expect(children[0]?.role).toBe('rowheader');
    expect(children.length).toBeGreaterThan(1);
    for (const child of children.slice(1)) {
      expect(child.role).toBe('gridcell');
      expect(child.name).toMatch(/^arm-01 /);
    }
  });
});
