/** The soak's printed table: the figures, then one line per check with its verdict. */
import type { Check, LatencySummary, SoakFigures } from './figures';

/** Fixed-width text columns (two spaces apart), header underlined. */
export function renderColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...lines.map((line) => [...(line[column] ?? '')].length)));
  const render = (line: readonly string[]) => line.map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length))).join('  ').trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)].join('\n');
}

function number(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function summary(latency: LatencySummary): string {
  return `${number(latency.p50Ms)} / ${number(latency.p99Ms)} / ${number(latency.maxMs)} ms`;
}

/** The figures worth a line, as [figure, value]. */
export function figureRows(figures: SoakFigures): [string, string][] {
  const { drive, memory, clients, latency, final } = figures;
  return [
    ['fleet', `${figures.nodes} nodes × ${figures.daemonsets} DaemonSets`],
    ['drive', drive === null ? '—' : `${number(drive.seconds)} s, ${number(drive.flipsMade)} pods made unready (${number(drive.flipsAsked)} asked)`],
    ['watch events/s at the API server', drive === null ? '—' : `${number(drive.achievedEventsPerSecond)} (target ${drive.targetEventsPerSecond})`],
    ['events by resource', drive === null ? '—' : Object.entries(drive.eventsByResource).map(([path, count]) => `${path} ${count}`).join(', ') || 'none'],
    ['POST /_sim/unready p50 / p99', drive === null ? '—' : `${number(drive.requestP50Ms)} / ${number(drive.requestP99Ms)} ms (${drive.ticksSkipped} ticks waited for the simulator, ${drive.failedRequests} requests failed)`],
    ['clients', clients === null ? '—' : `${clients.normal} normal + ${clients.slow} slow, ${number((clients.normalBytesPerSecond ?? NaN) / 1024)} KiB/s to each normal one`],
    ['delivery to normal clients p50 / p99 / max', latency === null ? '—' : `${summary(latency.fromAnswer)} (${latency.samples} deliveries, from the API server's answer; ${latency.unseenFlips} flips not seen)`],
    ['... counted from the request', latency === null ? '—' : `${summary(latency.fromRequest)} (the simulator's queueing included)`],
    ['slow clients\' resyncs', clients === null || clients.slow === 0 ? '—' : clients.slowResyncs.join(', ')],
    [`RSS slope after ${memory.warmupSeconds} s`, memory.rss === null ? '—' : `${number(memory.rss.slopeMBPerMin, 2)} MB/min (${number(memory.rss.firstMB)} → ${number(memory.rss.lastMB)} MB, ${memory.rss.samples} samples)`],
    ['heap slope', memory.heap === null ? 'not exposed' : `${number(memory.heap.slopeMBPerMin, 2)} MB/min (${number(memory.heap.firstMB)} → ${number(memory.heap.lastMB)} MB)`],
    ['final compare', final === null || final.seq === null ? '—' : `seq ${final.seq}: ${final.normalEqual}/${final.normalCompared} normal, ${final.slowEqual}/${final.slowCompared} slow equal`],
  ];
}

function verdict(check: Check): string {
  return check.ok === true ? 'PASS' : check.ok === false ? 'FAIL' : 'n/a';
}

/** The whole printed report. */
export function soakReport(figures: SoakFigures): string {
  const figuresTable = renderColumns(['figure', 'value'], figureRows(figures));
  const checksTable = renderColumns(['check', 'verdict', 'detail'], figures.checks.map((check) => [check.name, verdict(check), check.detail]));
  return `${figuresTable}\n\n${checksTable}`;
}
