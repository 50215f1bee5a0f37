import 'server-only';

/** One RBAC PolicyRule, simplified: `*` in any list matches everything. */
export interface SimPolicyRule {
  verbs: string[];
  apiGroups: string[];
  /** Plural resources, or `resource/subresource`. */
  resources: string[];
  /** When set, only these object names. */
  resourceNames?: string[];
}

/** A Role or ClusterRole: a name and its rules. */
export interface SimRole {
  name: string;
  rules: SimPolicyRule[];
}

/** A subject of a binding, as in `rbac.authorization.k8s.io/v1` Subject. */
export interface SimSubject {
  kind: 'User' | 'Group';
  name: string;
}

/** A RoleBinding (with `namespace`) or ClusterRoleBinding (without) granting `role` to `subjects`. */
export interface SimRoleBinding {
  name: string;
  role: string;
  subjects: SimSubject[];
  namespace?: string;
}

/** An authenticated user as the authorizer sees it (upstream `user.Info`). */
export interface SimUserInfo {
  username: string;
  groups: string[];
}

/** What is asked (upstream `authorizer.Attributes`, resource or non-resource request). */
export interface SimAttributes {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Set for non-resource requests (`/version`, discovery). */
  path?: string;
}

/** The authorizer's answer; `reason` names the binding that allowed it (upstream RBAC wording). */
export interface SimDecision {
  allowed: boolean;
  reason: string;
}

const READ_VERBS = ['get', 'list', 'watch'];

/** The default ClusterRoles the simulated cluster knows by name (a subset of upstream's bootstrap policy). */
export const BUILTIN_ROLES: readonly SimRole[] = [
  { name: 'cluster-admin', rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] },
  { name: 'view', rules: [{ verbs: READ_VERBS, apiGroups: ['*'], resources: ['*'] }] },
  {
    name: 'edit',
    rules: [
      { verbs: READ_VERBS, apiGroups: ['*'], resources: ['*'] },
      { verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], apiGroups: ['', 'apps'], resources: ['pods', 'daemonsets', 'pods/eviction'] },
    ],
  },
];

/** Self reviews every authenticated user may create (upstream's `system:basic-user`). */
const SELF_REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectreviews', 'selfsubjectrulesreviews']);

const matches = (list: readonly string[], value: string) => list.includes('*') || list.includes(value);

/** Whether one rule covers the attributes (resource requests only). */
export function ruleAllows(rule: SimPolicyRule, attributes: SimAttributes): boolean {
  if (!matches(rule.verbs, attributes.verb) || !matches(rule.apiGroups, attributes.apiGroup)) return false;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  if (!matches(rule.resources, resource)) return false;
  if (rule.resourceNames === undefined || rule.resourceNames.length === 0) return true;
  return attributes.name !== undefined && rule.resourceNames.includes(attributes.name);
}

const boundTo = (binding: SimRoleBinding, user: SimUserInfo) =>
  binding.subjects.some((subject) => (subject.kind === 'User' ? subject.name === user.username : user.groups.includes(subject.name)));

/**
 * RBAC as upstream evaluates it: allowed when any binding of the user (or one of their groups) to a
 * role has a rule covering the request; RoleBindings apply in their own namespace only. Deny is the
 * absence of an allow, and RBAC then gives no reason (plugin/pkg/auth/authorizer/rbac/rbac.go).
 */
export function authorize(user: SimUserInfo, attributes: SimAttributes, roles: readonly SimRole[], bindings: readonly SimRoleBinding[]): SimDecision {
  if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  if (attributes.path !== undefined) {
    // Discovery, /version and health are open to every authenticated user (system:discovery, system:public-info-viewer).
    return { allowed: user.groups.includes('system:authenticated'), reason: '' };
  }
  if (attributes.apiGroup === 'authorization.k8s.io' || attributes.apiGroup === 'authentication.k8s.io') {
    if (attributes.verb === 'create' && SELF_REVIEWS.has(attributes.resource) && user.groups.includes('system:authenticated')) {
      return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"' };
    }
  }
  for (const binding of bindings) {
    if (binding.namespace !== undefined && binding.namespace !== attributes.namespace) continue;
    if (!boundTo(binding, user)) continue;
    const role = roles.find((candidate) => candidate.name === binding.role);
    if (role === undefined || !role.rules.some((rule) => ruleAllows(rule, attributes))) continue;
    const how = binding.namespace === undefined
      ? `ClusterRoleBinding "${binding.name}" of ClusterRole`
      : `RoleBinding "${binding.name}/${binding.namespace}" of ClusterRole`;
    return { allowed: true, reason: `RBAC: allowed by ${how} "${role.name}" to ${subjectText(binding, user)}` };
  }
  return { allowed: false, reason: '' };
}

function subjectText(binding: SimRoleBinding, user: SimUserInfo): string {
  const subject = binding.subjects.find((candidate) => (candidate.kind === 'User' ? candidate.name === user.username : user.groups.includes(candidate.name)));
  return subject === undefined ? '' : `${subject.kind} "${subject.name}"`;
}

/**
 * The API server's forbidden text (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
 * forbiddenMessage, wrapped by NewForbidden): `daemonsets.apps "x" is forbidden: User "viewer" cannot patch
 * resource "daemonsets" in API group "apps" in the namespace "default"`.
 */
export function forbiddenMessage(username: string, attributes: SimAttributes): string {
  if (attributes.path !== undefined) return `forbidden: User "${username}" cannot ${attributes.verb} path "${attributes.path}"`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const reason = `User "${username}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.apiGroup}" ${scope}`;
  const qualified = attributes.apiGroup === '' ? attributes.resource : `${attributes.resource}.${attributes.apiGroup}`;
  return attributes.name ? `${qualified} "${attributes.name}" is forbidden: ${reason}` : `${qualified} is forbidden: ${reason}`;
}
