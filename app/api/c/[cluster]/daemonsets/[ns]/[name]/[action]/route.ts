import { runDaemonSetAction } from '@/server/actions/daemonset-action';
import { isDaemonSetAction, parseActionBody } from '@/server/actions/schemas';
import { userActionContext } from '@/server/auth/user-context';
import { notFound } from '@/server/errors';
import { assertMutationRoute, clusterConnection, echo, route, validName } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `rollback` (`{ toRevision? }`), `pause`, `resume`, `restart`; every body may carry `resourceVersion` and `dryRun`. */
export const POST = route<{ cluster: string; ns: string; name: string; action: string }>(async (request, params) => {
  assertMutationRoute(request);
  if (!isDaemonSetAction(params.action)) throw notFound('actions', echo(params.action));
  const namespace = validName('namespace', params.ns);
  const name = validName('daemonset name', params.name);
  const body = await parseActionBody(request);
  const connection = await clusterConnection(params.cluster);
  return Response.json(await runDaemonSetAction(await userActionContext(request, connection), params.action, namespace, name, body));
});
