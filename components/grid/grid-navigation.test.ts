import { describe, expect, it } from 'vitest';
import { isGridKey, moveFocus, type GridBounds, type GridKey, type GridPosition } from './grid-navigation';

const bounds: GridBounds = { rows: 100, cols: 5, pageRows: 20 };
const at = (row: number, col: number): GridPosition => ({ row, col });

describe('moveFocus', () => {
  it.each<[string, GridPosition, GridKey, boolean, GridPosition]>([
    ['down one row', at(3, 2), 'ArrowDown', false, at(4, 2)],
    ['up one row', at(3, 2), 'ArrowUp', false, at(2, 2)],
    ['left one column', at(3, 2), 'ArrowLeft', false, at(3, 1)],
    ['right one column', at(3, 2), 'ArrowRight', false, at(3, 3)],
    ['stops at the top', at(0, 2), 'ArrowUp', false, at(0, 2)],
    ['stops at the bottom', at(99, 2), 'ArrowDown', false, at(99, 2)],
    ['stops at the left edge', at(3, 0), 'ArrowLeft', false, at(3, 0)],
    ['stops at the right edge', at(3, 4), 'ArrowRight', false, at(3, 4)],
    ['Home goes to the row start', at(3, 3), 'Home', false, at(3, 0)],
    ['End goes to the row end', at(3, 1), 'End', false, at(3, 4)],
    ['Ctrl+Home goes to the first cell', at(50, 3), 'Home', true, at(0, 0)],
    ['Ctrl+End goes to the last cell', at(50, 1), 'End', true, at(99, 4)],
    ['PageDown moves a page', at(10, 1), 'PageDown', false, at(30, 1)],
    ['PageDown stops at the last row', at(90, 1), 'PageDown', false, at(99, 1)],
    ['PageUp moves a page', at(30, 1), 'PageUp', false, at(10, 1)],
    ['PageUp stops at the first row', at(5, 1), 'PageUp', false, at(0, 1)],
    ['a position left over from a larger grid is pulled back in', at(500, 9), 'ArrowLeft', false, at(99, 3)],
  ])('%s', (_name, from, key, withCtrl, expected) => {
    expect(moveFocus(from, key, bounds, withCtrl)).toEqual(expected);
  });

  it('keeps the origin on an empty grid', () => {
    expect(moveFocus(at(0, 0), 'ArrowDown', { rows: 0, cols: 0, pageRows: 10 })).toEqual(at(0, 0));
  });

  it('moves at least one row per page when the page is empty', () => {
    expect(moveFocus(at(0, 0), 'PageDown', { rows: 5, cols: 1, pageRows: 0 })).toEqual(at(1, 0));
  });
});

describe('isGridKey', () => {
  it.each([
    ['ArrowDown', true],
    ['End', true],
    ['Enter', false],
    ['a', false],
  ])('%s → %s', (key, expected) => expect(isGridKey(key)).toBe(expected));
});
