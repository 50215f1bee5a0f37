'use client';

import type { FleetSnapshot } from '@/lib/fleet-model/types';
import { useViewQuery } from '../filters/use-view-query';
import { FleetBody } from './fleet-body';

/** The fleet view over a fixed snapshot (a generated fixture), for working on the grid without a cluster. */
export function StaticFleet({ snapshot }: { snapshot: FleetSnapshot }) {
  const [query, setQuery] = useViewQuery();
  return (
    <main className="flex flex-col gap-3 p-4">
      <h1 className="text-lg font-semibold">Daemonscope — generated fleet</h1>
      <FleetBody cluster="fixture" snapshot={snapshot} query={query} onQuery={setQuery} facts={undefined} />
    </main>
  );
}
