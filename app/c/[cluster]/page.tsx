import { decodeSegment } from '@/components/links';
import { Suspense } from 'react';
import { FleetScreen } from '@/components/fleet/fleet-screen';

/** `/c/{cluster}`: the live node × DaemonSet grid. */
export default async function FleetPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <Suspense>
      <FleetScreen cluster={decodeSegment(cluster)} />
    </Suspense>
  );
}
