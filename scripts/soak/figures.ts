/** What a soak measured: the JSON `--json FILE` writes, and the input of the checks and the table. */
import type { MemorySample, Trend } from './trend';

/** One check's verdict: passed, failed, or not judged (null) with the reason in `detail`. */
export interface Check {
  name: string;
  ok: boolean | null;
  detail: string;
}

/** The load the soak drove and what reached the dashboard's watches. */
export interface DriveFigures {
  seconds: number;
  targetEventsPerSecond: number;
  /** Watch events (bookmarks excluded) the proxy passed to the dashboard per second over the drive. */
  achievedEventsPerSecond: number;
  eventsByResource: Record<string, number>;
  flipsAsked: number;
  flipsMade: number;
  requestP50Ms: number | null;
  requestP99Ms: number | null;
  ticksSkipped: number;
  failedRequests: number;
  errors: string[];
}

/** Memory over the run, and the trend after warm-up. */
export interface MemoryFigures {
  /** Where the figures come from (`next start` process group, or this process for the in-process stack). */
  source: string;
  warmupSeconds: number;
  toleranceMBPerMin: number;
  /** Post-warm-up minutes below which no verdict is given. */
  minMinutes: number;
  rss: Trend | null;
  heap: Trend | null;
  samples: MemorySample[];
}

/** How the clients fared. */
export interface ClientFigures {
  normal: number;
  slow: number;
  /** Normal clients whose stream ended (or never opened with 200) before the soak closed it. */
  normalDropped: number;
  normalWithoutSnapshot: number;
  normalResyncs: number;
  normalGaps: number;
  normalErrors: number;
  slowDropped: number;
  /** Mean bytes per second each normal client received over the whole run. */
  normalBytesPerSecond: number | null;
  /** Resyncs (snapshots after the first) of each slow client. */
  slowResyncs: number[];
  /** Up to ten problems, each with its client. */
  problems: string[];
}

/** Percentiles of one latency measure, ms. */
export interface LatencySummary {
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
}

/**
 * Delivery latency of the soak's changes to the normal clients: until the batch carrying a change
 * arrived, counted from the answer to the request that made it (the simulator had written the watch
 * event by then: the dashboard's share, a lower bound) and from the request (an upper bound, with the
 * simulator's own queueing). The budget applies to the first.
 */
export interface LatencyFigures {
  samples: number;
  fromAnswer: LatencySummary;
  fromRequest: LatencySummary;
  budgetMs: number | null;
  /**
   * Flips whose cell change no batch showed within 120 s, or that a newer flip of the cell replaced:
   * a hub that has fallen behind may carry a flip and the pod's return to Ready in one batch, which
   * then does not change the cell at all. Latencies are of the changes that were seen.
   */
  unseenFlips: number;
}

/** The end: every client's grid compared with a fresh stream's snapshot at the same seq. */
export interface FinalFigures {
  seq: number | null;
  normalCompared: number;
  normalEqual: number;
  slowCompared: number;
  slowEqual: number;
  /** Up to ten clients that differ, with the first difference. */
  differences: string[];
}

/** The whole soak result. */
export interface SoakFigures {
  nodes: number;
  daemonsets: number;
  minutes: number;
  drive: DriveFigures | null;
  memory: MemoryFigures;
  clients: ClientFigures | null;
  latency: LatencyFigures | null;
  final: FinalFigures | null;
  checks: Check[];
  machine?: Record<string, string | number>;
  /** Load averages (1, 5, 15 min) at the start and at the end. */
  load?: { start: number[]; end: number[] };
  notes: string[];
}
