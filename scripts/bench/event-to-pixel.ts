/**
 * Watch event → pixel: taint a node through the simulator's API so a visible Ready cell turns
 * Misscheduled (its pod stays, as upstream keeps pods past a NoSchedule taint), then untaint it. The
 * page marks the first animation frame in which the cell's aria-label changed (Date.now()). A listener
 * on the dashboard's stream finds the delta that carried the change; its `receivedAt` is when the
 * server received the batch's earliest watch event. Event → pixel is pixel time − receivedAt; PATCH →
 * pixel (pixel time − just before the PATCH) is kept beside it, as it adds the simulator's own
 * processing. All clocks are this machine's wall clock.
 */
import type { Page } from '@playwright/test';
import type { DaemonSet, Node } from '../../lib/k8s-types';
import { sleep } from './net';
import { nextChange, watchCellDeltas, type CellStream } from './cell-stream';
import { armProbeScript } from './page-scripts';
import { getJson, listDaemonSets, mergePatch, nodePath, probeTaintPatch } from './sim-api';
import { percentile } from './stats';

/** The taint key the probes add; nothing in the scale scenario tolerates it except wildcard tolerations. */
export const PROBE_TAINT = 'bench.daemonscope.io/probe';

/** A cell's accessible name split into its parts (CONTRACT.md: `{node} {namespace}/{daemonset}: {state}`). */
export interface CellLabel {
  node: string;
  namespace: string;
  daemonSet: string;
  state: string;
}

/** Parses a gridcell's aria-label; undefined when it does not have the contract's shape. */
export function parseCellLabel(label: string): CellLabel | undefined {
  const match = /^(\S+) ([^\s/]+)\/(\S+): (.+)$/.exec(label);
  if (!match) return undefined;
  const [, node = '', namespace = '', daemonSet = '', state = ''] = match;
  return { node, namespace, daemonSet, state };
}

/** Whether a DaemonSet's pods tolerate every taint (an empty-key `Exists` toleration). */
export function toleratesEverything(daemonSet: DaemonSet): boolean {
  return (daemonSet.spec?.template?.spec?.tolerations ?? []).some((toleration) => !toleration.key && toleration.operator === 'Exists');
}

/** Picks a Ready cell of a DaemonSet that the probe taint will turn away, on a node not used yet. */
export function pickProbeCell(labels: readonly string[], daemonSets: readonly DaemonSet[], exclude: ReadonlySet<string>, skipDaemonSet: string | undefined): CellLabel | undefined {
  const immune = new Set(daemonSets.filter(toleratesEverything).map((ds) => `${ds.metadata?.namespace}/${ds.metadata?.name}`));
  for (const label of labels) {
    const cell = parseCellLabel(label);
    if (!cell || cell.state !== 'Ready' || exclude.has(cell.node)) continue;
    const key = `${cell.namespace}/${cell.daemonSet}`;
    if (!immune.has(key) && key !== skipDaemonSet) return cell;
  }
  return undefined;
}

/** Starts watching, in the page, for the cell with `prefix` to carry a label other than `original`. */
async function armWatch(page: Page, prefix: string, original: string): Promise<void> {
  await page.evaluate(armProbeScript(prefix, original));
}

async function changedAt(page: Page, timeoutMs: number): Promise<number | null> {
  try {
    await page.waitForFunction(() => (window as unknown as { __benchProbe?: { at: number | null } }).__benchProbe?.at != null, undefined, { timeout: timeoutMs, polling: 50 });
    return await page.evaluate(() => (window as unknown as { __benchProbe: { at: number } }).__benchProbe.at);
  } catch {
    return null;
  }
}

/** One timed change, as milliseconds from the PATCH and from the server's receipt of the event. */
interface TimedChange {
  /** Pixel time − just before the PATCH; null when the page did not show the change within 15 s. */
  fromPatch: number | null;
  /** Pixel time − the carrying delta's receivedAt; null when no stamped delta for the cell was seen. */
  fromEvent: number | null;
  /** Of fromEvent: receivedAt → the delta reached the bench's own stream client (batching, flush, SSE). */
  toClient: number | null;
  label: string | null;
}

/** One timed change: arm, patch, wait for the pixel, then for the delta that carried it. */
async function timedChange(page: Page, simUrl: string, stream: CellStream, cell: CellLabel, original: string, present: boolean): Promise<TimedChange> {
  const prefix = `${cell.node} ${cell.namespace}/${cell.daemonSet}: `;
  const node = await getJson<Node>(simUrl, nodePath(cell.node));
  await armWatch(page, prefix, original);
  const seenBefore = stream.changes.length;
  const sentAt = Date.now();
  await mergePatch(simUrl, nodePath(cell.node), probeTaintPatch(node, PROBE_TAINT, present));
  const at = await changedAt(page, 15_000);
  if (at === null) return { fromPatch: null, fromEvent: null, toClient: null, label: null };
  const label = await page.evaluate((selector) => document.querySelector(selector)?.getAttribute('aria-label') ?? null, `[role="gridcell"][aria-label^=${JSON.stringify(prefix)}]`);
  // The first change to the cell after the PATCH: nothing else touches it (the churn rollout is another DaemonSet).
  const carrier = await nextChange(stream, seenBefore, 5_000);
  const receivedAt = carrier?.receivedAt;
  if (carrier === undefined || receivedAt === undefined) return { fromPatch: at - sentAt, fromEvent: null, toClient: null, label };
  return { fromPatch: at - sentAt, fromEvent: at - receivedAt, toClient: carrier.arrivedAt - receivedAt, label };
}

/** Percentiles of one series of samples. */
export interface LatencySummary {
  samples: number[];
  p50: number | null;
  p95: number | null;
  max: number | null;
}

function summarize(samples: number[]): LatencySummary {
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), max: percentile(samples, 100) };
}

function describeSummary(summary: LatencySummary): string {
  return `p50 ${summary.p50 ?? 'null'} ms, p95 ${summary.p95 ?? 'null'} ms, max ${summary.max ?? 'null'} ms over ${summary.samples.length}`;
}

/** What {@link measureEventToPixel} measured. */
export interface EventToPixelResult {
  /** Watch event (received by the server) → pixel. */
  fromEvent: LatencySummary;
  /** PATCH to the simulator → pixel: adds the simulator's processing and its watch delivery. */
  fromPatch: LatencySummary;
  /** The server's part of fromEvent: receivedAt → the carrying delta read by a Node stream client. */
  toClient: LatencySummary;
  /** Changes the page did not show within 15 s. */
  lost: number;
  /** Changes the page showed but whose carrying delta the listener did not see stamped. */
  unstamped: number;
}

/** Runs `probes` taint/untaint pairs on cells visible at the top of the grid; `streamUrl` is the dashboard's stream. */
export async function measureEventToPixel(page: Page, simUrl: string, streamUrl: string, probes: number, skipDaemonSet: string | undefined, log: (line: string) => void): Promise<EventToPixelResult> {
  const daemonSets = await listDaemonSets(simUrl);
  const used = new Set<string>();
  const fromEvent: number[] = [];
  const fromPatch: number[] = [];
  const toClient: number[] = [];
  let lost = 0;
  let unstamped = 0;
  const record = (change: TimedChange): void => {
    if (change.fromPatch === null) {
      lost++;
      return;
    }
    fromPatch.push(change.fromPatch);
    if (change.fromEvent === null || change.toClient === null) unstamped++;
    else {
      fromEvent.push(change.fromEvent);
      toClient.push(change.toClient);
    }
  };
  for (let probe = 0; probe < probes; probe++) {
    const labels = await page.evaluate(() => [...document.querySelectorAll('[role="gridcell"]')].map((cell) => cell.getAttribute('aria-label') ?? ''));
    const cell = pickProbeCell(labels, daemonSets, used, skipDaemonSet);
    if (!cell) {
      log(`browser: no visible Ready cell left to probe after ${probe} probes`);
      break;
    }
    used.add(cell.node);
    const stream = await watchCellDeltas(streamUrl, cell.node, cell.namespace, cell.daemonSet, 30_000);
    try {
      const original = `${cell.node} ${cell.namespace}/${cell.daemonSet}: ${cell.state}`;
      const tainted = await timedChange(page, simUrl, stream, cell, original, true);
      record(tainted);
      // Untaint even when the change was not seen, so the cluster is left as it was.
      const restored = await timedChange(page, simUrl, stream, cell, tainted.label ?? original, false);
      if (tainted.label !== null) record(restored);
    } finally {
      stream.close();
    }
    await sleep(200);
  }
  const result = { fromEvent: summarize(fromEvent), fromPatch: summarize(fromPatch), toClient: summarize(toClient), lost, unstamped };
  log(`browser: watch event → pixel ${describeSummary(result.fromEvent)} changes; of which event → delta at a stream client ${describeSummary(result.toClient)}; PATCH → pixel ${describeSummary(result.fromPatch)} (${lost} not seen within 15 s, ${unstamped} without a stamped delta)`);
  return result;
}
