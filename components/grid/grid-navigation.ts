/**
 * Keyboard movement in the coverage grid, following the WAI-ARIA grid pattern: arrows move one cell,
 * Home/End go to the row's ends (with Ctrl, the grid's corners), PageUp/PageDown move a page of rows.
 * Pure so that it is tested without a browser; the grid keeps focus on the result (roving tabindex).
 */

/** A cell position, zero-based, in the visible (filtered, sorted) grid. */
export interface GridPosition {
  row: number;
  col: number;
}

/** The grid's visible size and how many rows one page holds. */
export interface GridBounds {
  rows: number;
  cols: number;
  pageRows: number;
}

/** The keys this grid handles; anything else is left to the browser. */
export type GridKey =
  'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown';

const GRID_KEYS: readonly string[] = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
];

/** True for a key the grid moves focus on. */
export function isGridKey(key: string): key is GridKey {
  return GRID_KEYS.includes(key);
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(value, max));

/** The position focus moves to; an empty grid keeps {0,0}, a position off the grid is pulled back in. */
export function moveFocus(
  from: GridPosition,
  key: GridKey,
  bounds: GridBounds,
  withCtrl = false,
): GridPosition {
  const lastRow = Math.max(bounds.rows - 1, 0);
  const lastCol = Math.max(bounds.cols - 1, 0);
  const row = clamp(from.row, lastRow);
  const col = clamp(from.col, lastCol);
  const page = Math.max(bounds.pageRows, 1);
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(row - 1, lastRow), col };
    case 'ArrowDown':
      return { row: clamp(row + 1, lastRow), col };
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, lastCol) };
    case 'ArrowRight':
      return { row, col: clamp(col + 1, lastCol) };
    case 'Home':
      return withCtrl ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return withCtrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    case 'PageUp':
      return { row: clamp(row - page, lastRow), col };
    case 'PageDown':
      return { row: clamp(row + page, lastRow), col };
  }
}
