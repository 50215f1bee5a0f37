import 'server-only';
import type { ActionContext } from '../actions/action-context';
import type { ClusterConnection } from '../clusters/connection';
import { getConfig } from '../config';
import { actionContext } from '../http';
import { requestUser } from './request-user';
import { whoAmI } from './who-am-i';

/**
 * The action context of one request: the cluster client acts as the requesting user (their token, or
 * impersonation through the kubeconfig's identity) so the cluster's RBAC decides, and the audit log
 * records who they are as the cluster knows them.
 */
export async function userActionContext(request: Request, connection: ClusterConnection): Promise<ActionContext> {
  const user = requestUser(request, getConfig().auth);
  const client = connection.clientAs(user.kube);
  const { username } = await whoAmI(client, user);
  return { ...actionContext(connection), client, user: username };
}
