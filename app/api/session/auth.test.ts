/* End to end: route handlers against a simulated cluster with tokens and RBAC on, in token and proxy modes. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as canI } from '@/app/api/c/[cluster]/can-i/route';
import { POST as daemonSetAction } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/[action]/route';
import { GET as daemonSetDetail } from '@/app/api/c/[cluster]/daemonsets/[ns]/[name]/route';
import { POST as login } from '@/app/api/session/login/route';
import { POST as logout } from '@/app/api/session/logout/route';
import { GET as session } from '@/app/api/session/route';
import { PEER_HEADER } from '@/server/auth/peer-trust';
import { sessionCookie } from '@/server/auth/session-cookie';
import { setRegistry } from '@/server/clusters/global-registry';
import { ClusterRegistry } from '@/server/clusters/registry';
import { kubeConfigForUrl } from '@/server/clusters/url-access';
import { kubeConfigWithToken } from '@/server/clusters/user-identity';
import { parseConfig, setConfig, type AuthConfig, type ServerConfig } from '@/server/config';
import { startSimulatedCluster, type SimulatedCluster } from '@/server/simulator/cluster';

const ORIGIN = 'http://127.0.0.1:3000';
const SECRETS = { viewer: 'viewer-secret-0123456789', admin: 'admin-secret-9876543210', dashboard: 'dashboard-secret-555', operator: 'operator-secret-24680' };
const NS = 'kube-system';
const DS = 'node-agent';
let sim: SimulatedCluster;
let registry: ClusterRegistry;
let config: ServerConfig;
let csrf = '';
/** Every response body and log line of the run, searched for tokens at the end. */
const seen: string[] = [];

const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const cookieOf = (setCookie: string) => setCookie.split(';')[0] ?? '';
type Json = Record<string, unknown>;

function request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; cookies?: string[] } = {}): Request {
  const cookie = [`daemonscope-csrf=${csrf}`, ...(init.cookies ?? [])].join('; ');
  const headers = { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'x-csrf-token': csrf, 'content-type': 'application/json', cookie, ...init.headers };
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function read(response: Response) {
  const text = await response.text();
  seen.push(text);
  return { status: response.status, json: JSON.parse(text) as Json, setCookie: response.headers.get('set-cookie') };
}

const action = async (name: string, body: Json, init: Parameters<typeof request>[1] = {}) =>
  read(await daemonSetAction(request(`/api/c/demo/daemonsets/${NS}/${DS}/${name}`, { ...init, method: 'POST', body }), params({ cluster: 'demo', ns: NS, name: DS, action: name })));

async function signIn(token: string) {
  const answer = await read(await login(request('/api/session/login', { method: 'POST', body: { token } }), params({})));
  const cookie = answer.setCookie?.split(';')[0];
  return { ...answer, cookie };
}

const auditLines = async () => (await readFile(config.auditLogPath, 'utf8').catch(() => '')).trim().split('\n').filter((line) => line !== '');
const liveVersion = () => sim.store.get('daemonsets', NS, DS)?.metadata.resourceVersion;
const useAuth = (auth: Partial<AuthConfig>) => setConfig({ ...config, auth: { ...config.auth, ...auth } });

beforeAll(async () => {
  for (const method of ['log', 'warn', 'error', 'info'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void seen.push(args.map(String).join(' ')));
  }
  sim = await startSimulatedCluster({
    scenario: 'demo',
    speed: 20,
    auth: {
      tokens: { [SECRETS.viewer]: { username: 'viewer', groups: ['viewers'] }, [SECRETS.admin]: { username: 'admin' }, [SECRETS.dashboard]: { username: 'daemonscope' }, [SECRETS.operator]: { username: 'olga', groups: ['viewers'] } },
      roles: [{ name: 'impersonator', rules: [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }] }],
      bindings: [
        { name: 'viewers', role: 'view', subjects: [{ kind: 'Group', name: 'viewers' }, { kind: 'User', name: 'daemonscope' }] },
        { name: 'admin', role: 'cluster-admin', subjects: [{ kind: 'User', name: 'admin' }] },
        { name: 'deployers', role: 'edit', namespace: NS, subjects: [{ kind: 'Group', name: 'deployers' }] },
        { name: 'dashboard-impersonates', role: 'impersonator', subjects: [{ kind: 'User', name: 'daemonscope' }] },
      ],
    },
  });
  const dir = await mkdtemp(join(tmpdir(), 'auth-routes-'));
  config = parseConfig({ DAEMONSCOPE_AUTH_MODE: 'token' }, { cwd: dir, home: dir, fileExists: () => false });
  setConfig(config);
  // The dashboard's own identity (watches) is a read-only token that may impersonate: what deploy/ grants it.
  const kc = kubeConfigWithToken(kubeConfigForUrl('demo', sim.url), SECRETS.dashboard);
  registry = new ClusterRegistry([{ name: 'demo', source: 'demo', access: async () => ({ kc, now: () => sim.clock.now() }) }], { progressDeadlineSeconds: 600 });
  setRegistry(registry);
  csrf = ((await read(await session(request('/api/session'), params({})))).json.csrfToken as string) ?? '';
  for (let i = 0; i < 200 && !(await registry.ready()).ready; i++) await new Promise((resolve) => setTimeout(resolve, 50));
});

afterEach(() => setConfig(config));

afterAll(async () => {
  await registry?.close();
  setRegistry(undefined);
  await sim?.close();
  vi.restoreAllMocks();
});

describe('token mode', () => {
  it('mutations need a signed-in session; a token the cluster does not know is refused', async () => {
    expect(await action('restart', {})).toMatchObject({ status: 401, json: { reason: 'Unauthorized' } });
    const bad = await signIn('not-a-known-token');
    expect(bad).toMatchObject({ status: 401, setCookie: null, json: { message: 'cluster "demo" did not accept this token' } });
    expect((await signIn('has spaces')).status).toBe(422);
  });

  it('cluster data is shown only to a signed-in user', async () => {
    const detail = (cookies: string[] = []) =>
      daemonSetDetail(request(`/api/c/demo/daemonsets/${NS}/${DS}`, { cookies }), params({ cluster: 'demo', ns: NS, name: DS }));
    const anonymous = await read(await detail());
    expect(anonymous.status).toBe(401);
    const { cookie } = await signIn(SECRETS.viewer);
    expect((await read(await detail(cookie === undefined ? [] : [cookie]))).status).toBe(200);
  });

  it('sign-in keeps the token in an HttpOnly SameSite=Strict cookie and answers only the user', async () => {
    const viewer = await signIn(SECRETS.viewer);
    expect(viewer).toMatchObject({ status: 200, json: { user: 'viewer', groups: ['viewers', 'system:authenticated'] } });
    expect(viewer.setCookie).toMatch(/^daemonscope-session=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await read(await session(request('/api/session', { cookies: [viewer.cookie ?? ''] }), params({})));
    expect(me.json).toMatchObject({ authMode: 'token', signedIn: true, user: 'viewer' });
    const out = await read(await logout(request('/api/session/logout', { method: 'POST', cookies: [viewer.cookie ?? ''] }), params({})));
    expect(out.setCookie).toMatch(/^daemonscope-session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
  });

  it('after a reload the session names the user the cluster gives the cookie token, even one this server never signed in', async () => {
    const me = async (cookie: string) => read(await session(request('/api/session', { cookies: [cookie] }), params({})));
    // No sign-in through this process, as after a server restart: only the cluster can name the token.
    const operator = cookieOf(sessionCookie(SECRETS.operator, false, 'demo'));
    expect(await me(operator)).toMatchObject({ status: 200, json: { authMode: 'token', signedIn: true, user: 'olga' } });
    // The cluster part only says whom to ask; an unknown one falls back to the default judge, which names the same user.
    expect((await me(cookieOf(sessionCookie(SECRETS.operator, false, 'no-such-cluster')))).json).toMatchObject({ user: 'olga' });
    expect((await me(cookieOf(sessionCookie(SECRETS.operator, false)))).json).toMatchObject({ user: 'olga' });
    // A token the cluster refuses leaves the session unnamed, as before; the data routes' 401 sends the user to sign in.
    const refused = await me(cookieOf(sessionCookie('not-a-known-token', false, 'demo')));
    expect(refused).toMatchObject({ status: 200, json: { authMode: 'token', signedIn: true, user: null } });
  });

  it('a viewer is refused a rollback with the API server message; an admin is allowed; the audit log names both', async () => {
    const admin = (await signIn(SECRETS.admin)).cookie ?? '';
    const viewer = (await signIn(SECRETS.viewer)).cookie ?? '';
    expect((await action('restart', {}, { cookies: [admin] })).status).toBe(200);
    await expect
      .poll(async () => {
        const detail = await daemonSetDetail(request(`/x`, { cookies: [admin] }), params({ cluster: 'demo', ns: NS, name: DS }));
        return ((await read(detail)).json.revisions as unknown[] | undefined)?.length ?? 0;
      }, { timeout: 10_000 })
      .toBeGreaterThan(1);
    const before = liveVersion();
    const refused = await action('rollback', {}, { cookies: [viewer] });
    expect(refused).toMatchObject({ status: 403, json: { kind: 'Status', reason: 'Forbidden', code: 403 } });
    expect(refused.json.message).toBe(`daemonsets.apps "${DS}" is forbidden: User "viewer" cannot patch resource "daemonsets" in API group "apps" in the namespace "${NS}"`);
    expect(liveVersion()).toBe(before);
    expect(await action('rollback', {}, { cookies: [admin] })).toMatchObject({ status: 200, json: { ok: true } });
    expect(liveVersion()).not.toBe(before);
    const lines = (await auditLines()).map((line) => JSON.parse(line) as Json);
    expect(lines.filter((line) => line.action === 'rollback').map((line) => [line.user, String(line.result).split(':')[0]])).toEqual([['viewer', 'Forbidden'], ['admin', 'ok']]);
  });

  it('can-i disables what RBAC refuses, with the reason', async () => {
    const viewer = (await signIn(SECRETS.viewer)).cookie ?? '';
    const admin = (await signIn(SECRETS.admin)).cookie ?? '';
    const ask = async (cookie: string) => read(await canI(request(`/api/c/demo/can-i?ns=${NS}&name=${DS}`, { cookies: [cookie] }), params({ cluster: 'demo' })));
    const forViewer = await ask(viewer);
    expect(forViewer.json).toMatchObject({ user: 'viewer', actions: { rollback: { allowed: false }, 'delete-pod': { allowed: false } } });
    expect(forViewer.json.actions).toHaveProperty('pause.reason', `daemonsets.apps "${DS}" is forbidden: User "viewer" cannot patch resource "daemonsets" in API group "apps" in the namespace "${NS}"`);
    expect((await ask(admin)).json).toMatchObject({ user: 'admin', actions: { rollback: { allowed: true }, restart: { allowed: true }, 'delete-pod': { allowed: true } } });
    expect((await read(await canI(request(`/api/c/demo/can-i?ns=${NS}`), params({ cluster: 'demo' })))).status).toBe(401);
  });
});

describe('proxy mode', () => {
  const trusted = { [PEER_HEADER]: '10.0.0.5' };
  const proxyAuth = { mode: 'proxy' as const, proxyTrusted: ['10.0.0.0/24'], peerStamped: true };

  it('from the trusted proxy: the user and groups act through impersonation, and the audit log names the user', async () => {
    useAuth(proxyAuth);
    const asViewer = await action('restart', {}, { headers: { ...trusted, 'x-forwarded-user': 'vera', 'x-forwarded-groups': 'viewers' } });
    expect(asViewer).toMatchObject({ status: 403, json: { message: expect.stringContaining('User "vera" cannot patch resource "daemonsets"') } });
    const asAdmin = await action('restart', {}, { headers: { ...trusted, 'x-forwarded-user': 'admin' } });
    expect(asAdmin.status).toBe(200);
    const last = JSON.parse((await auditLines()).at(-1) ?? '{}') as Json;
    expect(last).toMatchObject({ user: 'admin', action: 'restart', result: 'ok' });
  });

  it('every group reaches the API server as its own Impersonate-Group line (a RoleBinding of the second one applies)', async () => {
    useAuth(proxyAuth);
    const asDeployer = await action('restart', {}, { headers: { ...trusted, 'x-forwarded-user': 'dora', 'x-forwarded-groups': 'ops, deployers' } });
    expect(asDeployer.status).toBe(200);
    const canDeploy = await read(await canI(request(`/api/c/demo/can-i?ns=${NS}&name=${DS}`, { headers: { ...trusted, 'x-forwarded-user': 'dora', 'x-forwarded-groups': 'ops,deployers' } }), params({ cluster: 'demo' })));
    expect(canDeploy.json).toMatchObject({ user: 'dora', actions: { restart: { allowed: true }, 'delete-pod': { allowed: true } } });
  });

  it('ignores user headers from an untrusted address or without a stamped peer', async () => {
    const before = liveVersion();
    useAuth(proxyAuth);
    const spoofed = await action('restart', {}, { headers: { [PEER_HEADER]: '10.9.9.9', 'x-forwarded-for': '10.0.0.5', 'x-forwarded-user': 'admin' } });
    expect(spoofed).toMatchObject({ status: 401, json: { message: expect.stringContaining('this request came from 10.9.9.9') } });
    useAuth({ ...proxyAuth, peerStamped: false });
    expect((await action('restart', {}, { headers: { ...trusted, 'x-forwarded-user': 'admin' } })).status).toBe(401);
    expect(liveVersion()).toBe(before);
  });
});

describe('secrets', () => {
  it('no token ever appears in a response body, the audit log or a log line', async () => {
    const everything = [...seen, ...(await auditLines())].join('\n');
    expect(seen.length).toBeGreaterThan(10);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});
