import { memo, type ReactNode } from 'react';
import { GRID_SIZES, GridCell, GroupHeader, RowHeader } from './grid-parts';
import type { StateCounts } from './grid-view';
import type { VisibleColumn } from './visible-columns';

/**
 * Grid body rows, memoised on primitive props (plus the visible column list, which changes only
 * with the column range): a scroll frame mounts the rows that come into view and leaves the rest
 * alone, and a live delta re-renders only the rows whose codes or counts it changed.
 *
 * A node row is drawn in two places. Its `role="row"` box, holding the row header, sits in the
 * grid's one sticky header column; its cells sit in a plain box in the scrolling cell layer, which
 * the row claims with `aria-owns`, so assistive technology still reads header then cells as one row.
 * One sticky column rather than a sticky header per row: Chromium composites a sticky element in a
 * composited scroller on its own (its offset follows the scroll off the main thread), so a header
 * per row meant ~50 layers to regroup every frame, where the trace in BENCHMARKS.md found layerisation
 * among the largest costs of a scroll frame.
 */

/** An absolutely positioned body box of one row's height. */
function RowBox({
  top,
  width,
  children,
  ...attributes
}: {
  top: number;
  width: number;
  children: ReactNode;
  id?: string;
  role: 'row' | 'none';
  'aria-rowindex'?: number;
  'aria-owns'?: string;
}) {
  return (
    <div {...attributes} className="absolute left-0" style={{ top, height: GRID_SIZES.row, width }}>
      {children}
    </div>
  );
}

/** Props of {@link NodeRowHeader}. */
export interface NodeRowHeaderProps {
  node: string;
  rowIndex: number;
  /** Offset within the header column. */
  top: number;
  /** The row's problem cells over the shown columns, and their tooltip ("3 Failing, 1 Missing"). */
  problems: number;
  countsTitle: string;
  href: string;
  /** The id of the row's {@link NodeCells} box, which the row owns. */
  cellsId: string;
}

/** One node's `role="row"`, in the sticky header column: its header, and its cells by `aria-owns`. */
export const NodeRowHeader = memo(function NodeRowHeader(props: NodeRowHeaderProps) {
  return (
    <RowBox
      role="row"
      aria-rowindex={props.rowIndex}
      aria-owns={props.cellsId}
      top={props.top}
      width={GRID_SIZES.rowHeader}
    >
      <RowHeader
        node={props.node}
        problems={props.problems}
        countsTitle={props.countsTitle}
        href={props.href}
      />
    </RowBox>
  );
});

/** Props of {@link NodeCells}. */
export interface NodeCellsProps {
  /** The id its {@link NodeRowHeader} owns it by. */
  id: string;
  node: string;
  /** Position among displayed nodes, the keyboard focus coordinate. */
  row: number;
  /** Offset within the grid. */
  top: number;
  width: number;
  columns: readonly VisibleColumn[];
  /** The row's code in each of `columns`, one character each (see `rowCodes`). */
  codes: string;
  /** The focused column when focus is on this row, else -1: other rows need not re-render on moves. */
  focusCol: number;
  /** The selected column when the selection is on this row, else -1. */
  selectedCol: number;
}

/** One node's cells over the visible columns, in the scrolling cell layer. */
export const NodeCells = memo(function NodeCells(props: NodeCellsProps) {
  return (
    <RowBox id={props.id} role="none" top={props.top} width={props.width}>
      {props.columns.map((column, i) => (
        <GridCell
          key={column.uid}
          code={props.codes.charAt(i)}
          node={props.node}
          daemonSet={column.daemonSet}
          row={props.row}
          col={column.col}
          colIndex={column.col + 2}
          left={column.left}
          isFocused={column.col === props.focusCol}
          isSelected={column.col === props.selectedCol}
        />
      ))}
    </RowBox>
  );
});

/** Props of {@link GroupRow}. */
export interface GroupRowProps {
  groupBy: string;
  value: string;
  size: number;
  counts: StateCounts;
  isExpanded: boolean;
  rowIndex: number;
  /** Offset within the header column. */
  top: number;
}

/**
 * A group header row, in the sticky header column (it has no cells; its label overhangs the
 * column). Its toggle is handled by the grid's delegated click handler.
 */
export const GroupRow = memo(function GroupRow(props: GroupRowProps) {
  return (
    <RowBox role="row" aria-rowindex={props.rowIndex} top={props.top} width={GRID_SIZES.groupHeader}>
      <GroupHeader
        groupBy={props.groupBy}
        value={props.value}
        size={props.size}
        counts={props.counts}
        isExpanded={props.isExpanded}
      />
    </RowBox>
  );
});
