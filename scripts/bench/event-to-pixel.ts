/**
 * Watch event → pixel: taint a node through the simulator's API so a visible Ready cell turns
 * Misscheduled (its pod stays, as upstream keeps pods past a NoSchedule taint), then untaint it. The
 * page marks the first animation frame in which the cell's aria-label changed; both clocks are the
 * machine's wall clock (Date.now), so the difference is the latency an operator sees.
 */
import type { Page } from '@playwright/test';
import type { DaemonSet, Node } from '../../lib/k8s-types';
import { sleep } from './net';
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

/** One timed change: arm, patch, wait. */
async function timedChange(page: Page, simUrl: string, cell: CellLabel, original: string, present: boolean): Promise<{ ms: number | null; label: string | null }> {
  const prefix = `${cell.node} ${cell.namespace}/${cell.daemonSet}: `;
  const node = await getJson<Node>(simUrl, nodePath(cell.node));
  await armWatch(page, prefix, original);
  const sentAt = Date.now();
  await mergePatch(simUrl, nodePath(cell.node), probeTaintPatch(node, PROBE_TAINT, present));
  const at = await changedAt(page, 15_000);
  const label = at === null ? null : await page.evaluate((selector) => document.querySelector(selector)?.getAttribute('aria-label') ?? null, `[role="gridcell"][aria-label^=${JSON.stringify(prefix)}]`);
  return { ms: at === null ? null : at - sentAt, label };
}

/** What {@link measureEventToPixel} measured. */
export interface EventToPixelResult {
  samples: number[];
  lost: number;
  p50: number | null;
  p95: number | null;
}

/** Runs `probes` taint/untaint pairs on cells visible at the top of the grid. */
export async function measureEventToPixel(page: Page, simUrl: string, probes: number, skipDaemonSet: string | undefined, log: (line: string) => void): Promise<EventToPixelResult> {
  const daemonSets = await listDaemonSets(simUrl);
  const used = new Set<string>();
  const samples: number[] = [];
  let lost = 0;
  for (let probe = 0; probe < probes; probe++) {
    const labels = await page.evaluate(() => [...document.querySelectorAll('[role="gridcell"]')].map((cell) => cell.getAttribute('aria-label') ?? ''));
    const cell = pickProbeCell(labels, daemonSets, used, skipDaemonSet);
    if (!cell) {
      log(`browser: no visible Ready cell left to probe after ${probe} probes`);
      break;
    }
    used.add(cell.node);
    const original = `${cell.node} ${cell.namespace}/${cell.daemonSet}: ${cell.state}`;
    const tainted = await timedChange(page, simUrl, cell, original, true);
    if (tainted.ms === null) lost++;
    else samples.push(tainted.ms);
    // Untaint even when the change was not seen, so the cluster is left as it was.
    const restored = await timedChange(page, simUrl, cell, tainted.label ?? original, false);
    if (tainted.label !== null) {
      if (restored.ms === null) lost++;
      else samples.push(restored.ms);
    }
    await sleep(200);
  }
  const result = { samples, lost, p50: percentile(samples, 50), p95: percentile(samples, 95) };
  log(`browser: event → pixel over ${samples.length} changes (${lost} not seen within 15 s): p50 ${result.p50 ?? 'null'} ms, p95 ${result.p95 ?? 'null'} ms, max ${percentile(samples, 100) ?? 'null'} ms`);
  return result;
}
