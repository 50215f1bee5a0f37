import { nodeDetail } from '@/server/detail/node-detail';
import { clusterConnection, signedInRoute, validName } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One node: labels, taints, conditions, allocatable, and every DaemonSet's verdict with reasons and fixes. */
export const GET = signedInRoute<{ cluster: string; name: string }>(async (_request, params) => {
  const name = validName('node name', params.name);
  const connection = await clusterConnection(params.cluster);
  return Response.json(nodeDetail(connection, name));
});
