'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { CELL_CODES, CELL_STATE_NAMES } from '@/lib/cell-state';
import { stateSlug } from '../filters/url-state';
import { CELL_LOOKS } from '../grid/cell-style';
import type { StateCounts } from '../grid/grid-view';

/** One bar: a DaemonSet key and its cells per state name. */
type BarRow = { key: string } & Record<string, number | string>;

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
              cursor="pointer"
              onClick={(entry: { payload?: { key?: unknown } }) => {
                if (typeof entry.payload?.key === 'string') props.onPick(entry.payload.key, stateSlug(name));
              }}
            />
          );
        })}
      </BarChart>
    </figure>
  );
}
