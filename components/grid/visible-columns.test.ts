import { describe, expect, it } from 'vitest';
import { applyDelta } from '@/lib/fleet-model/reducer';
import { snapshotOf } from './test-fleet';
import { columnHeads, columnOf, rowCodes, visibleCells, visibleColumns } from './visible-columns';

const snapshot = snapshotOf(['a', 'b'], { 'kube-system/proxy': 'RF', 'obs/agent': 'NM' });
const proxy = { id: 0, uid: 'uid-kube-system/proxy', namespace: 'kube-system', name: 'proxy' };
const agent = { id: 1, uid: 'uid-obs/agent', namespace: 'obs', name: 'agent' };

describe('columnHeads', () => {
  it('maps the view’s column ids to identities, null for a freed slot', () => {
    expect(columnHeads(snapshot, [1, 0, 7])).toEqual([agent, proxy, null]);
  });

  it('is unchanged by a delta that only changes cells', () => {
    const next = applyDelta(snapshot, { cells: [[1, 0, 'F']] });
    expect(columnHeads(next, [1, 0])).toEqual(columnHeads(snapshot, [1, 0]));
  });
});

describe('visibleColumns', () => {
  it.each([
    {
      name: 'maps display positions through the view to snapshot columns',
      slots: [
        { index: 0, start: 0 },
        { index: 1, start: 28 },
      ],
      view: [1, 0],
      want: [
        { ...agent, col: 0, daemonSet: 'obs/agent', left: 220 },
        { ...proxy, col: 1, daemonSet: 'kube-system/proxy', left: 248 },
      ],
    },
    {
      name: 'drops slots past the view or naming a freed column',
      slots: [
        { index: 0, start: 0 },
        { index: 5, start: 140 },
      ],
      view: [7],
      want: [],
    },
    { name: 'renders nothing for no slots', slots: [], view: [0, 1], want: [] },
  ])('$name', ({ slots, view, want }) => {
    expect(visibleColumns(slots, columnHeads(snapshot, view), 220)).toEqual(want);
  });
});

describe('rowCodes', () => {
  const columns = visibleColumns(
    [
      { index: 0, start: 0 },
      { index: 1, start: 28 },
    ],
    columnHeads(snapshot, [1, 0]),
    0,
  );
  const cells = visibleCells(snapshot, columns);
  it.each([
    { slot: 0, want: 'NR' },
    { slot: 1, want: 'MF' },
    { slot: 9, want: '  ' },
  ])('row slot $slot → $want', ({ slot, want }) => {
    expect(rowCodes(cells, slot)).toBe(want);
  });
});

describe('columnOf', () => {
  const columns = visibleColumns([{ index: 3, start: 0 }], columnHeads(snapshot, [0, 0, 0, 1]), 0);
  it.each([
    { daemonSet: 'obs/agent', want: 3 },
    { daemonSet: 'kube-system/proxy', want: -1 },
    { daemonSet: undefined, want: -1 },
  ])('$daemonSet → $want', ({ daemonSet, want }) => {
    expect(columnOf(columns, daemonSet)).toBe(want);
  });
});
