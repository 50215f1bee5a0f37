import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KUBE_API_CALLS } from './clusters/api-calls';
import { startSimulatedCluster, type SimulatedCluster } from './simulator/cluster';

/* The deploy/ manifests must be objects kubectl accepts: a client-side dry run against the simulated
   cluster maps each one's apiVersion and kind through discovery, without creating anything. The
   simulator serves no OpenAPI, so schema validation is off (--validate=false); the hardening tests
   below check the fields that matter. Its discovery lists only what it simulates, so a small shim in
   front of it adds the kinds deploy/ uses (Services, Deployments, RBAC) to the discovery answers. */

const run = promisify(execFile);
const DEPLOY_DIR = join(import.meta.dirname, '..', 'deploy');

async function kubectlAvailable(): Promise<boolean> {
  try {
    await run('kubectl', ['version', '--client'], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const available = await kubectlAvailable();
if (!available && process.env.CI === 'true') throw new Error('kubectl is required when CI=true (deploy/ manifests are checked with it)');
if (!available) console.warn('[deploy-manifests] kubectl not found: skipping the kubectl dry run of deploy/');

type Manifest = { kind?: string; metadata?: { name?: string; namespace?: string } };

/** Every object in deploy/, parsed as YAML. */
async function manifests(): Promise<Manifest[]> {
  const { readFile } = await import('node:fs/promises');
  const files = (await readdir(DEPLOY_DIR)).filter((file) => file.endsWith('.yaml'));
  const texts = await Promise.all(files.map((file) => readFile(join(DEPLOY_DIR, file), 'utf8')));
  return texts.flatMap((text) => parseAllDocuments(text).map((doc) => doc.toJS() as Manifest)).filter((object) => object !== null);
}

const resource = (name: string, kind: string, namespaced: boolean) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['create', 'get', 'list'] });
const EXTRA_RESOURCES: Record<string, ReturnType<typeof resource>[]> = {
  '/api/v1': [resource('services', 'Service', true), resource('serviceaccounts', 'ServiceAccount', true), resource('namespaces', 'Namespace', false)],
  '/apis/apps/v1': [resource('deployments', 'Deployment', true)],
  '/apis/rbac.authorization.k8s.io/v1': [resource('clusterroles', 'ClusterRole', false), resource('clusterrolebindings', 'ClusterRoleBinding', false)],
};
const RBAC_VERSION = { groupVersion: 'rbac.authorization.k8s.io/v1', version: 'v1' };
const RBAC_GROUP = { name: 'rbac.authorization.k8s.io', versions: [RBAC_VERSION], preferredVersion: RBAC_VERSION };

/** Forwards to the simulator, adding EXTRA_RESOURCES (and the RBAC group) to its discovery answers. */
function startDiscoveryShim(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void augmentedAnswer(target, path).then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function augmentedAnswer(target: string, path: string): Promise<{ status: number; body: unknown }> {
  if (path === '/apis/rbac.authorization.k8s.io/v1') return { status: 200, body: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: RBAC_VERSION.groupVersion, resources: EXTRA_RESOURCES[path] } };
  const response = await fetch(`${target}${path}`, { headers: { accept: 'application/json' } });
  const body = (await response.json()) as { groups?: unknown[]; resources?: unknown[] };
  if (path === '/apis' && body.groups !== undefined) body.groups = [...body.groups, RBAC_GROUP];
  const extra = EXTRA_RESOURCES[path];
  if (extra !== undefined && body.resources !== undefined) body.resources = [...body.resources, ...extra.filter((entry) => !body.resources?.some((known) => (known as { name?: string }).name === entry.name))];
  return { status: response.status, body };
}

describe.skipIf(!available)('deploy/ manifests under kubectl create --dry-run=client', () => {
  let sim: SimulatedCluster;
  let shim: Server;
  let home: string;

  beforeAll(async () => {
    sim = await startSimulatedCluster({ scenario: 'empty' });
    shim = await startDiscoveryShim(sim.url);
    home = await mkdtemp(join(tmpdir(), 'deploy-manifests-'));
    await writeFile(join(home, 'kubeconfig'), '');
  });

  afterAll(async () => {
    await new Promise((resolve) => shim?.close(resolve));
    await sim?.close();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('accepts every object in deploy/', async () => {
    const env = { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') };
    const args = ['create', '--dry-run=client', '--validate=false', '-f', DEPLOY_DIR, '-o', 'name', '--server', `http://127.0.0.1:${(shim.address() as AddressInfo).port}`, '--cache-dir', join(home, 'cache')];
    const { stdout } = await run('kubectl', args, { env, timeout: 60_000 });
    const created = stdout.trim().split('\n').sort();
    const expected = (await manifests()).map((object) => `${kubectlResource(object.kind ?? '')}/${object.metadata?.name ?? ''}`).sort();
    expect(created).toEqual(expected);
  });
});

// kubectl names objects `<resource>.<group>/<name>`; the resource is the kind's plural, lowercased.
function kubectlResource(kind: string): string {
  const resources: Record<string, string> = {
    Namespace: 'namespace',
    ServiceAccount: 'serviceaccount',
    ClusterRole: 'clusterrole.rbac.authorization.k8s.io',
    ClusterRoleBinding: 'clusterrolebinding.rbac.authorization.k8s.io',
    Deployment: 'deployment.apps',
    Service: 'service',
  };
  return resources[kind] ?? `unknown-kind-${kind}`;
}

describe('deploy/ manifests hold the hardening the image relies on', () => {
  it.each([
    ['runs as uid 65532, never root', (d: Deployment) => d.pod.securityContext?.runAsNonRoot === true && d.pod.securityContext.runAsUser === 65532],
    ['read-only root filesystem', (d: Deployment) => d.container.securityContext?.readOnlyRootFilesystem === true],
    ['no privilege escalation', (d: Deployment) => d.container.securityContext?.allowPrivilegeEscalation === false],
    ['drops ALL capabilities', (d: Deployment) => d.container.securityContext?.capabilities?.drop?.includes('ALL') === true],
    ['an emptyDir at /tmp', (d: Deployment) => d.container.volumeMounts?.some((mount) => mount.mountPath === '/tmp') === true],
    ['liveness /api/healthz', (d: Deployment) => d.container.livenessProbe?.httpGet?.path === '/api/healthz'],
    ['readiness /api/readyz', (d: Deployment) => d.container.readinessProbe?.httpGet?.path === '/api/readyz'],
    ['no demo, audit log in /tmp, listens on 0.0.0.0', (d: Deployment) => envOf(d).DAEMONSCOPE_NO_DEMO === '1' && envOf(d).DAEMONSCOPE_AUDIT_LOG?.startsWith('/tmp/') === true && envOf(d).HOSTNAME === '0.0.0.0'],
    ['memory limit set', (d: Deployment) => d.container.resources?.limits?.memory !== undefined],
    // Listening on every address in local mode would hand the ServiceAccount's rights to whoever reaches the Service.
    ['token mode: users act with their own tokens', (d: Deployment) => envOf(d).DAEMONSCOPE_AUTH_MODE === 'token'],
  ])('%s', async (_label, holds) => {
    expect(holds(await deployment())).toBe(true);
  });

  it('the ClusterRole grants exactly the calls the server makes (KUBE_API_CALLS), nothing more', async () => {
    const granted = (await clusterRole()).rules.flatMap((rule) => rule.apiGroups.flatMap((group) => rule.resources.flatMap((resource) => rule.verbs.map((verb) => `${verb} ${group}/${resource}`))));
    const made = KUBE_API_CALLS.map((call) => `${call.verb} ${call.group}/${call.resource}`);
    expect(new Set(granted).size).toBe(granted.length);
    expect([...granted].sort()).toEqual([...new Set(made)].sort());
  });

  it('the ClusterRole writes only by patching DaemonSets, deleting pods and creating self-reviews', async () => {
    const writes = (await clusterRole()).rules.flatMap((rule) => rule.verbs.filter((verb) => !['get', 'list', 'watch'].includes(verb)).flatMap((verb) => rule.resources.map((resource) => `${verb} ${resource}`)));
    expect(writes.sort()).toEqual(['create selfsubjectaccessreviews', 'create selfsubjectreviews', 'delete pods', 'patch daemonsets']);
  });

  it('every Kubernetes REST path in server/ and app/ names a resource of KUBE_API_CALLS', async () => {
    const listed = new Set(KUBE_API_CALLS.map((call) => `${call.group}/${call.resource}`));
    const named = await restResourcesInSources();
    expect(named.size).toBeGreaterThanOrEqual(6);
    expect([...named].filter((resource) => !listed.has(resource))).toEqual([]);
  });

  it('nothing binds the impersonation role', async () => {
    const bindings = (await manifests()).filter((object) => object.kind === 'ClusterRoleBinding') as Array<{ roleRef?: { name?: string } }>;
    expect(bindings.map((binding) => binding.roleRef?.name)).toEqual(['daemonscope']);
  });
});

interface Rule {
  apiGroups: string[];
  verbs: string[];
  resources: string[];
}

async function clusterRole(): Promise<{ rules: Rule[] }> {
  const role = (await manifests()).find((object) => object.kind === 'ClusterRole' && object.metadata?.name === 'daemonscope') as { rules?: Rule[] } | undefined;
  return { rules: role?.rules ?? [] };
}

/** `group/resource` of every REST path literal (`/api/v1/...`, `/apis/G/V/...`) in the dashboard's own code. */
async function restResourcesInSources(): Promise<Set<string>> {
  const { readFile } = await import('node:fs/promises');
  const root = join(import.meta.dirname, '..');
  const files = (await Promise.all(['server', 'app'].map((dir) => readdir(join(root, dir), { recursive: true }))))
    .flatMap((names, index) => names.map((name) => join(root, index === 0 ? 'server' : 'app', name)))
    // The simulator serves the API rather than calling it; tests and the fake API server are not the dashboard.
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.includes(`${join('server', 'simulator')}`) && !file.endsWith('fake-watch-server.ts'));
  const found = new Set<string>();
  for (const file of files) {
    for (const [, group, rest] of (await readFile(file, 'utf8')).matchAll(/['`]\/(?:api\/v1|apis\/([a-z0-9.-]+)\/v[0-9a-z]+)\/([^'`]*)['`]/g)) {
      const segments = (rest ?? '').split('/');
      const resource = segments[0] === 'namespaces' && segments.length > 2 ? segments[2] : segments[0];
      found.add(`${group ?? ''}/${resource ?? ''}`);
    }
  }
  return found;
}
interface Container {
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: Array<{ mountPath: string }>;
  livenessProbe?: { httpGet?: { path?: string } };
  readinessProbe?: { httpGet?: { path?: string } };
  env?: Array<{ name: string; value?: string }>;
  resources?: { limits?: { memory?: string } };
}
interface Deployment {
  pod: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number } };
  container: Container;
}

async function deployment(): Promise<Deployment> {
  const object = (await manifests()).find((candidate) => candidate.kind === 'Deployment') as { spec?: { template?: { spec?: { securityContext?: Deployment['pod']['securityContext']; containers?: Container[] } } } } | undefined;
  const pod = object?.spec?.template?.spec;
  const container = pod?.containers?.[0];
  if (pod === undefined || container === undefined) throw new Error('deploy/ has no Deployment with a container');
  return { pod, container };
}

function envOf(d: Deployment): Record<string, string | undefined> {
  return Object.fromEntries((d.container.env ?? []).map((variable) => [variable.name, variable.value]));
}
