import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../lib/fleet-model/reducer';
import type { FleetDelta } from '../../lib/fleet-model/types';
import { foldDelta, parseSnapshot, SharedFold } from './shared-fold';
import { BASE, deltaEvent, snapshotEvent } from './test-grids';

const flip: FleetDelta = { cells: [[0, 1, 'P']] };
const back: FleetDelta = { cells: [[0, 1, 'R'], [1, 1, 'R']] };

describe('parseSnapshot / foldDelta', () => {
  it('splits the seq from the grid', () => {
    expect(parseSnapshot(snapshotEvent(7).data)).toEqual({ seq: 7, grid: BASE });
  });

  it('applies every delta of a batch in order with lib\'s reducer and lists the changed cells', () => {
    const step = foldDelta(BASE, deltaEvent(8, [flip, back]).data);
    expect(step.seq).toBe(8);
    expect(step.grid).toEqual(applyDelta(applyDelta(BASE, flip), back));
    expect(step.cells).toEqual([[0, 1, 'P'], [0, 1, 'R'], [1, 1, 'R']]);
  });

  it.each([
    ['not JSON', 'nope', /JSON|Unexpected/],
    ['a snapshot without rows', '{"seq":1,"columns":[]}', /rows and columns/],
    ['a snapshot without seq', '{"rows":[],"columns":[]}', /seq/],
    ['a fractional seq', '{"seq":1.5,"rows":[],"columns":[]}', /seq/],
  ])('refuses %s as a snapshot', (_name, data, message) => {
    expect(() => parseSnapshot(data)).toThrow(message);
  });

  it.each([
    ['a delta without deltas', '{"seq":2}', /deltas list/],
    ['a delta without seq', '{"deltas":[]}', /seq/],
  ])('refuses %s', (_name, data, message) => {
    expect(() => foldDelta(BASE, data)).toThrow(message);
  });
});

describe('SharedFold', () => {
  it('gives a second client with the same grid and bytes the same result, folded once', () => {
    const fold = new SharedFold();
    const first = fold.snapshot(snapshotEvent(1).data);
    const again = fold.snapshot(snapshotEvent(1).data);
    expect(again).toBe(first);
    const text = deltaEvent(2, [flip]).data;
    const a = fold.delta(first.grid, text);
    const b = fold.delta(again.grid, `${text}`);
    expect(b).toBe(a);
    expect(a.grid).toEqual(applyDelta(BASE, flip));
    expect({ computed: fold.computed, reused: fold.reused }).toEqual({ computed: 2, reused: 2 });
  });

  it('folds again when the same bytes meet a different grid (no answer from another client\'s state)', () => {
    const fold = new SharedFold();
    const text = deltaEvent(2, [{ cells: [[1, 2, 'F']] }]).data;
    const fromBase = fold.delta(BASE, text);
    const other = { ...BASE, rows: ['x0', 'x1', 'x2'] };
    const fromOther = fold.delta(other, text);
    expect(fromOther.grid.rows).toEqual(['x0', 'x1', 'x2']);
    expect(fromBase.grid.rows).toEqual(BASE.rows);
    expect(fold.computed).toBe(2);
    // Both grids keep their own step: neither evicts the other.
    expect(fold.delta(BASE, text)).toBe(fromBase);
    expect(fold.delta(other, text)).toBe(fromOther);
    expect(fold.reused).toBe(2);
  });

  it('forgets the oldest texts past its capacity', () => {
    const fold = new SharedFold(2);
    const texts = [1, 2, 3].map((seq) => deltaEvent(seq, [flip]).data);
    for (const text of texts) fold.delta(BASE, text);
    fold.delta(BASE, texts[0] ?? '');
    expect(fold.computed).toBe(4);
    fold.delta(BASE, texts[2] ?? '');
    expect(fold.reused).toBe(1);
  });
});
