'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { clustersQuery } from './data/queries';
import { fleetPath } from './links';

/** A select of every known cluster; unreachable ones are marked, with the server's message as the reason. */
export function ClusterSwitcher({ cluster }: { cluster: string }) {
  const router = useRouter();
  const clusters = useQuery(clustersQuery());
  const list = clusters.data ?? [];
  const known = list.some((c) => c.name === cluster);
  return (
    <label className="flex items-center gap-1.5 text-sm">
      <span className="text-slate-600 dark:text-slate-400">Cluster</span>
      <select
        value={cluster}
        onChange={(event) => router.push(fleetPath(event.target.value))}
        className="max-w-56 truncate rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {known ? null : <option value={cluster}>{cluster}</option>}
        {list.map((c) => (
          <option key={c.name} value={c.name} title={c.message}>
            {c.name}
            {c.reachable ? '' : ' (unreachable)'}
          </option>
        ))}
      </select>
    </label>
  );
}
