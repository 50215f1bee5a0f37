/**
 * The fleet cost table's pure side: reads `GET /api/c/{cluster}/cost` defensively (anything the
 * server sends may be missing or malformed) and turns amounts and shares into short text.
 */

/** Resource name → canonical quantity text, as the server sends it. */
export type Amounts = Readonly<Record<string, string>>;

/** One DaemonSet's line of the cost table. */
export interface CostRow {
  namespace: string;
  name: string;
  nodes: number;
  perPodRequests: Amounts;
  totalRequests: Amounts;
  totalLimits: Amounts;
  problems: readonly string[];
}

/** Daemons' share of one resource across nodes. */
export interface ShareLine {
  resource: string;
  max: number;
  median: number;
}

/** A node and the largest share daemons take of it (with the resource). */
export interface TopNode {
  node: string;
  resource: string;
  share: number;
}

/** Everything the cost table shows. */
export interface CostView {
  rows: CostRow[];
  totalRequests: Amounts;
  totalLimits: Amounts;
  nodeCount: number;
  shares: ShareLine[];
  topNodes: TopNode[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isShare = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function readAmounts(value: unknown): Amounts {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function readRow(value: unknown): CostRow[] {
  if (!isRecord(value) || typeof value.name !== 'string') return [];
  const perPod = isRecord(value.perPod) ? value.perPod : {};
  const total = isRecord(value.total) ? value.total : {};
  const nodes = value.desiredNumberScheduled;
  return [
    {
      namespace: typeof value.namespace === 'string' ? value.namespace : '',
      name: value.name,
      nodes: typeof nodes === 'number' && Number.isSafeInteger(nodes) && nodes >= 0 ? nodes : 0,
      perPodRequests: readAmounts(perPod.requests),
      totalRequests: readAmounts(total.requests),
      totalLimits: readAmounts(total.limits),
      problems: Array.isArray(value.problems)
        ? value.problems.filter((p): p is string => typeof p === 'string')
        : [],
    },
  ];
}

function readShares(value: unknown): ShareLine[] {
  if (!isRecord(value)) return [];
  return orderResources(Object.keys(value)).flatMap((resource) => {
    const entry = value[resource];
    return isRecord(entry) && isShare(entry.max) && isShare(entry.median)
      ? [{ resource, max: entry.max, median: entry.median }]
      : [];
  });
}

function readTopNodes(value: unknown): TopNode[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!isRecord(entry) || typeof entry.node !== 'string' || !isRecord(entry.share)) return [];
    const shares = Object.entries(entry.share).filter((pair): pair is [string, number] => isShare(pair[1]));
    const peak = shares.reduce<[string, number] | undefined>(
      (best, pair) => (best === undefined || pair[1] > best[1] ? pair : best),
      undefined,
    );
    return peak === undefined ? [] : [{ node: entry.node, resource: peak[0], share: peak[1] }];
  });
}

/** Reads the cost route's answer; a malformed answer yields an empty view, never an exception. */
export function parseFleetCost(body: unknown): CostView {
  const report = isRecord(body) ? body : {};
  const total = isRecord(report.total) ? report.total : {};
  const nodes = isRecord(report.nodes) ? report.nodes : {};
  return {
    rows: Array.isArray(report.daemonSets) ? report.daemonSets.flatMap(readRow) : [],
    totalRequests: readAmounts(total.requests),
    totalLimits: readAmounts(total.limits),
    nodeCount: typeof nodes.count === 'number' && Number.isSafeInteger(nodes.count) ? nodes.count : 0,
    shares: readShares(nodes.summary),
    topNodes: readTopNodes(nodes.top),
  };
}

// cpu and memory are what people look for first; other resources (gpus, ephemeral storage) follow by name.
const LEADING = ['cpu', 'memory'];

/** Resource names in display order: cpu, memory, then the rest alphabetically. */
export function orderResources(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const lead = LEADING.filter((name) => unique.includes(name));
  return [...lead, ...unique.filter((name) => !LEADING.includes(name)).sort()];
}

/** `cpu 5, memory 25Gi` — or `—` when there is nothing. */
export function formatAmounts(amounts: Amounts): string {
  const names = orderResources(Object.keys(amounts));
  return names.length === 0 ? '—' : names.map((name) => `${name} ${amounts[name] ?? ''}`).join(', ');
}

/** A share as a whole percentage; below 1 % (but above 0) says `<1%` so small daemons do not read as free. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

/** `memory: max 45%, median 12%` per resource, joined with `; `. */
export function formatShares(shares: readonly ShareLine[]): string {
  return shares
    .map((line) => `${line.resource}: max ${formatShare(line.max)}, median ${formatShare(line.median)}`)
    .join('; ');
}
