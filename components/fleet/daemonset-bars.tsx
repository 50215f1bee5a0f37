'use client';

import type { KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { CELL_CODES, CELL_STATE_NAMES } from '@/lib/cell-state';
import { stateSlug } from '../filters/url-state';
import { CELL_LOOKS } from '../grid/cell-style';
import type { StateCounts } from '../grid/grid-view';

/** One bar: a DaemonSet key and its cells per state name. */
type BarRow = { key: string } & Record<string, number | string>;

/** The accessible name of one bar segment: what a click does, and how many nodes it stands for. */
export function segmentLabel(daemonSet: string, state: string, count: number): string {
  return `Filter to ${daemonSet}: ${state} (${count} ${count === 1 ? 'node' : 'nodes'})`;
}

/**
 * One segment drawn as a button, so a screen reader, the keyboard and tests can reach what the mouse
 * can: recharts' own rectangles have no name and take no focus. An empty segment draws nothing.
 */
function segmentShape(state: string, onPick: (daemonSet: string, stateSlug: string) => void) {
  return function Segment(props: BarShapeProps) {
    const row: unknown = props.payload;
    const key = typeof row === 'object' && row !== null && 'key' in row ? row.key : undefined;
    const count =
      typeof row === 'object' && row !== null && state in row ? (row as Record<string, unknown>)[state] : 0;
    if (typeof key !== 'string' || typeof count !== 'number' || count <= 0 || props.width <= 0) return <g />;
    const pick = () => onPick(key, stateSlug(state));
    const onKeyDown = (event: KeyboardEvent<SVGRectElement>) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      pick();
    };
    return (
      <rect
        x={props.x}
        y={props.y}
        width={props.width}
        height={props.height}
        fill={props.fill}
        role="button"
        tabIndex={0}
        aria-label={segmentLabel(key, state, count)}
        className="cursor-pointer outline-offset-1 focus-visible:outline-2 focus-visible:outline-slate-900 dark:focus-visible:outline-white"
        onClick={pick}
        onKeyDown={onKeyDown}
      />
    );
  };
}

/** A stacked bar per DaemonSet of its shown cells by state; a click on a segment filters the grid to it. */
export function DaemonSetBars(props: {
  keys: readonly string[];
  counts: readonly StateCounts[];
  onPick: (daemonSet: string, stateSlug: string) => void;
}) {
  const data: BarRow[] = props.keys.map((key, i) => {
    const row: BarRow = { key };
    CELL_CODES.forEach((code, c) => {
      row[CELL_STATE_NAMES[code]] = props.counts[i]?.[c] ?? 0;
    });
    return row;
  });
  if (data.length === 0) return null;
  return (
    <figure aria-label="Cells per DaemonSet by state" className="overflow-x-auto">
      <BarChart
        layout="vertical"
        width={640}
        height={Math.max(120, 22 * data.length + 40)}
        data={data}
        margin={{ left: 8, right: 16, top: 4, bottom: 4 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="key" width={220} tick={{ fontSize: 11 }} interval={0} />
        <Tooltip />
        {CELL_CODES.map((code) => {
          const name = CELL_STATE_NAMES[code];
          return (
            <Bar
              key={code}
              dataKey={name}
              stackId="cells"
              fill={CELL_LOOKS[code].fill}
              isAnimationActive={false}
              shape={segmentShape(name, props.onPick)}
            />
          );
        })}
      </BarChart>
    </figure>
  );
}
