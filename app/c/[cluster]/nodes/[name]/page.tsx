import { decodeSegment } from '@/components/links';
import { NodeScreen } from '@/components/node/node-screen';

/** `/c/{cluster}/nodes/{name}`: one node's verdicts. */
export default async function NodePage({ params }: { params: Promise<{ cluster: string; name: string }> }) {
  const { cluster, name } = await params;
  return <NodeScreen cluster={decodeSegment(cluster)} name={decodeSegment(name)} />;
}
