import { daemonSetDetail } from '@/server/detail/daemonset-detail';
import { clusterConnection, signedInRoute, validName } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One DaemonSet: spec summary, reported and implied status, rollout, history, events, cost, blockers. */
export const GET = signedInRoute<{ cluster: string; ns: string; name: string }>(async (_request, params) => {
  const namespace = validName('namespace', params.ns);
  const name = validName('daemonset name', params.name);
  const connection = await clusterConnection(params.cluster);
  return Response.json(await daemonSetDetail(connection, namespace, name));
});
