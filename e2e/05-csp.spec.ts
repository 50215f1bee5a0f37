import { expect, test } from '@playwright/test';
import { FleetPage } from './pages/fleet-page';

// The pages run with a nonce-only script policy (proxy.ts): hydration must still work, and the browser
// must not have refused anything on the way.
test('pages run under a nonce-only script policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/c/demo');
  const policy = response?.headers()['content-security-policy'] ?? '';
  const scripts = policy.split('; ').find((directive) => directive.startsWith('script-src ')) ?? '';
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(scripts).not.toContain("'unsafe-inline'");

  // Live means hydrated: the client opened the stream and rendered its snapshot.
  const fleet = new FleetPage(page);
  await fleet.open();
  await page.goto('/c/demo/nodes/cp-1');
  await expect(page.getByRole('heading', { name: 'Node cp-1' })).toBeVisible();
  expect(violations).toEqual([]);
});
