import { Suspense } from 'react';
import { StaticFleet } from '@/components/fleet/static-fleet';
import { makeScaleFleet } from '@/lib/fleet-model/fixture';
import { FleetModel } from '@/lib/fleet-model/model';

export const dynamic = 'force-dynamic';

/** Until the cluster list is served: the grid over a generated fleet. */
export default function Home() {
  const fleet = makeScaleFleet({ nodes: 300, daemonSets: 12, seed: 7 });
  const snapshot = FleetModel.fromObjects(fleet, fleet.now).snapshot();
  return (
    <Suspense>
      <StaticFleet snapshot={snapshot} />
    </Suspense>
  );
}
