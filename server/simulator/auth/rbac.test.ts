import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';
import { authorize, BUILTIN_ROLES, forbiddenMessage, type SimAttributes, type SimRoleBinding } from './rbac';
import { requestAttributes } from './request-attributes';

const user = (username: string, ...groups: string[]) => ({ username, groups: [...groups, 'system:authenticated'] });
const attrs = (verb: string, resource: string, more: Partial<SimAttributes> = {}): SimAttributes => ({ verb, apiGroup: resource === 'daemonsets' ? 'apps' : '', resource, ...more });
const clusterBinding = (name: string, role: string, kind: 'User' | 'Group', subject: string): SimRoleBinding => ({ name, role, subjects: [{ kind, name: subject }] });

const bindings: SimRoleBinding[] = [
  clusterBinding('viewers', 'view', 'Group', 'viewers'),
  clusterBinding('admin', 'cluster-admin', 'User', 'admin'),
  { name: 'team-edit', role: 'edit', namespace: 'team', subjects: [{ kind: 'User', name: 'dev' }] },
  clusterBinding('impersonator', 'impersonator', 'User', 'dashboard'),
];
const roles = [...BUILTIN_ROLES, { name: 'impersonator', rules: [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }] }];

describe('authorize', () => {
  it.each([
    ['a viewer reads', user('v', 'viewers'), attrs('list', 'daemonsets', { namespace: 'default' }), true],
    ['a viewer may not patch', user('v', 'viewers'), attrs('patch', 'daemonsets', { namespace: 'default', name: 'x' }), false],
    ['an admin patches', user('admin'), attrs('patch', 'daemonsets', { namespace: 'default', name: 'x' }), true],
    ['a RoleBinding applies in its namespace', user('dev'), attrs('delete', 'pods', { namespace: 'team', name: 'p' }), true],
    ['and only there', user('dev'), attrs('delete', 'pods', { namespace: 'other', name: 'p' }), false],
    ['edit does not cover nodes', user('dev'), attrs('patch', 'nodes', { namespace: 'team', name: 'n' }), false],
    ['system:masters is always allowed', user('root', 'system:masters'), attrs('delete', 'nodes', { name: 'n' }), true],
    ['anyone authenticated may ask about themselves', user('nobody'), attrs('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }), true],
    ['but not about others', user('nobody'), attrs('create', 'subjectaccessreviews', { apiGroup: 'authorization.k8s.io' }), false],
    ['discovery is open to the authenticated', user('nobody'), { verb: 'get', apiGroup: '', resource: '', path: '/apis' }, true],
    ['an unknown user has no rights', user('nobody'), attrs('get', 'pods', { namespace: 'default', name: 'p' }), false],
  ])('%s', (_name, who, attributes, allowed) => {
    expect(authorize(who, attributes, roles, bindings).allowed).toBe(allowed);
  });

  it('names the binding that allowed, like upstream RBAC', () => {
    expect(authorize(user('admin'), attrs('get', 'pods'), roles, bindings).reason).toBe('RBAC: allowed by ClusterRoleBinding "admin" of ClusterRole "cluster-admin" to User "admin"');
  });

  it('resourceNames restrict a rule to those objects', () => {
    const named = [{ name: 'one', rules: [{ verbs: ['patch'], apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['a'] }] }];
    const grant = [clusterBinding('b', 'one', 'User', 'u')];
    expect(authorize(user('u'), attrs('patch', 'daemonsets', { name: 'a' }), named, grant).allowed).toBe(true);
    expect(authorize(user('u'), attrs('patch', 'daemonsets', { name: 'b' }), named, grant).allowed).toBe(false);
  });
});

describe('forbiddenMessage', () => {
  it.each([
    [attrs('patch', 'daemonsets', { namespace: 'default', name: 'x' }), 'daemonsets.apps "x" is forbidden: User "viewer" cannot patch resource "daemonsets" in API group "apps" in the namespace "default"'],
    [attrs('list', 'nodes'), 'nodes is forbidden: User "viewer" cannot list resource "nodes" in API group "" at the cluster scope'],
    [attrs('create', 'pods', { namespace: 'ns', name: 'p', subresource: 'eviction' }), 'pods "p" is forbidden: User "viewer" cannot create resource "pods/eviction" in API group "" in the namespace "ns"'],
    [{ verb: 'get', apiGroup: '', resource: '', path: '/version' }, 'forbidden: User "viewer" cannot get path "/version"'],
  ])('%j', (attributes, message) => {
    expect(forbiddenMessage('viewer', attributes)).toBe(message);
  });
});

describe('requestAttributes', () => {
  const q = (query = '') => new URLSearchParams(query);
  it.each([
    ['PATCH', '/apis/apps/v1/namespaces/default/daemonsets/x', '', { verb: 'patch', apiGroup: 'apps', resource: 'daemonsets', namespace: 'default', name: 'x' }],
    ['GET', '/api/v1/pods', 'watch=true', { verb: 'watch', apiGroup: '', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/kube-system/pods', '', { verb: 'list', resource: 'pods', namespace: 'kube-system' }],
    ['DELETE', '/api/v1/namespaces/a/pods/p', '', { verb: 'delete', resource: 'pods', name: 'p' }],
    ['POST', '/api/v1/namespaces/a/pods/p/eviction', '', { verb: 'create', resource: 'pods', subresource: 'eviction' }],
    ['GET', '/api/v1/namespaces/a', '', { verb: 'get', resource: 'namespaces', namespace: 'a', name: 'a' }],
    ['GET', '/version', '', { verb: 'get', path: '/version' }],
  ])('%s %s?%s', (method, path, query, expected) => {
    expect(requestAttributes(method, path, q(query))).toMatchObject(expected);
  });
});

describe('authenticate', () => {
  const auth = { tokens: { 'v-token': { username: 'viewer', groups: ['viewers'] }, 'd-token': { username: 'dashboard' } }, bindings };
  it('a known token is its user, plus system:authenticated', () => {
    expect(authenticate({ authorization: 'Bearer v-token' }, auth, roles)).toEqual({ ok: true, user: { username: 'viewer', groups: ['viewers', 'system:authenticated'] } });
  });
  it.each([[{}], [{ authorization: 'Bearer nope' }], [{ authorization: 'Basic v-token' }], [{ authorization: 'Bearer constructor' }]])('401 for %j', (headers) => {
    expect(authenticate(headers, auth, roles)).toMatchObject({ ok: false, code: 401, message: 'Unauthorized' });
  });
  it('impersonation acts as the named user and groups when allowed', () => {
    const outcome = authenticate({ authorization: 'Bearer d-token', 'impersonate-user': 'alice', 'impersonate-group': ['viewers', 'ops'] }, auth, roles);
    expect(outcome).toEqual({ ok: true, user: { username: 'alice', groups: ['viewers', 'ops', 'system:authenticated'] } });
  });
  it('impersonation without the impersonate verb is forbidden, in the API server words', () => {
    expect(authenticate({ authorization: 'Bearer v-token', 'impersonate-user': 'admin' }, auth, roles)).toEqual({
      ok: false, code: 403, details: { name: 'admin', kind: 'users' },
      message: 'users "admin" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
  });
  it('each Impersonate-Group line is one group, commas included', () => {
    const outcome = authenticate({ authorization: 'Bearer d-token', 'impersonate-user': 'alice', 'impersonate-group': ['a, b'] }, auth, roles);
    expect(outcome).toMatchObject({ ok: true, user: { groups: ['a, b', 'system:authenticated'] } });
  });

  it('groups without a user are refused', () => {
    expect(authenticate({ authorization: 'Bearer d-token', 'impersonate-group': 'x' }, auth, roles)).toMatchObject({ ok: false, code: 403 });
  });
});
