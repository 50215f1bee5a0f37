'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RolloutSample } from '@/lib/rollout-progress';

const SERIES = [
  { key: 'updated', name: 'Updated', color: '#0072B2' },
  { key: 'ready', name: 'Ready', color: '#009E73' },
  { key: 'available', name: 'Available', color: '#E69F00' },
  { key: 'unavailable', name: 'Unavailable', color: '#D55E00' },
  { key: 'desired', name: 'Desired', color: '#94A3B8' },
] as const;

const clock = (at: number) => new Date(at).toLocaleTimeString();

/** Updated / ready / available / unavailable pods over time, as steps (a sample is taken on each change). */
export function RolloutChart({ samples }: { samples: readonly RolloutSample[] }) {
  if (samples.length === 0) return <p className="text-sm text-slate-500">No rollout samples yet.</p>;
  return (
    <figure aria-label="Rollout progress over time" className="overflow-x-auto">
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
