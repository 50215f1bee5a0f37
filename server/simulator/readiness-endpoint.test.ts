import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/k8s-types';
import { startSimulatedCluster, type SimulatedCluster } from './cluster';

/** `POST /_sim/unready`: a failing readiness probe on many pods in one request (the soak's load). */
describe('the readiness endpoint', () => {
  let cluster: SimulatedCluster;
  beforeAll(async () => {
    cluster = await startSimulatedCluster({ scenario: 'scale', nodes: 6, daemonSets: 2, manual: true });
    cluster.plane.advance(60_000, 1_000);
  });
  afterAll(() => cluster.close());

  const readyOf = (key: string): string | undefined => {
    const [namespace, name] = key.split('/');
    const pod = cluster.store.get('pods', namespace, name ?? '') as unknown as Pod | undefined;
    return pod?.status?.conditions?.find((condition) => condition.type === 'Ready')?.status;
  };

  const readyPods = (): string[] =>
    cluster.store.list('pods').items.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`).filter((key) => readyOf(key) === 'True');

  const post = (body: unknown) => fetch(`${cluster.url}/_sim/unready`, { method: 'POST', body: JSON.stringify(body) });

  it('makes the named Ready pods unready, skips the rest, and the kubelet makes them Ready again', async () => {
    const [first, second] = readyPods();
    expect(second).toBeDefined();
    const response = await post({ pods: [first, second, 'nowhere/ghost'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ changed: [first, second], skipped: ['nowhere/ghost'] });
    expect([readyOf(first ?? ''), readyOf(second ?? '')]).toEqual(['False', 'False']);
    // Already unready: left alone.
    expect(await (await post({ pods: [first] })).json()).toEqual({ changed: [], skipped: [first] });
    cluster.plane.advance(10_000, 1_000);
    expect([readyOf(first ?? ''), readyOf(second ?? '')]).toEqual(['True', 'True']);
  });

  it.each([
    ['no pods list', {}],
    ['a name without a namespace', { pods: ['ghost'] }],
    ['a non-string entry', { pods: [7] }],
    ['too many pods', { pods: Array.from({ length: 5_001 }, (_, i) => `ns/p${i}`) }],
  ])('refuses %s with a 400 Status', async (_name, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('answers GET with 405', async () => {
    expect((await fetch(`${cluster.url}/_sim/unready`)).status).toBe(405);
  });
});
