import { startSimulator, startDashboard } from '/work/main/scripts/bench/stack';
import { stopAll } from '/work/main/scripts/bench/processes';
import { startWatchProxy } from '/work/main/scripts/bench/watch-proxy';
import { openSse } from '/work/main/scripts/bench/sse';
import { waitForHttp, sleep } from '/work/main/scripts/bench/net';
import { launchBrowser } from '/work/main/scripts/bench/browser';
import { performance } from 'node:perf_hooks';
try {
  const sim = await startSimulator('/work/main', { nodes: 500, daemonsets: 10, seed: 1, speed: 1, verbose: false });
  const proxy = await startWatchProxy(sim.url);
  const d = await startDashboard('/work/main', proxy.url, true);
  await waitForHttp(d.url + '/api/healthz', 60000);
  console.log('healthz at', Math.round(performance.now() - d.spawnedAt));
  openSse(d.url + '/api/c/demo/stream', (e, at) => console.log(Math.round(at - d.spawnedAt), e.event, e.bytes, e.event === 'status' ? e.data.slice(0, 300) : ''));
  await sleep(42000);
  console.log('requests', proxy.requests(), 'watches', proxy.watchRequests());
  const b = await launchBrowser();
  const { measureFirstGrid } = await import('/work/main/scripts/bench/browser');
  console.log('firstGrid', await measureFirstGrid(b, d.url + '/c/demo', 500, 2, console.log));
  const ctx = await b.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => { (window as any).__t = 1; requestAnimationFrame(() => { (window as any).__raf = document.readyState; }); });
  await page.goto(d.url + '/c/demo', { waitUntil: 'commit' });
  await sleep(5000);
  console.log(await page.evaluate(() => [(window as any).__t, (window as any).__raf, document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')]));
  await b.close();
} finally { await stopAll(); }
