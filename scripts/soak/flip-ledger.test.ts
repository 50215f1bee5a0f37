import { describe, expect, it } from 'vitest';
import { cellKey, FlipLedger } from './flip-ledger';
import { BASE, column } from './test-grids';

const a1 = cellKey('ns/a', 'n1');
const b2 = cellKey('ns/b', 'n2');

/** A request made at `requestedAt` (compared by value). */
const at = (requestedAt: number) => ({ requestedAt });

describe('FlipLedger', () => {
  it('hands a batch the request times of the pending cells it changes, once per seq', () => {
    const ledger = new FlipLedger();
    ledger.register([a1, b2], at(100));
    expect(ledger.resolve(5, BASE, [[0, 1, 'P'], [0, 0, 'R']])).toEqual([at(100)]);
    // Every other client that receives batch 5 gets the same times back.
    expect(ledger.resolve(5, BASE, [[0, 1, 'P']])).toEqual([at(100)]);
    // A later change of the same cell (the pod turning Ready again) is not the flip.
    expect(ledger.resolve(6, BASE, [[0, 1, 'R']])).toEqual([]);
    expect(ledger.resolve(7, BASE, [[1, 2, 'F']])).toEqual([at(100)]);
    expect(ledger.pendingCount()).toBe(0);
  });

  it('addresses cells by the grid\'s slots (ids differ between grids)', () => {
    const ledger = new FlipLedger();
    ledger.register([a1], at(10));
    const swapped = { rows: ['n1', 'n0'], columns: [column(0, 'b', 'RR'), column(1, 'a', 'RR')] };
    expect(ledger.resolve(1, swapped, [[0, 0, 'P']])).toEqual([]);
    expect(ledger.resolve(2, swapped, [[1, 0, 'P']])).toEqual([at(10)]);
  });

  it('skips free slots and out-of-range ids', () => {
    const ledger = new FlipLedger();
    ledger.register([a1], at(10));
    const holes = { rows: [null, 'n1'], columns: [null, column(1, 'a', '.R')] };
    expect(ledger.resolve(1, holes, [[0, 1, 'P'], [1, 0, 'P'], [9, 9, 'P']])).toEqual([]);
    expect(ledger.pendingCount()).toBe(1);
  });

  it('counts flips never seen: replaced by a newer flip of the cell, or expired', () => {
    const ledger = new FlipLedger();
    ledger.register([a1, b2], at(10));
    ledger.register([a1], at(20));
    expect(ledger.unseen).toBe(1);
    ledger.expire(15);
    expect(ledger.unseen).toBe(2);
    expect(ledger.resolve(1, BASE, [[0, 1, 'P']])).toEqual([at(20)]);
  });

  it('forgets cancelled flips (the simulator did not make them)', () => {
    const ledger = new FlipLedger();
    ledger.register([a1, b2], at(10));
    ledger.cancel([b2]);
    expect(ledger.resolve(1, BASE, [[1, 2, 'F']])).toEqual([]);
    expect(ledger.unseen).toBe(0);
  });
});
