import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer } from './api/server';
import { makeDaemonSet, makeNode, makePod, startTestServer } from './api/test-builders';
import { type SimStore } from './store';

/**
 * The real `kubectl` against the simulated API server, seeded with plain objects (no controllers):
 * what CONTRACT.md promises kubectl users, command by command. Skipped when kubectl is absent,
 * except on CI where that is a failure.
 */
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI !== 'true') {
  console.warn('kubectl-basic.test.ts: skipped, `kubectl` is not on PATH (install kubectl 1.28–1.33 to run it)');
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let store: SimStore;
let server: ApiServer;
let dir: string;

function kubectlEnv(): NodeJS.ProcessEnv {
  // A private HOME and an empty KUBECONFIG: no user config or discovery cache leaks in or out.
  return { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'kubeconfig') };
}

function kubectlArgs(args: string[]): string[] {
  return ['--server', server.url, '--cache-dir', join(dir, 'cache'), '--request-timeout=20s', ...args];
}

/** Runs kubectl to completion. */
function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('kubectl', kubectlArgs(args), { env: kubectlEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs kubectl and expects success with nothing on stderr. */
async function ok(...args: string[]): Promise<string> {
  const run = await kubectl(...args);
  expect({ args: args.join(' '), code: run.code, stderr: run.stderr }).toEqual({ args: args.join(' '), code: 0, stderr: '' });
  return run.stdout;
}

/** Splits kubectl's table output into rows of whitespace-separated cells (single spaces kept inside cells). */
function table(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
}

function manifest(name: string, image: string): string {
  return JSON.stringify({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, env: [{ name: 'A', value: '1' }] }], tolerations: [{ operator: 'Exists' }] } },
    },
  });
}

describe.runIf(hasKubectl || process.env.CI === 'true')('kubectl against the simulated API server', () => {
  beforeAll(async () => {
    expect(hasKubectl, 'kubectl must be installed on CI').toBe(true);
    ({ store, server } = await startTestServer());
    dir = mkdtempSync(join(tmpdir(), 'daemonscope-kubectl-'));
    writeFileSync(join(dir, 'kubeconfig'), '');
    store.create('nodes', makeNode('n1', { labels: { 'node-role.kubernetes.io/control-plane': '' } }));
    store.create('nodes', makeNode('n2', { ready: false }));
    const ds = store.create('daemonsets', makeDaemonSet('agent'));
    const ownerUid = ds.metadata.uid ?? '';
    store.create('pods', makePod('agent-a', { nodeName: 'n1', ownerUid }));
    store.create('pods', makePod('agent-b', { nodeName: 'n2', ownerUid, waiting: 'ImagePullBackOff' }));
    store.create('controllerrevisions', {
      metadata: { name: 'agent-7b9c', namespace: 'kube-system', labels: { app: 'agent' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ownerUid, controller: true }] },
      revision: 1, data: { spec: { template: { $patch: 'replace' } } },
    });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('get nodes, plain and wide', async () => {
    expect(table(await ok('get', 'nodes'))).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['n1', 'Ready', 'control-plane', '0s', 'v1.32.0'],
      ['n2', 'NotReady', '<none>', '0s', 'v1.32.0'],
    ]);
    expect(table(await ok('get', 'no', '-o', 'wide'))[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
  });

  it('get daemonsets, pods and controllerrevisions across namespaces and by label', async () => {
    expect(table(await ok('get', 'ds', '-A'))).toEqual([
      ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['kube-system', 'agent', '0', '0', '0', '0', '0', '<none>', '0s'],
    ]);
    expect(table(await ok('get', 'pods', '-A', '-l', 'app=agent', '-o', 'wide')).map((row) => [row[1], row[2], row[3], row[7]])).toEqual([
      ['NAME', 'READY', 'STATUS', 'NODE'],
      ['agent-a', '1/1', 'Running', 'n1'],
      ['agent-b', '0/1', 'ImagePullBackOff', 'n2'],
    ]);
    expect(table(await ok('get', 'controllerrevisions', '-n', 'kube-system'))).toEqual([
      ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
      ['agent-7b9c', 'daemonset.apps/agent', '1', '0s'],
    ]);
    const none = await kubectl('get', 'pods', '-n', 'kube-system', '-l', 'app=nothing');
    expect(none).toEqual({ code: 0, stdout: '', stderr: 'No resources found in kube-system namespace.\n' });
  });

  it('get -o json and -o yaml', async () => {
    const ds = JSON.parse(await ok('get', 'ds', 'agent', '-n', 'kube-system', '-o', 'json')) as { kind: string; metadata: { generation: number } };
    expect([ds.kind, ds.metadata.generation]).toEqual(['DaemonSet', 1]);
    const list = JSON.parse(await ok('get', 'nodes', '-o', 'json')) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((node) => node.metadata.name)).toEqual(['n1', 'n2']);
    expect(await ok('get', 'pod', 'agent-a', '-n', 'kube-system', '-o', 'yaml')).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('describe nodes, pods, daemonsets and controllerrevisions', async () => {
    expect(await ok('describe', 'node', 'n1')).toMatch(/Name:\s+n1[\s\S]*HolderIdentity:\s+n1[\s\S]*Non-terminated Pods:\s+\(1 in total\)[\s\S]*agent-a/);
    expect(await ok('describe', 'ds', 'agent', '-n', 'kube-system')).toMatch(/Name:\s+agent\nSelector:\s+app=agent[\s\S]*Pods Status:\s+1 Running \/ 1 Waiting/);
    expect(await ok('describe', 'pod', 'agent-b', '-n', 'kube-system')).toMatch(/Reason:\s+ImagePullBackOff/);
    expect(await ok('describe', 'controllerrevision', 'agent-7b9c', '-n', 'kube-system')).toMatch(/Name:\s+agent-7b9c/);
  });

  it('create -f, then AlreadyExists on a second create', async () => {
    const file = join(dir, 'created.json');
    writeFileSync(file, manifest('created', 'created:1'));
    expect(await ok('create', '-f', file)).toBe('daemonset.apps/created created\n');
    const again = await kubectl('create', '-f', file);
    expect([again.code, again.stderr]).toEqual([1, `Error from server (AlreadyExists): error when creating "${file}": daemonsets.apps "created" already exists\n`]);
  });

  it('apply -f twice, the second time with a new image', async () => {
    const file = join(dir, 'applied.json');
    writeFileSync(file, manifest('applied', 'applied:1'));
    expect(await ok('apply', '-f', file)).toBe('daemonset.apps/applied created\n');
    writeFileSync(file, manifest('applied', 'applied:2'));
    expect(await ok('apply', '-f', file)).toBe('daemonset.apps/applied configured\n');
    const ds = store.get('daemonsets', 'kube-system', 'applied') as unknown as { metadata: { generation: number; annotations: Record<string, string> }; spec: { template: { spec: { containers: { image: string; env: unknown }[] } } } };
    expect([ds.metadata.generation, ds.spec.template.spec.containers[0]?.image, ds.spec.template.spec.containers[0]?.env]).toEqual([2, 'applied:2', [{ name: 'A', value: '1' }]]);
    expect(ds.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('applied:2');
    expect(await ok('apply', '-f', file)).toBe('daemonset.apps/applied unchanged\n');
  });

  it('label, taint (add and remove), cordon and uncordon', async () => {
    expect(await ok('label', 'node', 'n1', 'zone=a')).toBe('node/n1 labeled\n');
    expect(await ok('get', 'nodes', '-l', 'zone=a', '-o', 'name')).toBe('node/n1\n');
    expect(await ok('taint', 'node', 'n1', 'dedicated=edge:NoSchedule')).toBe('node/n1 tainted\n');
    expect(store.get('nodes', undefined, 'n1')?.spec).toMatchObject({ taints: [{ key: 'dedicated', value: 'edge', effect: 'NoSchedule' }] });
    expect(await ok('taint', 'node', 'n1', 'dedicated-')).toBe('node/n1 untainted\n');
    expect((store.get('nodes', undefined, 'n1')?.spec as { taints?: unknown[] }).taints ?? []).toEqual([]);
    expect(await ok('cordon', 'n1')).toBe('node/n1 cordoned\n');
    expect(table(await ok('get', 'node', 'n1'))[1]?.[1]).toBe('Ready,SchedulingDisabled');
    expect(await ok('uncordon', 'n1')).toBe('node/n1 uncordoned\n');
    expect(store.get('nodes', undefined, 'n1')?.spec).not.toMatchObject({ unschedulable: true });
  });

  it('set image', async () => {
    expect(await ok('set', 'image', 'ds/agent', '-n', 'kube-system', 'main=agent:2')).toBe('daemonset.apps/agent image updated\n');
    const ds = store.get('daemonsets', 'kube-system', 'agent');
    expect([ds?.metadata.generation, ds?.metadata.annotations?.['deprecated.daemonset.template.generation']]).toEqual([2, '2']);
  });

  it('get --watch prints the list, then a row per change', async () => {
    const child = spawn('kubectl', kubectlArgs(['get', 'nodes', '--watch']), { env: kubectlEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const waitFor = async (lines: number): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (stdout.trim().split('\n').length < lines && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    try {
      await waitFor(3);
      store.update('nodes', makeNode('n2', { ready: true }), { subresource: 'status' });
      await waitFor(4);
    } finally {
      child.kill();
    }
    expect(table(stdout).map((row) => row.slice(0, 2))).toEqual([['NAME', 'STATUS'], ['n1', 'Ready'], ['n2', 'NotReady'], ['n2', 'Ready']]);
    expect(stderr).toBe('');
  });

  it('delete a DaemonSet (its pods are garbage-collected) and a pod; NotFound afterwards', async () => {
    expect(await ok('delete', 'ds', 'agent', '-n', 'kube-system', '--wait=false')).toBe('daemonset.apps "agent" deleted\n');
    expect(store.list('pods').items.every((pod) => pod.metadata.deletionTimestamp !== undefined)).toBe(true);
    expect(await ok('delete', 'pod', 'agent-a', '-n', 'kube-system', '--grace-period=0', '--wait=false')).toBe('pod "agent-a" deleted\n');
    const missing = await kubectl('get', 'ds', 'agent', '-n', 'kube-system');
    expect([missing.code, missing.stderr]).toEqual([1, 'Error from server (NotFound): daemonsets.apps "agent" not found\n']);
  });
});
