'use client';

import { liveness, type StreamState } from './data/stream-state';
import { useNow } from './use-now';

/** "12:03:04 (2 min ago)" for a Stale indicator; the clock time first, so screenshots stay readable. */
export function formatSince(since: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  const ago =
    seconds < 90
      ? `${seconds} s ago`
      : seconds < 5400
        ? `${Math.round(seconds / 60)} min ago`
        : `${Math.round(seconds / 3600)} h ago`;
  return `${new Date(since).toLocaleTimeString()} (${ago})`;
}

/** The `role="status"` indicator: `Live` while the stream is current, `Stale since …` otherwise. */
export function LiveStatus({ stream }: { stream: StreamState }) {
  const now = useNow(2_000);
  const live = liveness(stream, now);
  const text =
    live.state === 'Live'
      ? 'Live'
      : live.state === 'Connecting'
        ? 'Connecting…'
        : live.since === undefined
          ? 'Stale'
          : `Stale since ${formatSince(live.since, now)}`;
  const dot =
    live.state === 'Live' ? 'bg-[#009E73]' : live.state === 'Connecting' ? 'bg-slate-400' : 'bg-[#D55E00]';
  return (
    <p role="status" className="flex items-center gap-1.5 text-sm font-medium">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${dot}`} />
      {text}
    </p>
  );
}
