import 'server-only';

/**
 * Every Kubernetes API call the dashboard makes with its own identity, in RBAC's terms. deploy/rbac.yaml
 * must grant exactly these (server/deploy-manifests.test.ts checks both directions, and that no REST
 * path in server/ names a resource missing here), so a new call cannot ship without its permission.
 */
export interface KubeApiCall {
  verb: 'get' | 'list' | 'watch' | 'create' | 'patch' | 'delete';
  /** The API group; '' is the core group. */
  group: string;
  resource: string;
  /** The module that makes the call, for whoever reviews the role. */
  by: string;
}

const watched = (group: string, resource: string): KubeApiCall[] =>
  (['list', 'watch'] as const).map((verb) => ({ verb, group, resource, by: 'server/watch/resources.ts (fleet list+watch)' }));

/** See the module comment. */
export const KUBE_API_CALLS: readonly KubeApiCall[] = [
  ...watched('', 'nodes'),
  ...watched('', 'pods'),
  ...watched('apps', 'daemonsets'),
  ...watched('apps', 'controllerrevisions'),
  { verb: 'list', group: '', resource: 'events', by: 'server/detail/events.ts (DaemonSet and node events)' },
  { verb: 'get', group: 'apps', resource: 'daemonsets', by: 'server/actions/action-context.ts (fresh read before an action)' },
  { verb: 'list', group: 'apps', resource: 'controllerrevisions', by: 'server/actions/action-context.ts (rollback target)' },
  { verb: 'patch', group: 'apps', resource: 'daemonsets', by: 'server/actions/daemonset-action.ts (rollback, pause, resume, restart, OnDelete advance)' },
  { verb: 'get', group: '', resource: 'pods', by: 'server/actions/pod-delete.ts (precondition read)' },
  { verb: 'delete', group: '', resource: 'pods', by: 'server/actions/pod-delete.ts' },
  { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', by: 'server/auth/can-i.ts' },
  { verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews', by: 'server/auth/who-am-i.ts (token sign-in)' },
];
