import { describe, expect, it } from 'vitest';
import { soakChecks, soakPassed } from './checks';
import type { SoakFigures } from './figures';
import { soakReport } from './report';

/** A passing 10-minute soak; each case changes one thing. */
function passing(): SoakFigures {
  return {
    nodes: 1_000,
    daemonsets: 20,
    minutes: 10,
    drive: { seconds: 600, targetEventsPerSecond: 1_000, achievedEventsPerSecond: 990, eventsByResource: { '/api/v1/pods': 540_000, '/apis/apps/v1/daemonsets': 54_000 }, flipsAsked: 250_000, flipsMade: 249_000, requestP50Ms: 40, requestP99Ms: 120, ticksSkipped: 0, failedRequests: 0, errors: [] },
    memory: {
      source: 'test',
      warmupSeconds: 120,
      toleranceMBPerMin: 2,
      minMinutes: 3,
      rss: { slopeMBPerMin: 0.4, samples: 96, spanMinutes: 8, firstMB: 250, lastMB: 253, minMB: 240, maxMB: 262 },
      heap: null,
      samples: [],
    },
    clients: { normal: 195, slow: 5, normalDropped: 0, normalWithoutSnapshot: 0, normalResyncs: 0, normalGaps: 0, normalErrors: 0, slowDropped: 0, normalBytesPerSecond: 90_000, slowResyncs: [3, 3, 4, 3, 3], problems: [] },
    latency: {
      samples: 48_000_000,
      fromAnswer: { p50Ms: 180, p99Ms: 450, maxMs: 900, meanMs: 200 },
      fromRequest: { p50Ms: 230, p99Ms: 700, maxMs: 1_400, meanMs: 260 },
      budgetMs: 1_000,
      unseenFlips: 12,
    },
    final: { seq: 6_000, normalCompared: 195, normalEqual: 195, slowCompared: 5, slowEqual: 5, differences: [] },
    checks: [],
    notes: [],
  };
}

type Verdicts = Record<string, boolean | null>;

function verdicts(figures: SoakFigures): Verdicts {
  return Object.fromEntries(soakChecks(figures).map((check) => [check.name, check.ok]));
}

const RATE = 'watch event rate reached';
const MEMORY = 'dashboard memory flat after warm-up';
const DROPPED = 'no normal client dropped';
const GAPS = 'normal clients gap-free, never resynced';
const EQUAL = 'every normal client equals a fresh snapshot';
const SLOW = 'slow clients resynced, not dropped';
const SLOW_EQUAL = 'slow clients caught up to a fresh snapshot';
const LATENCY = 'normal clients\' delivery p99 within budget';

describe('soakChecks', () => {
  it('passes a good soak on every check', () => {
    const result = verdicts(passing());
    expect(Object.values(result).every((ok) => ok === true)).toBe(true);
    expect(Object.keys(result)).toEqual([RATE, MEMORY, DROPPED, GAPS, EQUAL, SLOW, SLOW_EQUAL, LATENCY]);
  });

  it.each<[string, (f: SoakFigures) => void, string, boolean | null]>([
    ['rate below 90% of the target', (f) => void (f.drive!.achievedEventsPerSecond = 899), RATE, false],
    ['rate at exactly 90%', (f) => void (f.drive!.achievedEventsPerSecond = 900), RATE, true],
    ['no drive at all', (f) => void (f.drive = null), RATE, false],
    ['RSS growing 2.5 MB/min', (f) => void (f.memory.rss!.slopeMBPerMin = 2.5), MEMORY, false],
    ['RSS shrinking', (f) => void (f.memory.rss!.slopeMBPerMin = -4), MEMORY, true],
    ['too short to judge memory', (f) => void (f.memory.rss!.spanMinutes = 1), MEMORY, null],
    ['no memory samples', (f) => void (f.memory.rss = null), MEMORY, null],
    ['a normal client disconnected', (f) => void (f.clients!.normalDropped = 1), DROPPED, false],
    ['a normal client without a snapshot', (f) => void (f.clients!.normalWithoutSnapshot = 1), DROPPED, false],
    ['a seq gap', (f) => void (f.clients!.normalGaps = 1), GAPS, false],
    ['a normal client resynced', (f) => void (f.clients!.normalResyncs = 1), GAPS, false],
    ['a protocol error', (f) => void (f.clients!.normalErrors = 2), GAPS, false],
    ['one normal grid differs', (f) => void (f.final!.normalEqual = 194), EQUAL, false],
    ['one normal client never reached the compared seq', (f) => void (f.final!.normalCompared = 194), EQUAL, false],
    ['no fresh snapshot', (f) => void (f.final = null), EQUAL, false],
    ['a slow client never resynced', (f) => void (f.clients!.slowResyncs = [3, 0, 4, 3, 3]), SLOW, false],
    ['a slow client dropped', (f) => void (f.clients!.slowDropped = 1), SLOW, false],
    ['no slow clients', (f) => void Object.assign(f.clients!, { slow: 0, slowResyncs: [] }), SLOW, null],
    ['a slow grid differs at the end', (f) => void (f.final!.slowEqual = 4), SLOW_EQUAL, false],
    ['p99 over budget', (f) => void (f.latency!.fromAnswer.p99Ms = 1_001), LATENCY, false],
    ['only the request-based p99 (simulator queueing included) over budget', (f) => void (f.latency!.fromRequest.p99Ms = 5_000), LATENCY, true],
    ['no budget', (f) => void (f.latency!.budgetMs = null), LATENCY, null],
    ['nothing delivered', (f) => void (f.latency!.samples = 0), LATENCY, false],
  ])('%s', (_name, change, check, expected) => {
    const figures = passing();
    change(figures);
    expect(verdicts(figures)[check]).toBe(expected);
  });
});

describe('soakPassed', () => {
  it.each<[string, (boolean | null)[], boolean]>([
    ['all passed', [true, true], true],
    ['one not judged', [true, null], true],
    ['one failed', [true, false, null], false],
  ])('%s', (_name, oks, expected) => {
    expect(soakPassed(oks.map((ok, i) => ({ name: String(i), ok, detail: '' })))).toBe(expected);
  });
});

describe('soakReport', () => {
  it('prints the figures and every check with its verdict', () => {
    const figures = passing();
    figures.checks = soakChecks(figures);
    figures.checks[1] = { ...figures.checks[1]!, ok: false };
    const text = soakReport(figures);
    expect(text).toMatch(/watch events\/s at the API server\s+990 \(target 1000\)/);
    expect(text).toMatch(/delivery to normal clients p50 \/ p99 \/ max\s+180 \/ 450 \/ 900 ms/);
    expect(text).toMatch(/\.\.\. counted from the request\s+230 \/ 700 \/ 1400 ms/);
    expect(text).toMatch(new RegExp(`${RATE}\\s+PASS`));
    expect(text).toMatch(/dashboard memory flat after warm-up\s+FAIL\s+RSS slope 0\.40 MB\/min/);
  });
});
