import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../lib/fleet-model/reducer';
import { cellKey, FlipLedger } from './flip-ledger';
import { StreamFollower } from './follower';
import { LatencyHistogram } from './histogram';
import { SharedFold } from './shared-fold';
import { BASE, deltaEvent, snapshotEvent } from './test-grids';

function normal(fold = new SharedFold(), ledger = new FlipLedger(), fromRequest = new LatencyHistogram(), fromAnswer = new LatencyHistogram()) {
  return { follower: new StreamFollower('normal', fold, { ledger, fromRequest, fromAnswer }), ledger, fromRequest, fromAnswer };
}

describe('StreamFollower', () => {
  it('holds snapshot + deltas folded in order, and ignores other events', () => {
    const { follower } = normal();
    follower.onEvent(snapshotEvent(3), 0);
    follower.onEvent({ event: 'status', data: '{"state":"Live"}', bytes: 1 }, 1);
    follower.onEvent(deltaEvent(4, [{ cells: [[0, 0, 'P']] }]), 2);
    follower.onEvent(deltaEvent(5, [{ cells: [[1, 1, 'R']] }]), 3);
    expect(follower.grid).toEqual(applyDelta(applyDelta(BASE, { cells: [[0, 0, 'P']] }), { cells: [[1, 1, 'R']] }));
    expect({ seq: follower.seq, snapshots: follower.snapshots, deltas: follower.deltas, resyncs: follower.resyncs, gaps: follower.gaps }).toEqual({ seq: 5, snapshots: 1, deltas: 2, resyncs: 0, gaps: 0 });
    expect(follower.gridAt(4)?.columns[0]?.cells).toBe('PRR');
  });

  it('skips deltas the snapshot already holds, and counts a gap without applying it', () => {
    const { follower } = normal();
    follower.onEvent(snapshotEvent(3), 0);
    follower.onEvent(deltaEvent(3, [{ cells: [[0, 0, 'P']] }]), 1);
    expect(follower.grid).toEqual(BASE);
    follower.onEvent(deltaEvent(5, [{ cells: [[0, 0, 'F']] }]), 2);
    expect(follower.grid).toEqual(BASE);
    expect(follower.gaps).toBe(1);
    expect(follower.errors).toEqual(['delta seq 5 after 3']);
  });

  it('treats a later snapshot as a reset and counts it as a resync', () => {
    const { follower } = normal();
    follower.onEvent(snapshotEvent(3), 0);
    const fresh = { ...BASE, rows: ['n0', 'n1', null] };
    follower.onEvent(snapshotEvent(40, fresh), 1);
    expect(follower.grid).toEqual(fresh);
    expect({ seq: follower.seq, resyncs: follower.resyncs }).toEqual({ seq: 40, resyncs: 1 });
  });

  it.each([
    ['a delta before any snapshot', [deltaEvent(1, [])], 'delta before any snapshot'],
    ['malformed data', [snapshotEvent(1), { event: 'delta', data: '{"seq":2', bytes: 8 }], undefined],
  ])('records %s as an error, without throwing', (_name, events, message) => {
    const { follower } = normal();
    for (const event of events) follower.onEvent(event, 0);
    expect(follower.errorCount).toBe(1);
    if (message !== undefined) expect(follower.errors[0]).toBe(message);
  });

  it('times every flip a batch delivers against its request and its answer (normal clients)', () => {
    const fold = new SharedFold();
    const ledger = new FlipLedger();
    const fromRequest = new LatencyHistogram();
    const fromAnswer = new LatencyHistogram();
    const first = normal(fold, ledger, fromRequest, fromAnswer).follower;
    const second = normal(fold, ledger, fromRequest, fromAnswer).follower;
    const request = { requestedAt: 1_000, answeredAt: 1_040 };
    ledger.register([cellKey('ns/a', 'n1'), cellKey('ns/b', 'n1')], request);
    for (const follower of [first, second]) follower.onEvent(snapshotEvent(1), 900);
    const batch = deltaEvent(2, [{ cells: [[0, 1, 'P'], [1, 1, 'R']] }]);
    first.onEvent(batch, 1_120);
    second.onEvent(batch, 1_150);
    expect(fromRequest.count).toBe(4);
    expect(fromRequest.maxMs).toBe(150);
    expect(fromRequest.meanMs()).toBe(135);
    expect(fromAnswer.meanMs()).toBe(95);
  });

  it('counts a batch that arrives before the request\'s answer as delivered at once (from the answer)', () => {
    const { follower, ledger, fromRequest, fromAnswer } = normal();
    ledger.register([cellKey('ns/a', 'n1')], { requestedAt: 0 });
    follower.onEvent(snapshotEvent(1), 0);
    follower.onEvent(deltaEvent(2, [{ cells: [[0, 1, 'P']] }]), 30);
    expect(fromRequest.maxMs).toBe(30);
    expect(fromAnswer.maxMs).toBe(0);
  });

  it('does not time a slow client', () => {
    const ledger = new FlipLedger();
    const slow = new StreamFollower('slow', new SharedFold(), undefined);
    ledger.register([cellKey('ns/a', 'n1')], { requestedAt: 0 });
    slow.onEvent(snapshotEvent(1), 0);
    slow.onEvent(deltaEvent(2, [{ cells: [[0, 1, 'P']] }]), 50);
    expect(ledger.pendingCount()).toBe(1);
  });
});
