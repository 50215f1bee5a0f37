import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../grid/test-fleet';
import {
  HEARTBEAT_TIMEOUT_MS,
  INITIAL_STREAM_STATE,
  liveness,
  reduceStream,
  streamResync,
  type StreamEvent,
  type StreamState,
} from './stream-state';

const snapshot = snapshotOf(['a', 'b'], { 'ns/ds': 'RM' });
const run = (...events: StreamEvent[]): StreamState => events.reduce(reduceStream, INITIAL_STREAM_STATE);
const opened = (at = 1): StreamEvent => ({ type: 'open', at });
const snap = (seq: number, at = 2): StreamEvent => ({ type: 'snapshot', at, seq, snapshot });
const cell = (seq: number, code: 'R' | 'F', at = 3): StreamEvent => ({
  type: 'delta',
  at,
  seq,
  deltas: [{ cells: [[0, 1, code]] }],
});
const cells = (state: StreamState) => state.snapshot?.columns[0]?.cells;

describe('reduceStream', () => {
  it('applies deltas after the snapshot', () => {
    expect(cells(run(opened(), snap(5), cell(6, 'R')))).toBe('RR');
  });

  it('drops deltas the snapshot already contains', () => {
    expect(cells(run(opened(), snap(5), cell(5, 'R')))).toBe('RM');
  });

  it('records a gap instead of applying a delta that skips a seq, and ignores deltas until a snapshot', () => {
    const state = run(opened(), snap(5), cell(7, 'R', 30), cell(8, 'F'));
    expect(cells(state)).toBe('RM');
    expect(state).toMatchObject({ seq: 5, gap: { after: 5, got: 7, at: 30 } });
    const healed = reduceStream(state, snap(8, 40));
    expect(healed.gap).toBeUndefined();
    expect(cells(reduceStream(healed, cell(9, 'F')))).toBe('RF');
  });

  it('drops deltas that arrive before any snapshot', () => {
    expect(run(opened(), cell(1, 'R')).snapshot).toBeUndefined();
  });

  it('applies every delta of a batch in order', () => {
    const batch: StreamEvent = {
      type: 'delta',
      at: 3,
      seq: 6,
      deltas: [{ cells: [[0, 1, 'F']] }, { cells: [[0, 0, 'F']] }],
    };
    expect(cells(run(snap(5), batch))).toBe('FF');
  });

  it('replaces the grid with a new snapshot after a reconnect', () => {
    const state = run(snap(5), cell(6, 'R'), { type: 'disconnected', at: 10 }, opened(20), snap(2, 21));
    expect(cells(state)).toBe('RM');
    expect(state.seq).toBe(2);
    expect(state.connection).toBe('open');
    expect(state.disconnectedAt).toBeUndefined();
  });

  it('remembers when the connection was first lost', () => {
    const state = run(
      snap(1),
      { type: 'disconnected', at: 10 },
      { type: 'disconnected', at: 30, error: 'gone' },
    );
    expect(state).toMatchObject({ connection: 'closed', disconnectedAt: 10, error: 'gone' });
  });
});

describe('liveness', () => {
  const live: StreamEvent = { type: 'status', at: 3, status: { state: 'Live', resources: {} } };
  it.each<[string, StreamEvent[], number, ReturnType<typeof liveness>]>([
    ['connecting before anything arrives', [opened()], 5, { state: 'Connecting' }],
    ['live once the server says so', [opened(), snap(1), live], 5, { state: 'Live' }],
    [
      'stale when the server says so, with its since',
      [
        snap(1),
        { type: 'status', at: 3, status: { state: 'Stale', since: '2026-01-01T00:00:00Z', resources: {} } },
      ],
      5,
      { state: 'Stale', since: Date.parse('2026-01-01T00:00:00Z') },
    ],
    [
      'stale with a bad since keeps since unknown',
      [snap(1), { type: 'status', at: 3, status: { state: 'Stale', since: 'yesterday', resources: {} } }],
      5,
      { state: 'Stale', since: undefined },
    ],
    [
      'stale since the disconnect',
      [snap(1), live, { type: 'disconnected', at: 7 }],
      9,
      { state: 'Stale', since: 7 },
    ],
    [
      'stale when heartbeats stop',
      [snap(1), live, { type: 'heartbeat', at: 10 }],
      11 + HEARTBEAT_TIMEOUT_MS,
      { state: 'Stale', since: 10 },
    ],
    [
      'live while heartbeats come',
      [snap(1), live, { type: 'heartbeat', at: 10 }],
      9 + HEARTBEAT_TIMEOUT_MS,
      { state: 'Live' },
    ],
    [
      'stale after 45 s without any event, heartbeat or not',
      [snap(1), live],
      4 + HEARTBEAT_TIMEOUT_MS,
      { state: 'Stale', since: 3 },
    ],
    [
      'stale while a sequence gap waits for a fresh snapshot',
      [snap(1), live, cell(3, 'R', 8)],
      9,
      { state: 'Stale', since: 8 },
    ],
  ])('%s', (_name, events, now, expected) => {
    expect(liveness(run(...events), now)).toEqual(expected);
  });
});

describe('streamResync', () => {
  const live: StreamEvent = { type: 'status', at: 3, status: { state: 'Live', resources: {} } };
  it.each<[string, StreamEvent[], number, number, ReturnType<typeof streamResync>]>([
    ['nothing to do on a current stream', [opened(), snap(1), live], 10, 0, undefined],
    ['a gap on this connection', [opened(), snap(1), cell(3, 'R', 8)], 9, 0, 'gap'],
    [
      'a gap from before the reconnect is not acted on twice',
      [opened(), snap(1), cell(3, 'R', 8)],
      20,
      10,
      undefined,
    ],
    [
      'silence past the timeout on an open stream',
      [opened(), snap(1), live],
      4 + HEARTBEAT_TIMEOUT_MS,
      0,
      'silence',
    ],
    [
      'a heartbeat keeps it quiet',
      [opened(), snap(1), { type: 'heartbeat', at: 40 }],
      39 + HEARTBEAT_TIMEOUT_MS,
      0,
      undefined,
    ],
    [
      'a fresh reconnect attempt gets its own 45 s',
      [opened(), snap(1)],
      1_000 + HEARTBEAT_TIMEOUT_MS,
      1_000,
      undefined,
    ],
    [
      'a closed stream is left to the reconnect backoff',
      [snap(1), { type: 'disconnected', at: 5 }],
      10 * HEARTBEAT_TIMEOUT_MS,
      0,
      undefined,
    ],
  ])('%s', (_name, events, now, connectedAt, expected) => {
    expect(streamResync(run(...events), now, connectedAt)).toBe(expected);
  });
});

describe('rollout feed', () => {
  const sample = (at: number) => ({
    at,
    desired: 3,
    updated: at,
    ready: 3,
    available: 3,
    unavailable: 0,
    revisions: {},
  });
  const progress = { done: false, stuck: true, cause: '1 pod in ImagePullBackOff on revision 2' };
  const rollout = (reset: boolean, ats: number[], capacity = 3): StreamEvent => ({
    type: 'rollout',
    at: 1,
    reset,
    feed: { capacity, samples: ats.map(sample), progress },
  });

  it('starts from a reset, appends later samples, keeps the last `capacity`', () => {
    const state = run(rollout(true, [1, 2]), rollout(false, [3, 4]));
    expect(state.rollout?.samples.map((s) => s.at)).toEqual([2, 3, 4]);
    expect(state.rollout?.progress).toEqual(progress);
  });

  it('keeps since when the server has samples across appends; a reset (a restarted server) replaces it', () => {
    const since = (event: StreamEvent, recordingSince: number | undefined): StreamEvent =>
      event.type === 'rollout' && recordingSince !== undefined
        ? { ...event, feed: { ...event.feed, recordingSince } }
        : event;
    expect(run(since(rollout(true, [1]), 100), rollout(false, [2])).rollout?.recordingSince).toBe(100);
    expect(run(since(rollout(true, [1]), 100), since(rollout(false, [2]), 100)).rollout?.recordingSince).toBe(
      100,
    );
    expect(
      run(since(rollout(true, [1]), 100), since(rollout(true, [500]), 400)).rollout?.recordingSince,
    ).toBe(400);
  });

  it('a later reset replaces the history', () => {
    expect(run(rollout(true, [1, 2]), rollout(true, [7])).rollout?.samples.map((s) => s.at)).toEqual([7]);
  });
});
