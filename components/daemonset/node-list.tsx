'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRef, type ReactNode } from 'react';
import { CELL_LOOKS } from '../grid/cell-style';
import { stateName } from '../grid/cell-style';
import type { ColumnRow } from './column-rows';

const ROW_HEIGHT = 30;

/** The DaemonSet's nodes as a list (virtualised: a column may hold 5,000 nodes), with per-row actions. */
export function NodeList(props: {
  rows: readonly ColumnRow[];
  daemonSet: string;
  nodeHref: (node: string) => string;
  onWhy: (node: string) => void;
  actions?: (row: ColumnRow) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is off in this project, so nothing memoises the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  if (props.rows.length === 0) return <p className="text-sm text-slate-500">No node matches.</p>;
  return (
    <div
      ref={scrollRef}
      className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800"
    >
      <ul
        aria-label={`Nodes of ${props.daemonSet}`}
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = props.rows[item.index];
          if (!row) return null;
          const look = CELL_LOOKS[row.code];
          return (
            <li
              key={row.node}
              className="absolute inset-x-0 flex items-center gap-2 border-b border-slate-100 px-2 text-sm dark:border-slate-900"
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              <span
                aria-hidden="true"
                className={`inline-flex size-5 shrink-0 items-center justify-center rounded-sm text-xs ${look.className}`}
              >
                {look.glyph}
              </span>
              <Link
                href={props.nodeHref(row.node)}
                title={row.node}
                className="min-w-0 flex-1 truncate hover:underline"
              >
                {row.node}
              </Link>
              <span className="w-24 shrink-0 text-xs">{stateName(row.code)}</span>
              <button
                type="button"
                onClick={() => props.onWhy(row.node)}
                className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-700"
                aria-label={`Why: ${row.node}`}
              >
                Why
              </button>
              {props.actions?.(row)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
