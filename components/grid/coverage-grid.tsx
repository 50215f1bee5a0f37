'use client';

import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import type { CellRef } from '../filters/url-state';
import { isGridKey, moveFocus, type GridPosition } from './grid-navigation';
import { HeaderRow } from './grid-header';
import { GRID_SIZES, describeCounts } from './grid-parts';
import { GroupRow, NodeCells, NodeRowHeader } from './grid-rows';
import { problemCount, type GridView } from './grid-view';
import type { RowItem } from './row-items';
import {
  columnHeads,
  columnOf,
  rowCodes,
  visibleCells,
  visibleColumns,
  type ColumnHead,
} from './visible-columns';

/** Props of {@link CoverageGrid}: the snapshot, what to show of it, and where links go. */
export interface CoverageGridProps {
  snapshot: FleetSnapshot;
  view: GridView;
  items: readonly RowItem[];
  groupBy: string;
  selected: CellRef | undefined;
  nodeHref: (node: string) => string;
  daemonSetHref: (namespace: string, name: string) => string;
  onSelect: (cell: CellRef) => void;
  onToggleGroup: (value: string) => void;
}

// The virtualizers always render the focused row and column, so the grid keeps its tab stop
// (roving tabindex) however far the operator has scrolled away from it.
const keepIndex = (index: number) => (range: Range) => {
  const indexes = defaultRangeExtractor(range);
  return index < 0 || indexes.includes(index) ? indexes : [...indexes, index].sort((a, b) => a - b);
};

/**
 * The view's column heads, the same array for as long as their identities stay the same: deltas
 * change cells (and so the snapshot and the view) many times a second, columns rarely, and every
 * row compares the visible column list this is derived from.
 */
function useColumnHeads(snapshot: FleetSnapshot, viewColumns: readonly number[]): (ColumnHead | null)[] {
  const key = JSON.stringify(columnHeads(snapshot, viewColumns));
  return useMemo(() => JSON.parse(key) as (ColumnHead | null)[], [key]);
}

/** The node × DaemonSet coverage grid, virtualised on both axes (WAI-ARIA grid with roving focus). */
export function CoverageGrid(props: CoverageGridProps) {
  const { snapshot, view, items, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // A row owns its cells by id (aria-owns); ids follow the row's position in the item list.
  const idPrefix = useId();
  const cellsIdOf = (index: number) => `${idPrefix}-cells-${index}`;
  const [focus, setFocus] = useState<GridPosition>({ row: 0, col: 0 });
  const pendingFocus = useRef(false);
  const itemOfRow = useMemo(() => items.flatMap((item, i) => (item.kind === 'node' ? [i] : [])), [items]);
  const focusItem = itemOfRow[Math.min(focus.row, itemOfRow.length - 1)] ?? -1;
  const focusCol = Math.min(focus.col, view.columns.length - 1);

  // The React Compiler is off in this project, so nothing memoises the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rowVirtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_SIZES.row,
    // A scroll frame moves ~7 rows; a few rows beyond the viewport hide that without rendering
    // dozens of off-screen rows of 40+ cells each.
    overscan: 6,
    scrollPaddingStart: GRID_SIZES.header,
    // React 19 batches the scroll update into the next frame; flushSync per scroll event forced
    // a synchronous render for every event, several per frame.
    useFlushSync: false,
    rangeExtractor: useMemo(() => keepIndex(focusItem), [focusItem]),
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: view.columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_SIZES.column,
    overscan: 2,
    scrollPaddingStart: GRID_SIZES.rowHeader,
    useFlushSync: false,
    rangeExtractor: useMemo(() => keepIndex(focusCol), [focusCol]),
  });

  // After a keyboard move, focus the new cell once it is rendered.
  useEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    scrollRef.current
      ?.querySelector<HTMLElement>(`[data-row="${focus.row}"][data-col="${focus.col}"]`)
      ?.focus();
  }, [focus]);

  const cellAt = useCallback(
    (row: number, col: number): CellRef | undefined => {
      const item = items[itemOfRow[row] ?? -1];
      const column = snapshot.columns[view.columns[col] ?? -1];
      const node = item?.kind === 'node' ? snapshot.rows[item.row] : undefined;
      return column && node ? { node, daemonSet: `${column.namespace}/${column.name}` } : undefined;
    },
    [items, itemOfRow, snapshot, view.columns],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.dataset.row === undefined) return;
    const from = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    if (event.key === 'Enter' || event.key === ' ') {
      const cell = cellAt(from.row, from.col);
      if (cell) props.onSelect(cell);
      event.preventDefault();
      return;
    }
    if (!isGridKey(event.key)) return;
    event.preventDefault();
    const pageRows = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 0) - GRID_SIZES.header) / GRID_SIZES.row),
    );
    const next = moveFocus(
      from,
      event.key,
      { rows: itemOfRow.length, cols: view.columns.length, pageRows },
      event.ctrlKey || event.metaKey,
    );
    rowVirtualizer.scrollToIndex(itemOfRow[next.row] ?? 0);
    columnVirtualizer.scrollToIndex(next.col);
    pendingFocus.current = true;
    setFocus(next);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const toggle = (event.target as HTMLElement).closest<HTMLElement>('[data-group-toggle]');
    if (toggle?.dataset.groupToggle !== undefined) {
      props.onToggleGroup(toggle.dataset.groupToggle);
      return;
    }
    const target = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    if (!target || target.dataset.row === undefined) return;
    const at = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    setFocus(at);
    const cell = cellAt(at.row, at.col);
    if (cell) props.onSelect(cell);
  };

  // The virtualizer hands back the same array while the column range is unchanged, and the heads
  // stay the same through deltas, so every row receives the same `columns` during a vertical scroll
  // or a delta, and re-renders only when its own codes or counts change.
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const heads = useColumnHeads(snapshot, view.columns);
  const columns = useMemo(
    () => visibleColumns(virtualColumns, heads, GRID_SIZES.rowHeader),
    [virtualColumns, heads],
  );
  const cells = visibleCells(snapshot, columns);
  const selectedCol = columnOf(columns, selected?.daemonSet);
  const width = GRID_SIZES.rowHeader + columnVirtualizer.getTotalSize();
  const virtualRows = rowVirtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="relative h-[min(70vh,calc(100vh-14rem))] min-h-64 w-fit max-w-full overflow-auto rounded border border-slate-200 dark:border-slate-800"
    >
      <div
        role="grid"
        aria-label="Coverage"
        aria-rowcount={items.length + 1}
        aria-colcount={view.columns.length + 1}
        onKeyDown={onKeyDown}
        onClick={onClick}
        className="relative"
        style={{ width, height: GRID_SIZES.header + rowVirtualizer.getTotalSize() }}
      >
        <HeaderRow
          rowCount={view.rows.length}
          columns={columns}
          columnCounts={view.columnCounts}
          width={width}
          daemonSetHref={props.daemonSetHref}
        />
        {/* Every row's header, in one sticky column (see grid-rows.tsx), in flow below the header row. */}
        <div
          className="sticky left-0 z-10"
          style={{ width: GRID_SIZES.rowHeader, height: rowVirtualizer.getTotalSize() }}
        >
          {virtualRows.map((vr) => {
            const item = items[vr.index];
            if (!item) return null;
            if (item.kind === 'group') {
              return (
                <GroupRow
                  key={`g:${item.value}`}
                  groupBy={props.groupBy}
                  value={item.value}
                  size={item.size}
                  counts={item.counts}
                  isExpanded={item.isExpanded}
                  rowIndex={vr.index + 2}
                  top={vr.start}
                />
              );
            }
            const node = snapshot.rows[item.row] ?? '';
            return (
              <NodeRowHeader
                key={`n:${node}`}
                node={node}
                rowIndex={vr.index + 2}
                top={vr.start}
                problems={problemCount(item.counts)}
                countsTitle={describeCounts(item.counts)}
                href={props.nodeHref(node)}
                cellsId={cellsIdOf(vr.index)}
              />
            );
          })}
        </div>
        {virtualRows.map((vr) => {
          const item = items[vr.index];
          if (item?.kind !== 'node') return null;
          const node = snapshot.rows[item.row] ?? '';
          return (
            <NodeCells
              key={`n:${node}`}
              id={cellsIdOf(vr.index)}
              node={node}
              row={item.index}
              top={GRID_SIZES.header + vr.start}
              width={width}
              columns={columns}
              codes={rowCodes(cells, item.row)}
              focusCol={item.index === focus.row ? focusCol : -1}
              selectedCol={selected?.node === node ? selectedCol : -1}
            />
          );
        })}
      </div>
    </div>
  );
}
