/**
 * One bench run, phase by phase: model figures first (lib/ bundled, in a process of its own, nothing
 * else running), then the server stack, fan-out, the kubectl comparison, the browser, and churn with
 * event → pixel timed during the rollouts. Every figure a phase cannot measure stays null, with a note saying why.
 */
import type { Browser } from '@playwright/test';
import { launchBrowser, measureFirstGrid, measureScroll, openFleetPage } from './browser';
import { startChurn, type Churn } from './churn';
import { measureEventToPixel } from './event-to-pixel';
import { measureFanout } from './fanout';
import { emptyFigures, type BenchFigures } from './figures';
import { describeMachine } from './machine';
import { measureModelBundled } from './model-bundle';
import type { BenchOptions } from './options';
import { stopAll } from './processes';
import { measureDaemonscope, measureKubectl } from './question';
import { phase, type RunContext } from './run-context';
import { dashboardRss, serverPhase, type ServerStack } from './server-phase';
import { listDaemonSets } from './sim-api';
import { rounded } from './stats';

/** Creates the context of a run. */
export function createContext(options: BenchOptions, root: string, log: (line: string) => void): RunContext {
  const figures = emptyFigures(options.nodes, options.daemonsets);
  return {
    options, figures, root, log, cleanups: [], failures: [],
    note: (text) => {
      figures.notes.push(text);
      log(`note: ${text}`);
    },
  };
}

async function modelPhase(context: RunContext): Promise<void> {
  const { options, figures } = context;
  const result = await measureModelBundled(context.root, { nodes: options.nodes, daemonSets: options.daemonsets, seed: options.seed, rebuilds: options.rebuilds, log: context.log });
  figures.server.rebuildMs = rounded(result.rebuildMs, 1);
  figures.server.deltaP50Ms = rounded(result.deltaP50Ms, 4);
  figures.server.deltaP99Ms = rounded(result.deltaP99Ms, 4);
}

async function questionPhase(context: RunContext, stack: ServerStack): Promise<void> {
  const { figures, options } = context;
  const runs = options.nodes * options.daemonsets <= 50_000 ? 3 : 1;
  // X = the DaemonSet the fewest nodes run: the question "which nodes lack it, and why" is biggest there.
  const candidates = (await listDaemonSets(stack.sim.url)).filter((ds) => (ds.status?.desiredNumberScheduled ?? 0) > 0);
  candidates.sort((a, b) => (a.status?.desiredNumberScheduled ?? 0) - (b.status?.desiredNumberScheduled ?? 0));
  const x = candidates[0];
  if (x?.metadata?.namespace && x.metadata.name) {
    const answer = await measureDaemonscope(stack.dashboard.url, x.metadata.namespace, x.metadata.name, runs, context.log);
    figures.question.daemonscopeMs = rounded(answer?.ms, 1);
    figures.question.daemonscopeBytes = answer?.bytes ?? null;
    if (answer) context.note(`question: Daemonscope answered through the ${answer.via} for ${x.metadata.namespace}/${x.metadata.name}`);
  } else context.note('question: no DaemonSet with desired pods to ask about');
  const kubectl = await measureKubectl(stack.sim.url, runs, context.log);
  figures.question.kubectlMs = rounded(kubectl?.ms, 1);
  figures.question.kubectlBytes = kubectl?.bytes ?? null;
}

async function browserFirstPhase(context: RunContext, stack: ServerStack, browser: Browser): Promise<void> {
  const url = `${stack.dashboard.url}/c/demo`;
  context.figures.browser.firstGridMs = rounded(await measureFirstGrid(browser, url, context.options.nodes, 3, context.log), 0);
  const page = await openFleetPage(browser, url, context.options.nodes);
  context.figures.browser.scrollFrameP95Ms = rounded(await measureScroll(page, 4_000, context.log), 1);
  await page.context().close();
}

async function churnPhase(context: RunContext, stack: ServerStack, browser: Browser | undefined): Promise<void> {
  const { options, figures } = context;
  let churn: Churn | undefined;
  if (!options.skip.includes('churn')) {
    churn = await startChurn(stack.sim.url, options.churnSeconds, options.maxUnavailable, context.log);
    context.cleanups.push(async () => void (await churn?.stop()));
  } else context.note('churn skipped: event → pixel measured without a rollout running, rssAfterChurnMB not measured');
  if (browser) {
    const page = await openFleetPage(browser, `${stack.dashboard.url}/c/demo`, options.nodes);
    const result = await measureEventToPixel(page, stack.sim.url, stack.streamUrl, options.probes, churn?.daemonSet, context.log);
    figures.browser.eventToPixelP50Ms = rounded(result.fromEvent.p50, 0);
    figures.browser.eventToPixelP95Ms = rounded(result.fromEvent.p95, 0);
    const patch = result.fromPatch;
    context.note(`event → pixel is from the server's receipt of the watch event (the delta's receivedAt); from the bench's PATCH to the simulator instead: p50 ${patch.p50 ?? 'null'} ms, p95 ${patch.p95 ?? 'null'} ms, max ${patch.max ?? 'null'} ms over ${patch.samples.length} changes`);
    const server = result.toClient;
    context.note(`event → pixel, the server's part (receivedAt → the carrying delta read by the bench's own stream client: batching, flush, SSE): p50 ${server.p50 ?? 'null'} ms, p95 ${server.p95 ?? 'null'} ms, max ${server.max ?? 'null'} ms`);
    if (result.lost > 0) context.note(`event → pixel: ${result.lost} changes were not seen on the page within 15 s (left out of the percentiles)`);
    if (result.unstamped > 0) context.note(`event → pixel: ${result.unstamped} changes were seen but no stamped delta carrying them reached the bench's stream listener (left out of event → pixel, kept in PATCH → pixel)`);
    await page.context().close();
  }
  if (!churn) return;
  const done = await churn.done;
  if (done.error) context.note(`churn ended early: ${done.error}`);
  figures.server.rssAfterChurnMB = dashboardRss(context, stack.dashboard, `after ${options.churnSeconds} s of churn (${done.rolloutsCompleted} rollouts of ${done.daemonSet} completed)`);
}

async function stackPhases(context: RunContext, stack: ServerStack): Promise<void> {
  const skip = context.options.skip;
  if (!skip.includes('fanout')) {
    const fanout = await phase(context, 'fanout', () => measureFanout(stack.streamUrl, stack.proxy, context.log));
    context.figures.fanout.watchesWith1Client = fanout?.watchesWith1Client ?? null;
    context.figures.fanout.watchesWith100Clients = fanout?.watchesWith100Clients ?? null;
  }
  if (!skip.includes('question')) await phase(context, 'question', () => questionPhase(context, stack));
  let browser: Browser | undefined;
  try {
    if (!skip.includes('browser')) {
      browser = await phase(context, 'browser', async () => {
        const launched = await launchBrowser();
        await browserFirstPhase(context, stack, launched);
        return launched;
      });
    }
    await phase(context, 'churn and event → pixel', () => churnPhase(context, stack, browser));
  } finally {
    await browser?.close();
  }
}

/** Runs every phase not skipped and stops everything it started, whatever happens. */
export async function runBench(context: RunContext): Promise<BenchFigures> {
  const { options } = context;
  context.figures.machine = describeMachine();
  try {
    if (!options.skip.includes('model')) await phase(context, 'model (lib/ bundled, own process)', () => modelPhase(context));
    if (options.skip.includes('server')) {
      context.note('server phase skipped: server, browser, fan-out and kubectl figures not measured');
      return context.figures;
    }
    const stack = await phase(context, 'server', () => serverPhase(context));
    if (stack) await stackPhases(context, stack);
    return context.figures;
  } finally {
    await runCleanups(context);
  }
}

/** Cleanups (newest first), then every child process group. */
export async function runCleanups(context: RunContext): Promise<void> {
  for (const cleanup of context.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await stopAll();
}
