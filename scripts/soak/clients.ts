/**
 * The soak's stream clients: opened together, followed for the whole run, the slow ones stalled and
 * released on a schedule; and, at the end, every grid compared with a fresh client's snapshot.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { namedGrid } from '../../lib/fleet-model/reducer';
import type { FleetSnapshot } from '../../lib/fleet-model/types';
import { sleep } from '../bench/net';
import type { ClientFigures, FinalFigures } from './figures';
import { StreamFollower, type ClientKind, type DeliveryTiming } from './follower';
import type { SharedFold } from './shared-fold';
import type { SoakStack, StreamHandle } from './stack';

/** A slow client reads for this long between stalls. */
const SLOW_READ_MS = 5_000;
/** Slow clients begin their first stall this far apart. */
const STALL_STAGGER_MS = 2_000;

/** One client: what it follows and its connection. */
export interface SoakClient {
  id: number;
  follower: StreamFollower;
  handle: StreamHandle;
}

/** Opens one client; its end is recorded on the follower unless the soak is the one closing it. */
function openClient(stack: SoakStack, id: number, kind: ClientKind, fold: SharedFold, timing: DeliveryTiming | undefined, closing: () => boolean): SoakClient {
  const follower = new StreamFollower(kind, fold, timing);
  const handle = stack.openStream((event, at) => follower.onEvent(event, at), (status) => (follower.status = status));
  void handle.closed.then((reason) => {
    if (!closing()) follower.ended = { reason, at: performance.now() };
  });
  return { id, follower, handle };
}

/** Which of `count` clients are slow: `slow` of them, spread evenly. */
export function slowIndexes(count: number, slow: number): Set<number> {
  const indexes = new Set<number>();
  for (let i = 0; i < slow; i++) indexes.add(Math.floor(((i + 0.5) * count) / slow));
  return indexes;
}

/** The soak's clients. */
export class ClientPool {
  readonly clients: SoakClient[] = [];
  private closing = false;
  private openedAt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly stack: SoakStack,
    private readonly fold: SharedFold,
    private readonly timing: DeliveryTiming,
  ) {}

  /** Opens `count` clients, `slow` of them slow, and waits (up to `timeoutMs`) until each has a snapshot or ended. */
  async open(count: number, slow: number, timeoutMs: number): Promise<void> {
    const slowOnes = slowIndexes(count, slow);
    this.openedAt = performance.now();
    for (let id = 0; id < count; id++) {
      const kind: ClientKind = slowOnes.has(id) ? 'slow' : 'normal';
      this.clients.push(openClient(this.stack, id, kind, this.fold, kind === 'normal' ? this.timing : undefined, () => this.closing));
    }
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline && this.clients.some(({ follower }) => follower.snapshots === 0 && follower.ended === undefined)) await sleep(50);
  }

  /**
   * Starts each slow client's cycle: stall for `stallMs`, read for a few seconds, again. They start
   * stalling within seconds of each other and of their snapshot: a client that has read little has
   * small socket buffers (the kernel grows them while a reader keeps up), so its stalls reach the
   * server as backpressure sooner.
   */
  startStalling(stallMs: number): void {
    const slow = this.clients.filter(({ follower }) => follower.kind === 'slow');
    slow.forEach((client, index) => {
      const cycle = (stall: boolean) => {
        if (this.closing) return;
        if (stall) client.handle.pause();
        else client.handle.resume();
        this.schedule(() => cycle(!stall), stall ? stallMs : SLOW_READ_MS);
      };
      this.schedule(() => cycle(true), index * Math.min(STALL_STAGGER_MS, stallMs / Math.max(1, slow.length)));
    });
  }

  /** Ends the stalls: every slow client reads freely from now on. */
  stopStalling(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const client of this.clients) client.handle.resume();
  }

  /** The clients' figures so far (a client that ended before {@link close} counts as dropped). */
  figures(): ClientFigures {
    const normal = this.clients.filter(({ follower }) => follower.kind === 'normal');
    const slow = this.clients.filter(({ follower }) => follower.kind === 'slow');
    const dropped = ({ follower }: SoakClient) => follower.ended !== undefined || (follower.status !== undefined && follower.status !== 200);
    const problems: string[] = [];
    for (const { id, follower } of this.clients) {
      if (problems.length >= 10) break;
      const what = [
        follower.status !== undefined && follower.status !== 200 ? `HTTP ${follower.status}` : '',
        follower.ended ? `ended: ${follower.ended.reason}` : '',
        follower.snapshots === 0 ? 'no snapshot' : '',
        ...follower.errors,
        follower.kind === 'normal' && follower.resyncs > 0 ? `${follower.resyncs} resyncs` : '',
      ].filter((text) => text !== '');
      if (what.length > 0) problems.push(`client ${id} (${follower.kind}): ${what.join('; ')}`);
    }
    const sum = (clients: SoakClient[], value: (follower: StreamFollower) => number) => clients.reduce((total, { follower }) => total + value(follower), 0);
    return {
      normal: normal.length,
      slow: slow.length,
      normalDropped: normal.filter(dropped).length,
      normalWithoutSnapshot: normal.filter(({ follower }) => follower.snapshots === 0).length,
      normalResyncs: sum(normal, (follower) => follower.resyncs),
      normalGaps: sum(normal, (follower) => follower.gaps),
      normalErrors: sum(normal, (follower) => follower.errorCount),
      slowDropped: slow.filter(dropped).length,
      normalBytesPerSecond: normal.length === 0 || this.openedAt === 0 ? null : normal.reduce((total, { handle }) => total + handle.bytes(), 0) / normal.length / ((performance.now() - this.openedAt) / 1000),
      slowResyncs: slow.map(({ follower }) => follower.resyncs),
      problems,
    };
  }

  /**
   * Opens a fresh client, takes its snapshot's seq, waits (up to `timeoutMs`) for every live client to
   * reach that seq, and compares each one's grid then with the fresh snapshot, by names.
   */
  async compareWithFresh(timeoutMs: number): Promise<FinalFigures> {
    const fresh = openClient(this.stack, -1, 'slow', this.fold, undefined, () => true);
    try {
      const deadline = performance.now() + timeoutMs;
      while (fresh.follower.snapshots === 0 && performance.now() < deadline) await sleep(50);
      const seq = fresh.follower.snapshots > 0 ? fresh.follower.seq : undefined;
      const expected = seq === undefined ? undefined : fresh.follower.gridAt(seq);
      if (seq === undefined || expected === undefined) return { seq: null, normalCompared: 0, normalEqual: 0, slowCompared: 0, slowEqual: 0, differences: ['the fresh client got no snapshot'] };
      const live = this.clients.filter(({ follower }) => follower.ended === undefined);
      while (performance.now() < deadline && live.some(({ follower }) => follower.seq < seq)) await sleep(50);
      return compareAt(seq, expected, this.clients);
    } finally {
      fresh.handle.close();
    }
  }

  /** Closes every client (their ends are no longer drops). */
  close(): void {
    this.closing = true;
    this.stopStalling();
    for (const client of this.clients) client.handle.close();
  }

  private schedule(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

/** Each client's grid at `seq` against `expected`, by names (a grid folded once is compared once). */
export function compareAt(seq: number, expected: FleetSnapshot, clients: readonly SoakClient[]): FinalFigures {
  const want = namedGrid(expected);
  const verdicts = new Map<FleetSnapshot, boolean>();
  const result: FinalFigures = { seq, normalCompared: 0, normalEqual: 0, slowCompared: 0, slowEqual: 0, differences: [] };
  for (const { id, follower } of clients) {
    const grid = follower.gridAt(seq);
    if (grid === undefined) {
      if (result.differences.length < 10) result.differences.push(`client ${id} (${follower.kind}) has no grid at seq ${seq} (it is at ${follower.seq})`);
      continue;
    }
    let equal = verdicts.get(grid);
    if (equal === undefined) {
      equal = isDeepStrictEqual(namedGrid(grid), want);
      verdicts.set(grid, equal);
    }
    if (follower.kind === 'normal') {
      result.normalCompared++;
      if (equal) result.normalEqual++;
    } else {
      result.slowCompared++;
      if (equal) result.slowEqual++;
    }
    if (!equal && result.differences.length < 10) result.differences.push(`client ${id} (${follower.kind}): ${firstDifference(grid, expected)}`);
  }
  return result;
}

/** The first DaemonSet whose cells or summary differ, in words. */
export function firstDifference(grid: FleetSnapshot, expected: FleetSnapshot): string {
  const have = namedGrid(grid);
  const want = namedGrid(expected);
  for (const key of new Set([...Object.keys(want.cells), ...Object.keys(have.cells)])) {
    const a = have.cells[key];
    const b = want.cells[key];
    if (a === undefined || b === undefined) return `${key} ${a === undefined ? 'missing' : 'unexpected'}`;
    const node = [...new Set([...Object.keys(a), ...Object.keys(b)])].find((name) => a[name] !== b[name]);
    if (node !== undefined) return `${key} on ${node}: ${a[node] ?? 'none'}, fresh snapshot says ${b[node] ?? 'none'}`;
    if (!isDeepStrictEqual(have.summaries[key], want.summaries[key])) return `${key}: column summary differs`;
  }
  return 'grids differ';
}
