import { memo } from 'react';
import { GRID_SIZES, ColumnHeader, describeCounts } from './grid-parts';
import { problemCount, type StateCounts } from './grid-view';
import type { VisibleColumn } from './visible-columns';

/** Props of {@link HeaderRow}. */
export interface HeaderRowProps {
  /** How many nodes the view shows. */
  rowCount: number;
  columns: readonly VisibleColumn[];
  /** Counts per displayed column (indexed by `VisibleColumn.col`). */
  columnCounts: readonly StateCounts[];
  width: number;
  daemonSetHref: (namespace: string, name: string) => string;
}

/**
 * The sticky header row: the node column's title and a header per visible DaemonSet. Its headers
 * are memoised on primitives, so a vertical scroll or a delta re-renders only what changed.
 */
export const HeaderRow = memo(function HeaderRow(props: HeaderRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="sticky top-0 z-20 bg-white dark:bg-slate-950"
      style={{ width: props.width, height: GRID_SIZES.header }}
    >
      <div
        role="columnheader"
        aria-colindex={1}
        className="sticky left-0 z-30 flex h-full items-end border-r border-b border-slate-200 bg-white p-2 text-xs font-semibold dark:border-slate-800 dark:bg-slate-950"
        style={{ width: GRID_SIZES.rowHeader }}
      >
        Node ({props.rowCount})
      </div>
      {props.columns.map((column) => {
        const counts = props.columnCounts[column.col] ?? [];
        return (
          <ColumnHeader
            key={column.uid}
            namespace={column.namespace}
            name={column.name}
            problems={problemCount(counts)}
            countsTitle={describeCounts(counts)}
            colIndex={column.col + 2}
            left={column.left}
            href={props.daemonSetHref(column.namespace, column.name)}
          />
        );
      })}
    </div>
  );
});
