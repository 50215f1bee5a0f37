/**
 * Browser figures with Playwright and Debian's Chromium: navigation → full grid painted, frame times
 * while scrolling the grid, and the dashboard's own page. Timestamps are taken inside the page
 * (requestAnimationFrame), so Playwright's round trips do not count.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { gridWatcherScript, scrollFramesScript } from './page-scripts';
import { median, percentile } from './stats';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches headless Chromium the way the e2e tests do. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** One navigation in a fresh context: ms from navigation start to the first full-grid frame, or null. */
async function oneFirstGrid(browser: Browser, url: string, expectedRows: number, timeoutMs: number, log: (line: string) => void): Promise<number | null> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: gridWatcherScript(expectedRows) });
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => (window as unknown as { __benchGrid?: { gridAt: number | null } }).__benchGrid?.gridAt != null, undefined, { timeout: timeoutMs, polling: 100 });
    } catch {
      const seen = await page.evaluate(() => (window as unknown as { __benchGrid?: { rowCount: number; cells: number } }).__benchGrid);
      log(`browser: no full grid within ${timeoutMs} ms (aria-rowcount ${seen?.rowCount ?? 0}, ${seen?.cells ?? 0} cells rendered; expected ≥ ${expectedRows + 1} rows)`);
      return null;
    }
    return await page.evaluate(() => (window as unknown as { __benchGrid: { gridAt: number } }).__benchGrid.gridAt);
  } finally {
    await context.close();
  }
}

/** Median over `runs` fresh contexts of navigation → full grid painted. */
export async function measureFirstGrid(browser: Browser, url: string, expectedRows: number, runs: number, log: (line: string) => void): Promise<number | null> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const ms = await oneFirstGrid(browser, url, expectedRows, 60_000, log);
    if (ms === null) return null;
    samples.push(ms);
  }
  log(`browser: navigation → full grid: ${samples.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
  return median(samples);
}

/** Opens the fleet page in a context that stays open, waiting for the grid. */
export async function openFleetPage(browser: Browser, url: string, expectedRows: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript({ content: gridWatcherScript(expectedRows) });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __benchGrid?: { gridAt: number | null } }).__benchGrid?.gridAt != null, undefined, { timeout: 120_000, polling: 100 });
  return page;
}

/** p95 of the frame intervals while scrolling the grid; null when no frame could be timed. */
export async function measureScroll(page: Page, durationMs: number, log: (line: string) => void): Promise<number | null> {
  const deltas = await page.evaluate<number[]>(scrollFramesScript(durationMs));
  await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"][aria-label="Coverage"]');
    grid?.parentElement?.scrollTo(0, 0);
  });
  log(`browser: scrolled ${deltas.length} frames, p50 ${percentile(deltas, 50)?.toFixed(1)} ms, p95 ${percentile(deltas, 95)?.toFixed(1)} ms, max ${percentile(deltas, 100)?.toFixed(1)} ms`);
  return percentile(deltas, 95);
}
