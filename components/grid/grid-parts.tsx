import Link from 'next/link';
import { memo } from 'react';
import { CELL_CODES, isCellCode } from '@/lib/cell-state';
import { CELL_LOOKS, stateName } from './cell-style';
import { problemCount, type StateCounts } from './grid-view';

/** Sizes of the grid, in CSS pixels: dense enough for 50 DaemonSets at 1,280 px. */
export const GRID_SIZES = { row: 24, column: 28, rowHeader: 220, groupHeader: 660, header: 132 } as const;

/** "3 Failing, 1 Missing" — the tooltip of a count badge. */
export function describeCounts(counts: StateCounts): string {
  const parts = CELL_CODES.flatMap((code, i) =>
    (counts[i] ?? 0) > 0 ? [`${counts[i]} ${stateName(code)}`] : [],
  );
  return parts.length === 0 ? 'no cells' : parts.join(', ');
}

/** One column header: the DaemonSet's name written upwards, its problem count, a link to its view. */
// Memoised on primitives: a delta re-renders only the headers whose counts it changed.
export const ColumnHeader = memo(function ColumnHeader(props: {
  namespace: string;
  name: string;
  problems: number;
  countsTitle: string;
  colIndex: number;
  left: number;
  href: string;
}) {
  const key = `${props.namespace}/${props.name}`;
  return (
    <div
      role="columnheader"
      aria-colindex={props.colIndex}
      className="absolute top-0 flex flex-col items-center justify-end gap-1 border-r border-slate-200 pb-1 dark:border-slate-800"
      style={{ left: props.left, width: GRID_SIZES.column, height: GRID_SIZES.header }}
    >
      <Link
        href={props.href}
        title={`${key} — ${props.countsTitle}`}
        aria-label={key}
        className="max-h-[100px] rotate-180 overflow-hidden text-xs text-ellipsis whitespace-nowrap [writing-mode:vertical-rl] hover:underline"
      >
        {props.name}
      </Link>
      <span
        className={`text-[10px] tabular-nums ${props.problems > 0 ? 'font-semibold text-[#D55E00]' : 'text-slate-400'}`}
        title={props.countsTitle}
      >
        {props.problems}
      </span>
    </div>
  );
});

/** The state glyph of one cell; the accessible name spells out node, DaemonSet and state. */
// Memoised on primitives: a horizontal scroll re-renders each row but only mounts the new cells.
// A scroll frame mounts a few hundred cells, so each is one box with its glyph as direct text
// (no flex, no inner element: a third of the layout cost of the earlier flex + span), and it is
// contained for size, layout and style but not paint: paint containment gave every cell its own
// clip, and regrouping ~1,800 paint chunks per frame cost as much as laying them out.
export const GridCell = memo(function GridCell(props: {
  code: string;
  node: string;
  daemonSet: string;
  row: number;
  col: number;
  colIndex: number;
  left: number;
  isFocused: boolean;
  isSelected: boolean;
}) {
  const look = isCellCode(props.code) ? CELL_LOOKS[props.code] : undefined;
  const name = `${props.node} ${props.daemonSet}: ${stateName(props.code)}`;
  return (
    <div
      role="gridcell"
      aria-colindex={props.colIndex}
      aria-label={name}
      aria-selected={props.isSelected}
      tabIndex={props.isFocused ? 0 : -1}
      data-row={props.row}
      data-col={props.col}
      title={name}
      className={`absolute top-0 cursor-pointer border-r border-b border-white text-center text-xs outline-none focus-visible:ring-2 focus-visible:ring-black focus-visible:ring-inset dark:border-slate-950 dark:focus-visible:ring-white ${look?.className ?? ''} ${props.isSelected ? 'ring-2 ring-black ring-inset dark:ring-white' : ''}`}
      style={{
        left: props.left,
        width: GRID_SIZES.column,
        height: GRID_SIZES.row,
        lineHeight: `${GRID_SIZES.row - 1}px`,
        contain: 'size layout style',
      }}
    >
      {look?.glyph ?? '?'}
    </div>
  );
});

/** The node name at the start of a row (in the grid's sticky header column), with its problem count. */
export function RowHeader(props: { node: string; problems: number; countsTitle: string; href: string }) {
  return (
    <div
      role="rowheader"
      className="flex h-full items-center justify-between gap-2 border-r border-b border-slate-200 bg-white px-2 text-xs dark:border-slate-800 dark:bg-slate-950"
      style={{ width: GRID_SIZES.rowHeader }}
    >
      {/* Scrolling passes thousands of node links: prefetching each one as it enters the viewport
          would turn a scroll into a burst of route requests. */}
      <Link href={props.href} prefetch={false} title={props.node} className="truncate hover:underline">
        {props.node}
      </Link>
      {props.problems > 0 ? (
        <span
          className="shrink-0 text-[10px] font-semibold text-[#D55E00] tabular-nums"
          title={props.countsTitle}
        >
          {props.problems}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A group header row's label: a toggle naming the label value, its size and its problems. The
 * grid's delegated click handler flips the group named by `data-group-toggle`.
 */
export function GroupHeader(props: {
  groupBy: string;
  value: string;
  size: number;
  counts: StateCounts;
  isExpanded: boolean;
}) {
  const problems = problemCount(props.counts);
  return (
    <div
      role="rowheader"
      className="flex h-full items-center bg-slate-100 px-2 text-xs dark:bg-slate-900"
      style={{ width: GRID_SIZES.groupHeader }}
    >
      <button
        type="button"
        aria-expanded={props.isExpanded}
        data-group-toggle={props.value}
        className="truncate text-left font-medium"
        title={describeCounts(props.counts)}
      >
        {props.isExpanded ? '▾' : '▸'} {props.groupBy}={props.value} · {props.size} nodes
        {problems > 0 ? ` · ${problems} problems` : ''}
      </button>
    </div>
  );
}
