import { actionPermissions } from '@/server/auth/can-i';
import { requestUser } from '@/server/auth/request-user';
import { whoAmI } from '@/server/auth/who-am-i';
import { getConfig } from '@/server/config';
import { clusterConnection, route, validName } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `?ns=&name=`: `{ user, actions: { rollback: { allowed, reason? }, … , 'delete-pod': … } }`, asked
 * with the user's own identity, so the UI disables what the cluster's RBAC would refuse and says why.
 */
export const GET = route<{ cluster: string }>(async (request, params) => {
  const url = new URL(request.url);
  const namespace = validName('namespace', url.searchParams.get('ns') ?? '');
  const nameParam = url.searchParams.get('name');
  const name = nameParam === null || nameParam === '' ? undefined : validName('daemonset name', nameParam);
  const config = getConfig();
  const user = requestUser(request, config.auth);
  const connection = await clusterConnection(params.cluster);
  const client = connection.clientAs(user.kube);
  const { username } = await whoAmI(client, user);
  const actions = await actionPermissions(client, username, namespace, name, config.readOnly);
  return Response.json({ user: username, actions }, { headers: { 'Cache-Control': 'no-store' } });
});
