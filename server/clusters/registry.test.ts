import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedCluster, type SimulatedCluster } from '../simulator/cluster';
import { clusterEntries } from './global-registry';
import { demoEntry, stopDemo } from './demo';
import { kubeconfigClusters } from './kubeconfig';
import { ClusterRegistry } from './registry';
import type { ClusterEntry } from './types';
import { parseConfig } from '../config';

const kubeconfigYaml = (servers: Record<string, string>) => `
apiVersion: v1
kind: Config
clusters:
${Object.entries(servers).map(([name, server]) => `- name: ${name}\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true`).join('\n')}
users:
- name: u
  user:
    token: secret-token
contexts:
${Object.keys(servers).map((name) => `- name: ${name}\n  context:\n    cluster: ${name}\n    user: u`).join('\n')}
current-context: ${Object.keys(servers)[0]}
`;

const fromYaml = (yaml: string) => (kc: { loadFromString(s: string): void }) => kc.loadFromString(yaml);

describe('kubeconfigClusters', () => {
  it('offers one cluster per context, named by context', async () => {
    const entries = kubeconfigClusters('/k', undefined, fromYaml(kubeconfigYaml({ prod: 'https://prod:6443', staging: 'https://staging:6443' })));
    expect(entries.map((e) => [e.name, e.source])).toEqual([['prod', 'kubeconfig'], ['staging', 'kubeconfig']]);
    const access = await entries[1]?.access();
    expect(access?.kc.getCurrentCluster()?.server).toBe('https://staging:6443');
  });

  it('only the --context one when given; an unknown context is an unreachable entry that says why', async () => {
    const yaml = kubeconfigYaml({ prod: 'https://prod:6443', staging: 'https://staging:6443' });
    expect(kubeconfigClusters('/k', 'staging', fromYaml(yaml)).map((e) => e.name)).toEqual(['staging']);
    const [missing] = kubeconfigClusters('/k', 'dev', fromYaml(yaml));
    await expect(missing?.access()).rejects.toThrow('context "dev" not found in /k (it has: prod, staging)');
  });

  it('an unreadable kubeconfig becomes an entry with the parse error, not a crash', async () => {
    const [broken] = kubeconfigClusters('/k', undefined, () => {
      throw new Error('yaml: line 3: bad indentation');
    });
    await expect(broken?.access()).rejects.toThrow(/cannot read kubeconfig \/k: yaml: line 3/);
  });
});

describe('clusterEntries', () => {
  const config = (env: Record<string, string>) => parseConfig(env, { cwd: '/', home: '/h', fileExists: () => false });
  it('puts demo first, leaves it out under --no-demo, adds in-cluster when running in a pod', () => {
    expect(clusterEntries(config({}), {}).map((e) => e.name)).toEqual(['demo']);
    expect(clusterEntries(config({ DAEMONSCOPE_NO_DEMO: '1' }), { KUBERNETES_SERVICE_HOST: '10.0.0.1' }).map((e) => [e.name, e.source])).toEqual([['in-cluster', 'in-cluster']]);
  });
});

describe('ClusterRegistry', () => {
  let sim: SimulatedCluster;
  let refusing: Server;
  let registry: ClusterRegistry;

  beforeAll(async () => {
    sim = await startSimulatedCluster({ scenario: 'empty', manual: true });
    // An API server that refuses our credentials, with the message a real one sends.
    refusing = createServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: 'Unauthorized: token expired' }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.address() as AddressInfo).port;
    const entries: ClusterEntry[] = [
      demoEntry({ demoUrl: sim.url, demoSpeed: 1 }),
      ...kubeconfigClusters('/k', undefined, fromYaml(kubeconfigYaml({ refused: `http://127.0.0.1:${port}`, down: 'http://127.0.0.1:9' }))),
    ];
    registry = new ClusterRegistry(entries, { progressDeadlineSeconds: 600, backoff: { initialMs: 50, maxMs: 200 } });
  });

  afterAll(async () => {
    await registry.close();
    await sim.close();
    await new Promise((resolve) => refusing.close(resolve));
  });

  it('reports refused credentials and an unreachable server with their messages while demo works', async () => {
    await expect
      .poll(async () => (await registry.list()).map((c) => [c.name, c.reachable]), { timeout: 10_000 })
      .toEqual([['demo', true], ['refused', false], ['down', false]]);
    const list = await registry.list();
    expect(list[1]?.message).toContain('Unauthorized: token expired');
    expect(list[2]?.message).toMatch(/ECONNREFUSED|unreachable/);
  });

  it('is ready when every cluster is synced or reported unreachable', async () => {
    await expect.poll(async () => (await registry.ready()).ready, { timeout: 10_000 }).toBe(true);
  });

  it('keeps retrying a refused cluster with backoff (more than one attempt reaches the server)', async () => {
    let requests = 0;
    refusing.on('request', () => (requests += 1));
    await expect.poll(() => requests, { timeout: 5_000 }).toBeGreaterThan(4);
  });

  it('answers 404 for an unknown cluster', async () => {
    await expect(registry.connection('nope')).rejects.toMatchObject({ code: 404, message: 'cluster "nope" not found' });
  });
});

describe('demoEntry in-process', () => {
  afterAll(stopDemo);
  it('starts the simulated cluster once, however often it is accessed', async () => {
    const entry = demoEntry({ demoUrl: undefined, demoSpeed: 1 });
    const [a, b] = await Promise.all([entry.access(), entry.access()]);
    const url = a.kc.getCurrentCluster()?.server;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(b.kc.getCurrentCluster()?.server).toBe(url);
    expect((await entry.access()).kc.getCurrentCluster()?.server).toBe(url);
  });
});
