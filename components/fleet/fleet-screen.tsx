'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { nodeListQuery } from '../data/queries';
import { useFleetStream } from '../data/use-fleet-stream';
import { useViewQuery } from '../filters/use-view-query';
import type { NodeFacts } from '../grid/grid-view';
import { LoadProgress } from '../load-progress';
import { PageHeader } from '../page-header';
import { ClusterProblem } from './cluster-problem';
import { FleetBody } from './fleet-body';

/** The live fleet view of one cluster: header with cluster switcher and Live/Stale, then the grid. */
export function FleetScreen({ cluster }: { cluster: string }) {
  const stream = useFleetStream(cluster);
  const [query, setQuery] = useViewQuery();
  const nodes = useQuery(nodeListQuery(cluster));
  const facts = useMemo(
    () =>
      nodes.data
        ? new Map<string, NodeFacts>(
            nodes.data.map((node) => [
              node.metadata?.name ?? '',
              { labels: node.metadata?.labels ?? {}, taints: node.spec?.taints ?? [] },
            ]),
          )
        : undefined,
    [nodes.data],
  );
  return (
    <main className="flex flex-col gap-3 p-4">
      <PageHeader cluster={cluster} stream={stream} isFleetPage />
      <ClusterProblem cluster={cluster} />
      {stream.error ? <p role="alert">{stream.error}</p> : null}
      <LoadProgress status={stream.status} hasSnapshot={stream.snapshot !== undefined} />
      {stream.snapshot ? (
        <FleetBody
          cluster={cluster}
          snapshot={stream.snapshot}
          query={query}
          onQuery={setQuery}
          facts={facts}
        />
      ) : null}
    </main>
  );
}
