import { deleteDaemonPod } from '@/server/actions/pod-delete';
import { parseActionBody } from '@/server/actions/schemas';
import { userActionContext } from '@/server/auth/user-context';
import { assertMutationRoute, clusterConnection, route, validName } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Deletes one daemon pod (advances an OnDelete rollout on its node); body `{ resourceVersion?, dryRun? }`. */
export const POST = route<{ cluster: string; ns: string; name: string }>(async (request, params) => {
  assertMutationRoute(request);
  const namespace = validName('namespace', params.ns);
  const name = validName('pod name', params.name);
  const body = await parseActionBody(request);
  const connection = await clusterConnection(params.cluster);
  return Response.json(await deleteDaemonPod(await userActionContext(request, connection), namespace, name, body));
});
