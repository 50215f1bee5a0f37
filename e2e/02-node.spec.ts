import { expect, test } from '@playwright/test';

test('the node view lists every DaemonSet verdict with reasons, and the node’s taints', async ({ page }) => {
  await page.goto('/c/demo/nodes/cp-1');
  await expect(page.getByRole('heading', { name: 'Node cp-1' })).toBeVisible();
  const verdicts = page.getByRole('region', { name: 'DaemonSets on this node' });
  await expect(verdicts.getByRole('listitem').filter({ hasText: 'kube-system/node-agent' })).toContainText(
    'node-role.kubernetes.io/control-plane',
  );
  await expect(page.getByRole('region', { name: 'Taints' })).toContainText(
    'node-role.kubernetes.io/control-plane:NoSchedule',
  );
  await expect(page.getByRole('region', { name: 'Conditions' })).toContainText('Ready=True');
  await page.screenshot({ path: 'test-results/screenshots/node.png', fullPage: true });
});

test('What-if shows which nodes a DaemonSet would gain without its nodeSelector', async ({ page }) => {
  await page.goto('/c/demo/daemonsets/kube-system/edge-proxy');
  const whatIf = page.getByRole('region', { name: 'What-if' });
  const editor = whatIf.getByRole('textbox');
  await expect(editor).toHaveValue(/node-role: edge-gateway/);
  await editor.fill('nodeSelector: {}');
  await expect(whatIf).toContainText(/Gains \d+ nodes: .*worker-01/);
  await expect(whatIf).toContainText('Loses 0 nodes');
  await editor.fill('nodeSelector: [');
  await expect(whatIf).toContainText('not valid YAML');
});
