'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RolloutFeed } from '../data/stream-state';
import { samplesSinceText } from './samples-since';

const SERIES = [
  { key: 'updated', name: 'Updated', color: '#0072B2' },
  { key: 'ready', name: 'Ready', color: '#009E73' },
  { key: 'available', name: 'Available', color: '#E69F00' },
  { key: 'unavailable', name: 'Unavailable', color: '#D55E00' },
  { key: 'desired', name: 'Desired', color: '#94A3B8' },
] as const;

const clock = (at: number) => new Date(at).toLocaleTimeString();

/**
 * Updated / ready / available / unavailable pods over time, as steps (a sample is taken on each change),
 * with since when the server has samples: they live in its memory and start again after a restart.
 */
export function RolloutChart({ feed }: { feed: RolloutFeed | undefined }) {
  const samples = feed?.samples ?? [];
  if (feed === undefined || samples.length === 0)
    return <p className="text-sm text-slate-500">No rollout samples yet.</p>;
  const since = samplesSinceText(feed, clock);
  return (
    <figure aria-label="Rollout progress over time" className="overflow-x-auto">
      {since === undefined ? null : (
        <figcaption className="text-xs text-slate-600 dark:text-slate-400">{since}</figcaption>
      )}
      <LineChart
        width={640}
        height={220}
        data={[...samples]}
        margin={{ left: 0, right: 16, top: 8, bottom: 4 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="at"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={clock}
          tick={{ fontSize: 11 }}
          scale="time"
        />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
        <Tooltip labelFormatter={(value) => (typeof value === 'number' ? clock(value) : String(value))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {SERIES.map((series) => (
          <Line
            key={series.key}
            type="stepAfter"
            dataKey={series.key}
            name={series.name}
            stroke={series.color}
            strokeDasharray={series.key === 'desired' ? '4 3' : undefined}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
}
