/**
 * DESIGN.md's performance budgets as data, and the verdict of a figure against its budget.
 * The 5k × 50 budgets apply up to 5,000 nodes (a smaller fleet must meet them too); above that only
 * the stretch budgets DESIGN.md states for 65,000 × 20 apply.
 */
import { figureAt, type BenchFigures, type FigurePath } from './figures';

/** How a figure is judged. */
export type Budget =
  | { kind: 'atMost'; limit: number; text: string }
  | { kind: 'equals'; other: FigurePath; text: string };

/** Verdict of one figure: within budget, over it, or not judged (no budget or no figure). */
export type Verdict = 'ok' | 'over' | 'n/a';

/** Largest fleet the 5k × 50 budgets are stated for (upstream Kubernetes' supported node count). */
export const UPSTREAM_MAX_NODES = 5_000;

const FLEET_BUDGETS: Partial<Record<FigurePath, Budget>> = {
  'server.rebuildMs': { kind: 'atMost', limit: 50, text: '≤ 50 ms' },
  'server.deltaP99Ms': { kind: 'atMost', limit: 1, text: 'p99 ≤ 1 ms' },
  'server.snapshotBytes': { kind: 'atMost', limit: 1_000_000, text: '≤ 1 MB' },
  'server.rssMB': { kind: 'atMost', limit: 400, text: '≤ 400 MB' },
  'server.rssAfterChurnMB': { kind: 'atMost', limit: 400, text: '≤ 400 MB' },
  'browser.firstGridMs': { kind: 'atMost', limit: 2_000, text: '≤ 2 s' },
  'browser.eventToPixelP95Ms': { kind: 'atMost', limit: 500, text: 'p95 ≤ 500 ms' },
  'fanout.watchesWith100Clients': { kind: 'equals', other: 'fanout.watchesWith1Client', text: '= with 1 client' },
};

const STRETCH_BUDGETS: Partial<Record<FigurePath, Budget>> = {
  'server.firstSnapshotMs': { kind: 'atMost', limit: 30_000, text: '≤ 30 s' },
  'server.rssMB': { kind: 'atMost', limit: 2_048, text: '≤ 2 GiB' },
  'server.rssAfterChurnMB': { kind: 'atMost', limit: 2_048, text: '≤ 2 GiB' },
  'fanout.watchesWith100Clients': { kind: 'equals', other: 'fanout.watchesWith1Client', text: '= with 1 client' },
};

/** The budgets that apply to a fleet of `nodes` nodes. */
export function budgetsFor(nodes: number): Partial<Record<FigurePath, Budget>> {
  return nodes <= UPSTREAM_MAX_NODES ? FLEET_BUDGETS : STRETCH_BUDGETS;
}

/** Judges one figure against its budget. */
export function verdict(figures: BenchFigures, path: FigurePath, budget: Budget | undefined): Verdict {
  const value = figureAt(figures, path);
  if (budget === undefined || value === null) return 'n/a';
  if (budget.kind === 'atMost') return value <= budget.limit ? 'ok' : 'over';
  const other = figureAt(figures, budget.other);
  if (other === null) return 'n/a';
  return value === other ? 'ok' : 'over';
}
