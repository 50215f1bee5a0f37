'use client';

import { useQuery } from '@tanstack/react-query';
import { clustersQuery } from '../data/queries';

/** Says when the cluster is unknown, unreachable or forbidden, with the server's own message. */
export function ClusterProblem({ cluster }: { cluster: string }) {
  const clusters = useQuery(clustersQuery());
  if (!clusters.data) return null;
  const entry = clusters.data.find((c) => c.name === cluster);
  if (!entry) {
    return (
      <p role="alert" className="rounded border border-[#D55E00] p-2 text-sm">
        There is no cluster named “{cluster}”. Known clusters:{' '}
        {clusters.data.map((c) => c.name).join(', ') || 'none'}.
      </p>
    );
  }
  if (entry.reachable) return null;
  return (
    <p role="alert" className="rounded border border-[#D55E00] p-2 text-sm">
      Cluster “{cluster}” is unreachable{entry.message ? `: ${entry.message}` : '.'}
    </p>
  );
}
