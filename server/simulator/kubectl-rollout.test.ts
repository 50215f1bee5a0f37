import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/k8s-types';
import { startSimulatedCluster, type SimulatedCluster } from './cluster';
import { makeNode } from './controllers/testing/builders';

/*
 * Real kubectl against a running simulated cluster, its clock sped up: the rollout commands an
 * operator types must behave as on a real cluster. Needs kubectl on PATH: CI fails without it,
 * a local run skips with a message.
 */

const run = promisify(execFile);

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const hasKubectl = kubectlAvailable();
if (!hasKubectl && process.env.CI === 'true') throw new Error('kubectl is required in CI for server/simulator/kubectl-rollout.test.ts but is not on PATH');
if (!hasKubectl) console.warn('kubectl not found on PATH: skipping the kubectl conformance tests of the simulated cluster');

const MANIFEST = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: { app: agent }
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 1 }
  template:
    metadata:
      labels: { app: agent }
    spec:
      containers:
      - name: agent
        image: registry.example/agent:1.0
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge
  namespace: kube-system
spec:
  selector:
    matchLabels: { app: edge }
  template:
    metadata:
      labels: { app: edge }
    spec:
      nodeSelector: { role: edge }
      containers:
      - name: edge
        image: registry.example/edge:1.0
`;

describe.skipIf(!hasKubectl)('kubectl against the simulated cluster', () => {
  let cluster: SimulatedCluster;
  let home: string;

  const kubectl = async (...args: string[]): Promise<string> => {
    const env = { ...process.env, HOME: home, KUBECONFIG: join(home, 'kubeconfig') };
    const { stdout } = await run('kubectl', ['--server', cluster.url, '--cache-dir', join(home, 'cache'), ...args], { env, timeout: 60_000 });
    return stdout;
  };

  const podsOf = (app: string): Pod[] =>
    (cluster.store.list('pods', 'kube-system').items as unknown as Pod[]).filter((pod) => pod.metadata?.labels?.app === app && !pod.metadata.deletionTimestamp);

  const eventually = async (what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'daemonscope-kubectl-'));
    writeFileSync(join(home, 'kubeconfig'), '');
    writeFileSync(join(home, 'daemonsets.yaml'), MANIFEST);
    cluster = await startSimulatedCluster({ scenario: 'empty', speed: 20 });
    for (const name of ['n1', 'n2', 'n3']) cluster.store.create('nodes', makeNode(name));
    await kubectl('apply', '-f', join(home, 'daemonsets.yaml'));
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('set image → rollout status waits for it → history shows two revisions → undo restores the old image', async () => {
    expect(await kubectl('rollout', 'status', 'ds/agent', '-n', 'kube-system', '--timeout=60s')).toContain('daemon set "agent" successfully rolled out');
    await kubectl('set', 'image', 'ds/agent', 'agent=registry.example/agent:2.0', '-n', 'kube-system');
    const status = await kubectl('rollout', 'status', 'ds/agent', '-n', 'kube-system', '--timeout=60s');
    expect(status).toContain('daemon set "agent" successfully rolled out');
    // It returned only once the rollout was done: every live pod already runs the new image, ready.
    // (Whether a "Waiting for …" line came first depends on how fast kubectl starts, so it is not asserted.)
    const pods = podsOf('agent');
    expect(pods.map((p) => p.spec?.containers?.[0]?.image)).toEqual(Array(3).fill('registry.example/agent:2.0'));
    expect(pods.every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))).toBe(true);

    const history = await kubectl('rollout', 'history', 'ds/agent', '-n', 'kube-system');
    expect(history).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');

    expect(await kubectl('rollout', 'undo', 'ds/agent', '-n', 'kube-system')).toBe('daemonset.apps/agent rolled back\n');
    await kubectl('rollout', 'status', 'ds/agent', '-n', 'kube-system', '--timeout=60s');
    await eventually('every pod back on 1.0', () => {
      const images = podsOf('agent').map((p) => p.spec?.containers?.[0]?.image);
      return images.length === 3 && images.every((image) => image === 'registry.example/agent:1.0');
    });
    // The restored revision is renumbered to the top (§4.1).
    expect(await kubectl('rollout', 'history', 'ds/agent', '-n', 'kube-system')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  }, 60_000);

  it('rollout restart replaces every pod with a new revision', async () => {
    const before = new Set(podsOf('agent').map((p) => p.metadata?.uid));
    expect(await kubectl('rollout', 'restart', 'ds/agent', '-n', 'kube-system')).toBe('daemonset.apps/agent restarted\n');
    expect(await kubectl('rollout', 'status', 'ds/agent', '-n', 'kube-system', '--timeout=60s')).toContain('successfully rolled out');
    await eventually('three new pods', () => {
      const pods = podsOf('agent');
      return pods.length === 3 && pods.every((p) => !before.has(p.metadata?.uid));
    });
    const annotations = podsOf('agent')[0]?.metadata?.annotations ?? {};
    expect(annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 60_000);

  it('taint NoExecute evicts the pod of a DaemonSet that does not tolerate it; NoSchedule leaves it running', async () => {
    const nodesOf = (): string[] => podsOf('agent').map((p) => p.spec?.nodeName ?? '').sort();
    await eventually('agent on every node', () => nodesOf().join() === 'n1,n2,n3');
    await kubectl('taint', 'node', 'n2', 'dedicated=infra:NoSchedule');
    await kubectl('taint', 'node', 'n1', 'maintenance=true:NoExecute');
    await eventually('the agent pod to leave n1', () => nodesOf().join() === 'n2,n3');
    // A NoSchedule taint never removes a running pod; give the controllers time to be sure.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(nodesOf()).toEqual(['n2', 'n3']);
    // Once the evicted pod is gone: one node wants the pod (n3), one keeps it though it should not (n2).
    const dsStatus = async () => (JSON.parse(await kubectl('get', 'ds', 'agent', '-n', 'kube-system', '-o', 'json')) as { status: Record<string, number> }).status;
    const deadline = Date.now() + 20_000;
    let status = await dsStatus();
    while ((status.desiredNumberScheduled !== 1 || status.numberMisscheduled !== 1) && Date.now() < deadline) status = await dsStatus();
    expect(status).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1 });
  }, 60_000);

  it('label a node into the nodeSelector → a pod appears there', async () => {
    expect(podsOf('edge')).toEqual([]);
    await kubectl('label', 'node', 'n3', 'role=edge');
    await eventually('an edge pod on n3', () => podsOf('edge').some((p) => p.spec?.nodeName === 'n3'));
    expect(await kubectl('rollout', 'status', 'ds/edge', '-n', 'kube-system', '--timeout=60s')).toContain('daemon set "edge" successfully rolled out');
  }, 60_000);
});
