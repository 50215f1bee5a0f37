import { decodeSegment } from '@/components/links';
import { Suspense } from 'react';
import { DaemonSetScreen } from '@/components/daemonset/daemonset-screen';

/** `/c/{cluster}/daemonsets/{namespace}/{name}`: one DaemonSet. */
export default async function DaemonSetPage({
  params,
}: {
  params: Promise<{ cluster: string; namespace: string; name: string }>;
}) {
  const { cluster, namespace, name } = await params;
  return (
    <Suspense>
      <DaemonSetScreen
        cluster={decodeSegment(cluster)}
        namespace={decodeSegment(namespace)}
        name={decodeSegment(name)}
      />
    </Suspense>
  );
}
