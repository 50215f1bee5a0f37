import { memo, type ReactNode } from 'react';
import { GRID_SIZES, GridCell, GroupHeader, RowHeader } from './grid-parts';
import type { StateCounts } from './grid-view';
import type { VisibleColumn } from './visible-columns';

/**
 * Grid body rows, memoised on primitive props (plus the visible column list, which changes only
 * with the column range): a scroll frame mounts the rows that come into view and leaves the rest
 * alone, and a live delta re-renders only the rows whose codes or counts it changed.
 */

/** The absolutely positioned `role="row"` box every body row sits in. */
function RowFrame({
  rowIndex,
  top,
  width,
  children,
}: {
  rowIndex: number;
  top: number;
  width: number;
  children: ReactNode;
}) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className="absolute left-0"
      style={{ top, height: GRID_SIZES.row, width }}
    >
      {children}
    </div>
  );
}

/** Props of {@link NodeRow}. */
export interface NodeRowProps {
  node: string;
  /** Position among displayed nodes, the keyboard focus coordinate. */
  row: number;
  rowIndex: number;
  top: number;
  width: number;
  /** The row's problem cells over the shown columns, and their tooltip ("3 Failing, 1 Missing"). */
  problems: number;
  countsTitle: string;
  href: string;
  columns: readonly VisibleColumn[];
  /** The row's code in each of `columns`, one character each (see `rowCodes`). */
  codes: string;
  /** The focused column when focus is on this row, else -1: other rows need not re-render on moves. */
  focusCol: number;
  /** The selected column when the selection is on this row, else -1. */
  selectedCol: number;
}

/** One node's row: its sticky header and the cells of the visible columns. */
export const NodeRow = memo(function NodeRow(props: NodeRowProps) {
  return (
    <RowFrame rowIndex={props.rowIndex} top={props.top} width={props.width}>
      <RowHeader
        node={props.node}
        problems={props.problems}
        countsTitle={props.countsTitle}
        href={props.href}
      />
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
    </RowFrame>
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
  top: number;
  width: number;
}

/** A group header row; its toggle is handled by the grid's delegated click handler. */
export const GroupRow = memo(function GroupRow(props: GroupRowProps) {
  return (
    <RowFrame rowIndex={props.rowIndex} top={props.top} width={props.width}>
      <GroupHeader
        groupBy={props.groupBy}
        value={props.value}
        size={props.size}
        counts={props.counts}
        isExpanded={props.isExpanded}
      />
    </RowFrame>
  );
});
