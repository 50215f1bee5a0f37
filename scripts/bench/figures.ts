/**
 * The benchmark's figures, shaped as CONTRACT.md's "Benchmark figures" JSON. Every figure starts as
 * null and is filled only by a measurement, so a phase that fails leaves null, never a guess.
 */

/** Server-side figures: milliseconds, bytes and megabytes. */
export interface ServerFigures {
  firstSnapshotMs: number | null;
  rebuildMs: number | null;
  deltaP50Ms: number | null;
  deltaP99Ms: number | null;
  rssMB: number | null;
  rssAfterChurnMB: number | null;
  snapshotBytes: number | null;
}

/** Browser figures, measured with Playwright driving Chromium. */
export interface BrowserFigures {
  firstGridMs: number | null;
  scrollFrameP95Ms: number | null;
  eventToPixelP50Ms: number | null;
  eventToPixelP95Ms: number | null;
}

/** Watch requests open at the simulated API server. */
export interface FanoutFigures {
  watchesWith1Client: number | null;
  watchesWith100Clients: number | null;
}

/** "Which nodes lack DaemonSet X and why": Daemonscope's answer vs kubectl's raw lists. */
export interface QuestionFigures {
  daemonscopeMs: number | null;
  daemonscopeBytes: number | null;
  kubectlMs: number | null;
  kubectlBytes: number | null;
}

/** The whole JSON file `--json FILE` writes (contract keys, plus machine and notes). */
export interface BenchFigures {
  nodes: number;
  daemonsets: number;
  server: ServerFigures;
  browser: BrowserFigures;
  fanout: FanoutFigures;
  question: QuestionFigures;
  /** Where and when it ran (not a contract key; helps compare runs). */
  machine?: Record<string, string | number>;
  /** Why a figure is null, what a phase observed on the side. */
  notes: string[];
}

/** Figures for a fleet of this size with nothing measured yet. */
export function emptyFigures(nodes: number, daemonsets: number): BenchFigures {
  return {
    nodes,
    daemonsets,
    server: { firstSnapshotMs: null, rebuildMs: null, deltaP50Ms: null, deltaP99Ms: null, rssMB: null, rssAfterChurnMB: null, snapshotBytes: null },
    browser: { firstGridMs: null, scrollFrameP95Ms: null, eventToPixelP50Ms: null, eventToPixelP95Ms: null },
    fanout: { watchesWith1Client: null, watchesWith100Clients: null },
    question: { daemonscopeMs: null, daemonscopeBytes: null, kubectlMs: null, kubectlBytes: null },
    notes: [],
  };
}

/** The groups of figures that hold numbers (the table walks them in this order). */
export const FIGURE_GROUPS = ['server', 'browser', 'fanout', 'question'] as const;

/** One of {@link FIGURE_GROUPS}. */
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

/** A figure's address, e.g. `server.rssMB`. */
export type FigurePath = {
  [G in FigureGroup]: `${G}.${Extract<keyof BenchFigures[G], string>}`;
}[FigureGroup];

/** Reads one figure by its path; null when absent. */
export function figureAt(figures: BenchFigures, path: FigurePath): number | null {
  const [group, key] = path.split('.') as [FigureGroup, string];
  const value = (figures[group] as unknown as Record<string, number | null | undefined>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Every figure path, group by group, in declaration order. */
export function figurePaths(figures: BenchFigures): FigurePath[] {
  return FIGURE_GROUPS.flatMap((group) => Object.keys(figures[group]).map((key) => `${group}.${key}` as FigurePath));
}
