import { memo } from 'react';
import type { FleetSnapshot } from '@/lib/fleet-model/types';
import { ColumnHeader, GRID_SIZES } from './grid-parts';
import type { GridView } from './grid-view';
import type { VisibleColumn } from './visible-columns';

/** Props of {@link HeaderRow}. */
export interface HeaderRowProps {
  snapshot: FleetSnapshot;
  view: GridView;
  columns: readonly VisibleColumn[];
  width: number;
  daemonSetHref: (namespace: string, name: string) => string;
}

/**
 * The sticky header row: the node column's title and a header per visible DaemonSet. Memoised, so a
 * vertical scroll (same visible columns) leaves it alone.
 */
export const HeaderRow = memo(function HeaderRow(props: HeaderRowProps) {
  const { snapshot, view } = props;
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
        Node ({view.rows.length})
      </div>
      {props.columns.map((visible) => {
        const column = snapshot.columns[view.columns[visible.col] ?? -1];
        if (!column) return null;
        return (
          <ColumnHeader
            key={visible.uid}
            column={column}
            counts={view.columnCounts[visible.col] ?? []}
            colIndex={visible.col + 2}
            left={visible.left}
            href={props.daemonSetHref(column.namespace, column.name)}
          />
        );
      })}
    </div>
  );
});
