import { describe, expect, it } from 'vitest';
import { snapshotOf } from './test-fleet';
import { columnOf, visibleColumns } from './visible-columns';

const snapshot = snapshotOf(['a', 'b'], { 'kube-system/proxy': 'RF', 'obs/agent': 'NM' });

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
        { uid: 'uid-obs/agent', col: 0, daemonSet: 'obs/agent', left: 220, cells: 'NM' },
        { uid: 'uid-kube-system/proxy', col: 1, daemonSet: 'kube-system/proxy', left: 248, cells: 'RF' },
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
    expect(visibleColumns(slots, snapshot, view, 220)).toEqual(want);
  });
});

describe('columnOf', () => {
  const columns = visibleColumns([{ index: 3, start: 0 }], snapshot, [0, 0, 0, 1], 0);
  it.each([
    { daemonSet: 'obs/agent', want: 3 },
    { daemonSet: 'kube-system/proxy', want: -1 },
    { daemonSet: undefined, want: -1 },
  ])('$daemonSet → $want', ({ daemonSet, want }) => {
    expect(columnOf(columns, daemonSet)).toBe(want);
  });
});
