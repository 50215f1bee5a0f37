import { describe, expect, it } from 'vitest';
import { zeroCounters } from '../daemon-status';
import { applyDelta, cellAt, namedGrid } from './reducer';
import type { FleetColumn, FleetDelta, FleetSnapshot } from './types';

/** A column with the given id, name and cells. */
function column(id: number, name: string, cells: string): FleetColumn {
  return {
    id,
    namespace: 'ns',
    name,
    uid: `uid-${name}`,
    implied: zeroCounters(),
    reported: {},
    updateStrategy: { type: 'RollingUpdate' },
    minReadySeconds: 0,
    cells,
  };
}

const base: FleetSnapshot = {
  rows: ['n0', 'n1', 'n2'],
  columns: [column(0, 'a', 'RMN'), column(1, 'b', 'UPX')],
};

interface Case {
  name: string;
  delta: FleetDelta;
  rows: (string | null)[];
  cells: (string | null)[];
}

const cases: Case[] = [
  { name: 'an empty delta changes nothing', delta: {}, rows: ['n0', 'n1', 'n2'], cells: ['RMN', 'UPX'] },
  {
    name: 'cell changes',
    delta: {
      cells: [
        [0, 1, 'R'],
        [1, 2, 'F'],
      ],
    },
    rows: ['n0', 'n1', 'n2'],
    cells: ['RRN', 'UPF'],
  },
  {
    name: 'a removed row frees its slot',
    delta: { rowsRemoved: [1] },
    rows: ['n0', null, 'n2'],
    cells: ['R.N', 'U.X'],
  },
  {
    name: 'a row added past the end grows every column',
    delta: { rowsAdded: [{ id: 4, name: 'n4', cells: 'MN' }] },
    rows: ['n0', 'n1', 'n2', null, 'n4'],
    cells: ['RMN.M', 'UPX.N'],
  },
  {
    name: 'a removed row and a new node in the same slot',
    delta: { rowsRemoved: [0], rowsAdded: [{ id: 0, name: 'n9', cells: 'PF' }] },
    rows: ['n9', 'n1', 'n2'],
    cells: ['PMN', 'FPX'],
  },
  {
    name: 'a removed column frees its slot',
    delta: { columnsRemoved: [0] },
    rows: ['n0', 'n1', 'n2'],
    cells: [null, 'UPX'],
  },
  {
    name: 'an added column is fitted to the row slots',
    delta: { columnsAdded: [column(3, 'c', 'RR')] },
    rows: ['n0', 'n1', 'n2'],
    cells: ['RMN', 'UPX', null, 'RR.'],
  },
  {
    name: 'cells of unknown columns or rows are ignored',
    delta: {
      cells: [
        [7, 0, 'R'],
        [0, 9, 'R'],
      ],
    },
    rows: ['n0', 'n1', 'n2'],
    cells: ['RMN', 'UPX'],
  },
];

describe('applyDelta', () => {
  it.each(cases)('$name', ({ delta, rows, cells }) => {
    const next = applyDelta(base, delta);
    expect(next.rows).toEqual(rows);
    expect(next.columns.map((c) => (c === null ? null : c.cells))).toEqual(cells);
    expect(base.columns[0]?.cells).toBe('RMN');
  });

  it('replaces summaries but keeps cells, and leaves untouched columns as they were', () => {
    const summary = { ...column(1, 'b', ''), implied: { ...zeroCounters(), numberReady: 3 } };
    const { cells: _cells, ...withoutCells } = summary;
    const next = applyDelta(base, { summaries: [withoutCells] });
    expect(next.columns[1]?.implied.numberReady).toBe(3);
    expect(next.columns[1]?.cells).toBe('UPX');
    expect(next.columns[0]).toBe(base.columns[0]);
  });
});

describe('reading a snapshot', () => {
  it('cellAt gives a code, or undefined for free or unknown slots', () => {
    const next = applyDelta(base, { rowsRemoved: [1] });
    expect(cellAt(next, 0, 0)).toBe('R');
    expect(cellAt(next, 0, 1)).toBeUndefined();
    expect(cellAt(next, 5, 0)).toBeUndefined();
  });

  it('namedGrid keys cells by names, so grids with different ids compare equal', () => {
    const shuffled: FleetSnapshot = {
      rows: ['n2', 'n0', null, 'n1'],
      columns: [null, column(1, 'a', 'NR.M'), column(0, 'b', 'XU.P')],
    };
    expect(namedGrid(shuffled)).toEqual(namedGrid(base));
  });
});
