import 'server-only';
import type { KubeClient } from '../clusters/kube-http';
import { DAEMONSET_ACTIONS } from '../actions/schemas';
import { describeError } from '../errors';

/** Every action button of the UI: the DaemonSet actions and deleting a daemon pod. */
export const ACTIONS = [...DAEMONSET_ACTIONS, 'delete-pod'] as const;

/** One button's verdict: whether the user may use it and, when not, why (shown beside the disabled button). */
export interface ActionPermission {
  allowed: boolean;
  reason?: string;
}

/** `GET /api/c/{cluster}/can-i` per action. */
export type ActionPermissions = Record<(typeof ACTIONS)[number], ActionPermission>;

interface Attributes {
  verb: string;
  group: string;
  resource: string;
  namespace: string;
  name?: string;
}

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/** The words the API server would refuse with, for a button disabled before the user tries. */
function refusalText(username: string, attributes: Attributes): string {
  const qualified = attributes.group === '' ? attributes.resource : `${attributes.resource}.${attributes.group}`;
  const object = attributes.name === undefined ? qualified : `${qualified} "${attributes.name}"`;
  return `${object} is forbidden: User "${username}" cannot ${attributes.verb} resource "${attributes.resource}" in API group "${attributes.group}" in the namespace "${attributes.namespace}"`;
}

async function ask(client: KubeClient, username: string, attributes: Attributes): Promise<ActionPermission> {
  try {
    const review = await client<AccessReview>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { resourceAttributes: attributes } },
    });
    if (review?.status?.allowed === true) return { allowed: true };
    const reason = review?.status?.reason;
    return { allowed: false, reason: reason !== undefined && reason !== '' ? reason : refusalText(username, attributes) };
  } catch (error) {
    // Unknown is not forbidden: the button stays usable and the API server still decides.
    return { allowed: true, reason: `could not ask the cluster (${describeError(error)}); the API server decides when you act` };
  }
}

/**
 * What `username` may do to DaemonSet `namespace/name` and its pods, asked with their own identity
 * (SelfSubjectAccessReview): the DaemonSet actions are PATCHes of the DaemonSet, deleting a pod a DELETE.
 */
export async function actionPermissions(client: KubeClient, username: string, namespace: string, name: string | undefined, readOnly: boolean): Promise<ActionPermissions> {
  if (readOnly) {
    const verdict = { allowed: false, reason: 'the server runs read-only (--read-only): mutations are disabled' };
    return Object.fromEntries(ACTIONS.map((action) => [action, verdict])) as ActionPermissions;
  }
  const [patch, deletePod] = await Promise.all([
    ask(client, username, { verb: 'patch', group: 'apps', resource: 'daemonsets', namespace, name }),
    ask(client, username, { verb: 'delete', group: '', resource: 'pods', namespace }),
  ]);
  return { rollback: patch, pause: patch, resume: patch, restart: patch, 'delete-pod': deletePod };
}
