/**
 * The dashboard's watch + hub stack, without Next.js, against a running simulator: how much heap the
 * cluster's objects hold after sync and while a DaemonSet is rolled again and again (BENCHMARKS.md,
 * "What holds the dashboard's memory"). Not a bench figure: the bench measures `next start`'s RSS.
 *
 *   npm run sim -- --scenario scale --nodes 5000 --daemonsets 50 --port 8123 &
 *   node --conditions=react-server --expose-gc --heapsnapshot-signal=SIGUSR2 --import tsx \
 *     scripts/heap-probe.ts http://127.0.0.1:8123 [CHURN_SECONDS]
 *
 * Heap figures are taken after a forced GC (hence --expose-gc); `kill -USR2 <pid>` writes a heap
 * snapshot into the working directory. Exits when the churn is over.
 */
import { connectCluster } from '../server/clusters/connection';
import { followSimClock } from '../server/clusters/sim-clock';
import { kubeConfigForUrl } from '../server/clusters/url-access';
import { startChurn } from './bench/churn';

const USAGE = 'usage: node --conditions=react-server --expose-gc --import tsx scripts/heap-probe.ts SIM_URL [CHURN_SECONDS]';

function parseArgs(argv: readonly string[]): { url: string; churnSeconds: number } {
  const [url, churn = '0'] = argv;
  const churnSeconds = Number(churn);
  if (url === undefined || !URL.canParse(url) || !Number.isInteger(churnSeconds) || churnSeconds < 0) {
    console.error(USAGE);
    process.exit(2);
  }
  return { url, churnSeconds };
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

function report(label: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`${label}: rss ${mb(m.rss)} MB, heap used ${mb(m.heapUsed)} MB of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB`);
}

const { url, churnSeconds } = parseArgs(process.argv.slice(2));
const clock = await followSimClock(url);
const started = Date.now();
const connection = connectCluster('demo', { kc: kubeConfigForUrl('demo', url), now: clock.now }, { progressDeadlineSeconds: 600 });
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') console.log('note: without --expose-gc the heap figures include garbage');

const waitForLive = setInterval(() => {
  if (connection.hub.status().state !== 'Live') return;
  clearInterval(waitForLive);
  connection.hub.flush();
  console.log(`synced in ${Date.now() - started} ms: ${JSON.stringify(connection.hub.objects.counts())}`);
  report('after sync');
  void churnThenExit();
}, 200);

async function churnThenExit(): Promise<void> {
  if (churnSeconds > 0) {
    const every = setInterval(() => report(`t+${Math.round((Date.now() - started) / 1000)} s`), 30_000);
    const churn = await startChurn(url, churnSeconds, '20%', console.log);
    await churn.done;
    clearInterval(every);
    report('after churn');
  }
  connection.stop();
  process.exit(0);
}
