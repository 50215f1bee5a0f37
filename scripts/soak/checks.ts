/** The soak's verdicts, from its figures alone (pure, so each rule has a table test). */
import type { Check, SoakFigures } from './figures';

/** The share of the target event rate that counts as reaching it (the rate is steered, not exact). */
export const RATE_SHARE = 0.9;

function rateCheck(figures: SoakFigures): Check {
  const name = 'watch event rate reached';
  const drive = figures.drive;
  if (drive === null) return { name, ok: false, detail: 'the load never ran' };
  const wanted = drive.targetEventsPerSecond * RATE_SHARE;
  const ok = drive.achievedEventsPerSecond >= wanted;
  return { name, ok, detail: `${drive.achievedEventsPerSecond.toFixed(0)}/s at the API server's watches, target ${drive.targetEventsPerSecond}/s (≥ ${wanted.toFixed(0)}/s passes)` };
}

function memoryCheck(figures: SoakFigures): Check {
  const name = 'dashboard memory flat after warm-up';
  const { rss, toleranceMBPerMin, minMinutes, warmupSeconds } = figures.memory;
  if (rss === null || rss.spanMinutes < minMinutes) {
    const span = rss === null ? 'fewer than 3 samples' : `${rss.spanMinutes.toFixed(1)} min`;
    return { name, ok: null, detail: `not judged: ${span} after the ${warmupSeconds} s warm-up, ${minMinutes} min needed` };
  }
  const ok = rss.slopeMBPerMin <= toleranceMBPerMin;
  return {
    name,
    ok,
    detail: `RSS slope ${rss.slopeMBPerMin.toFixed(2)} MB/min over ${rss.spanMinutes.toFixed(1)} min (≤ ${toleranceMBPerMin} passes); ${rss.firstMB.toFixed(0)} → ${rss.lastMB.toFixed(0)} MB, range ${rss.minMB.toFixed(0)}–${rss.maxMB.toFixed(0)} MB`,
  };
}

function droppedCheck(figures: SoakFigures): Check {
  const name = 'no normal client dropped';
  const clients = figures.clients;
  if (clients === null) return { name, ok: false, detail: 'no clients ran' };
  const ok = clients.normalDropped === 0 && clients.normalWithoutSnapshot === 0;
  return { name, ok, detail: `${clients.normal} normal clients: ${clients.normalDropped} disconnected, ${clients.normalWithoutSnapshot} without a snapshot` };
}

function gapFreeCheck(figures: SoakFigures): Check {
  const name = 'normal clients gap-free, never resynced';
  const clients = figures.clients;
  if (clients === null) return { name, ok: false, detail: 'no clients ran' };
  const ok = clients.normalGaps === 0 && clients.normalResyncs === 0 && clients.normalErrors === 0;
  return { name, ok, detail: `${clients.normalGaps} seq gaps, ${clients.normalResyncs} resyncs, ${clients.normalErrors} protocol errors` };
}

function convergedCheck(figures: SoakFigures, kind: 'normal' | 'slow'): Check {
  const name = kind === 'normal' ? 'every normal client equals a fresh snapshot' : 'slow clients caught up to a fresh snapshot';
  const final = figures.final;
  if (final === null || final.seq === null) return { name, ok: false, detail: 'no fresh snapshot to compare with' };
  const [compared, equal, expected] = kind === 'normal'
    ? [final.normalCompared, final.normalEqual, figures.clients?.normal ?? 0]
    : [final.slowCompared, final.slowEqual, figures.clients?.slow ?? 0];
  if (expected === 0) return { name, ok: null, detail: `no ${kind} clients` };
  const ok = compared === expected && equal === compared;
  return { name, ok, detail: `${equal} of ${expected} equal at seq ${final.seq} (${compared} reached it)` };
}

function slowResyncedCheck(figures: SoakFigures): Check {
  const name = 'slow clients resynced, not dropped';
  const clients = figures.clients;
  if (clients === null) return { name, ok: false, detail: 'no clients ran' };
  if (clients.slow === 0) return { name, ok: null, detail: 'no slow clients' };
  const resynced = clients.slowResyncs.filter((count) => count > 0).length;
  const ok = resynced === clients.slow && clients.slowDropped === 0;
  return { name, ok, detail: `${resynced} of ${clients.slow} resynced (${clients.slowResyncs.join(', ')} times), ${clients.slowDropped} disconnected` };
}

function latencyCheck(figures: SoakFigures): Check {
  const name = 'normal clients\' delivery p99 within budget';
  const latency = figures.latency;
  const own = latency?.fromAnswer;
  if (latency === null || latency.samples === 0 || own?.p99Ms == null) return { name, ok: false, detail: 'no change was seen delivered' };
  const measured = `from the API server's answer: p50 ${own.p50Ms} ms, p99 ${own.p99Ms} ms, max ${own.maxMs?.toFixed(0)} ms over ${latency.samples} deliveries; from the request: p99 ${latency.fromRequest.p99Ms} ms`;
  if (latency.budgetMs === null) return { name, ok: null, detail: `${measured}; no budget given` };
  return { name, ok: own.p99Ms <= latency.budgetMs, detail: `${measured} (p99 ≤ ${latency.budgetMs} ms passes)` };
}

/** Every check, in the order the issue lists them. */
export function soakChecks(figures: SoakFigures): Check[] {
  return [
    rateCheck(figures),
    memoryCheck(figures),
    droppedCheck(figures),
    gapFreeCheck(figures),
    convergedCheck(figures, 'normal'),
    slowResyncedCheck(figures),
    convergedCheck(figures, 'slow'),
    latencyCheck(figures),
  ];
}

/** Whether the soak passed: no check failed (a check not judged does not fail it). */
export function soakPassed(checks: readonly Check[]): boolean {
  return checks.every((check) => check.ok !== false);
}
