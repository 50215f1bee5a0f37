import 'server-only';
import { formatTimestamp, type SimStore } from '../store';
import { badRequest, notFound, StoreError } from './status-error';
import { type WatchRegistry } from './watch-registry';

/** Fail the next `count` requests (whose path starts with `pathPrefix`) with `status`. */
export interface FailureRule {
  count: number;
  status: 429 | 500 | 503 | 504;
  pathPrefix?: string;
  /** Sent as Retry-After (and details.retryAfterSeconds); default 1 for 429/503. */
  retryAfterSeconds?: number;
}

/** The fault-injection handle tests use (also reachable as `POST /_sim/faults`). */
export interface Faults {
  /** Destroys every open watch's socket; returns how many. */
  dropWatches(): number;
  /** Ends every open watch cleanly; returns how many. */
  endWatches(): number;
  /** Forgets the event history (older resourceVersions now get 410); optionally sends 410 to open watches too. */
  compact(options?: { expireOpenWatches?: boolean }): number;
  failNext(rule: FailureRule): void;
  /** Delays every request (optionally only under a path prefix) by `ms`; 0 removes the delay. */
  setLatency(ms: number, pathPrefix?: string): void;
  /**
   * Sets a node's Ready condition (as its kubelet would post it): `false` makes it NotReady, and the
   * node lifecycle controller taints it; omitted, flips it. Returns the new status.
   */
  setNodeReady(name: string, ready?: boolean): 'True' | 'False';
  /** Removes every pending failure and latency. */
  reset(): void;
  /** The number of open watches. */
  openWatches(): number;
}

/** What the server must do with one request before serving it. */
export interface FaultDecision {
  delayMs: number;
  failure?: StoreError;
  headers: Record<string, string>;
}

const REASONS = { 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' } as const;
const MESSAGES = {
  429: 'Too many requests, please try again later.',
  500: 'Internal error occurred: injected fault',
  503: 'the server is currently unable to handle the request',
  504: 'the server was unable to return a response in the time allotted, but may still be processing the request',
} as const;

/** The fault injector of one server. */
export class FaultInjector implements Faults {
  private rules: FailureRule[] = [];
  private latency: { ms: number; pathPrefix?: string } = { ms: 0 };

  constructor(private readonly store: SimStore, private readonly watches: WatchRegistry) {}

  dropWatches(): number {
    return this.watches.each((watch) => watch.drop());
  }

  endWatches(): number {
    return this.watches.each((watch) => watch.end());
  }

  compact(options: { expireOpenWatches?: boolean } = {}): number {
    this.store.compactHistory();
    return options.expireOpenWatches ? this.watches.each((watch) => watch.expire()) : 0;
  }

  failNext(rule: FailureRule): void {
    if (!Number.isInteger(rule.count) || rule.count < 1) throw badRequest('count must be a positive integer');
    if (!(rule.status in REASONS)) throw badRequest(`status must be one of ${Object.keys(REASONS).join(', ')}`);
    this.rules.push({ ...rule });
  }

  setLatency(ms: number, pathPrefix?: string): void {
    if (!Number.isFinite(ms) || ms < 0) throw badRequest('ms must be a non-negative number');
    this.latency = { ms, ...(pathPrefix ? { pathPrefix } : {}) };
  }

  setNodeReady(name: string, ready?: boolean): 'True' | 'False' {
    const node = this.store.get('nodes', undefined, name);
    if (node === undefined) throw notFound('nodes', name);
    const status = (node.status ?? {}) as { conditions?: Record<string, unknown>[] };
    const conditions = status.conditions ?? [];
    const current = conditions.find((condition) => condition.type === 'Ready');
    const next = (ready ?? current?.status === 'False') ? 'True' : 'False';
    const now = formatTimestamp(this.store.clock.now());
    const condition = {
      type: 'Ready', status: next, lastHeartbeatTime: now,
      lastTransitionTime: current?.status === next ? current.lastTransitionTime : now,
      reason: next === 'True' ? 'KubeletReady' : 'KubeletNotReady',
      message: next === 'True' ? 'kubelet is posting ready status' : 'injected fault: the node stopped being Ready',
    };
    node.status = { ...status, conditions: [...conditions.filter((c) => c.type !== 'Ready'), condition] };
    this.store.update('nodes', node, { subresource: 'status' });
    return next;
  }

  reset(): void {
    this.rules = [];
    this.latency = { ms: 0 };
  }

  openWatches(): number {
    return this.watches.size;
  }

  /** Consumes a matching failure rule, if any, and reports the latency to add. */
  decide(path: string): FaultDecision {
    const delayMs = !this.latency.pathPrefix || path.startsWith(this.latency.pathPrefix) ? this.latency.ms : 0;
    const rule = this.rules.find((candidate) => !candidate.pathPrefix || path.startsWith(candidate.pathPrefix));
    if (!rule) return { delayMs, headers: {} };
    rule.count--;
    if (rule.count <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    const retryAfter = rule.retryAfterSeconds ?? (rule.status === 429 || rule.status === 503 ? 1 : undefined);
    const failure = new StoreError(REASONS[rule.status], MESSAGES[rule.status],
      retryAfter === undefined ? undefined : { retryAfterSeconds: retryAfter }, rule.status);
    return { delayMs, failure, headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) } };
  }

  /** Applies a `POST /_sim/faults` body: `{ action, ... }`. */
  control(body: unknown): Record<string, unknown> {
    if (typeof body !== 'object' || body === null) throw badRequest('expected a JSON object with an "action"');
    const request = body as Record<string, unknown>;
    const num = (key: string): number | undefined => (typeof request[key] === 'number' ? request[key] : undefined);
    const str = (key: string): string | undefined => (typeof request[key] === 'string' ? request[key] : undefined);
    switch (request.action) {
      case 'dropWatches': return { dropped: this.dropWatches() };
      case 'endWatches': return { ended: this.endWatches() };
      case 'compact': return { expired: this.compact({ expireOpenWatches: request.expireOpenWatches === true }) };
      case 'fail': {
        const retryAfterSeconds = num('retryAfterSeconds');
        const pathPrefix = str('pathPrefix');
        this.failNext({
          count: num('count') ?? 1, status: (num('status') ?? 500) as FailureRule['status'],
          ...(pathPrefix ? { pathPrefix } : {}), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        });
        return {};
      }
      case 'latency': this.setLatency(num('ms') ?? 0, str('pathPrefix')); return {};
      case 'nodeReady': {
        const node = str('node');
        if (node === undefined) throw badRequest('nodeReady needs "node": the node\'s name');
        const ready = typeof request.ready === 'boolean' ? request.ready : undefined;
        return { node, ready: this.setNodeReady(node, ready) };
      }
      case 'reset': this.reset(); return {};
      default:
        throw badRequest(`unknown action ${JSON.stringify(request.action)}: expected dropWatches, endWatches, compact, fail, latency, nodeReady or reset`);
    }
  }
}
