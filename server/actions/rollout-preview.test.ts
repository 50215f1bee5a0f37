import { describe, expect, it } from 'vitest';
import { makeDaemonPod, makeDaemonSet, makeNode, taint } from '@/lib/fleet-model/builders';
import { previewRollout } from './rollout-preview';

const NOW = Date.UTC(2026, 5, 1);
const nodes = ['a', 'b', 'c', 'd'].map((name) => makeNode(name));
const oldPods = (ds: ReturnType<typeof makeDaemonSet>) => nodes.map((n) => makeDaemonPod(ds, n.metadata?.name ?? '', { hash: 'old', readySince: '2026-01-01T00:00:00Z' }));
const isNew = (pod: { metadata?: { labels?: Record<string, string> } }) => pod.metadata?.labels?.['controller-revision-hash'] === 'new';

describe('previewRollout', () => {
  it.each([
    ['maxUnavailable 1: one node per wave', { maxUnavailable: 1 }, [1, 1, 1, 1]],
    ['maxUnavailable 2: two per wave', { maxUnavailable: 2 }, [2, 2]],
    ['maxUnavailable 50%: two per wave', { maxUnavailable: '50%' }, [2, 2]],
  ])('%s', (_name, rollingUpdate, sizes) => {
    const ds = makeDaemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate } });
    const preview = previewRollout(ds, nodes, oldPods(ds), isNew, NOW);
    expect(preview.waves.map((w) => w.createNewOn.length)).toEqual(sizes);
    expect(preview.waves.flatMap((w) => w.createNewOn).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(preview.desiredNumberScheduled).toBe(4);
  });

  it('maxSurge 1: a new pod beside the old one, the old one goes the next sync', () => {
    const ds = makeDaemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    const preview = previewRollout(ds, nodes, oldPods(ds), isNew, NOW);
    expect(preview.waves[0]).toEqual({ createNewOn: [expect.any(String)], deleteOldOn: [] });
    expect(preview.waves[1]?.deleteOldOn).toEqual(preview.waves[0]?.createNewOn);
    expect(preview.waves.flatMap((w) => w.deleteOldOn).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('skips nodes the DaemonSet does not run on and nodes already updated', () => {
    const ds = makeDaemonSet('agent');
    const tainted = [...nodes.slice(0, 3), makeNode('d', { taints: [taint('gpu', 'NoSchedule')] })];
    const pods = oldPods(ds).slice(0, 3);
    pods[0] = makeDaemonPod(ds, 'a', { hash: 'new', readySince: '2026-01-01T00:00:00Z' });
    const preview = previewRollout(ds, tainted, pods, isNew, NOW);
    expect(preview.waves.flatMap((w) => w.createNewOn).sort()).toEqual(['b', 'c']);
  });

  it('OnDelete: no waves, and a note that says pods change only when deleted', () => {
    const ds = makeDaemonSet('agent', { updateStrategy: { type: 'OnDelete' } });
    const preview = previewRollout(ds, nodes, oldPods(ds), isNew, NOW);
    expect(preview).toMatchObject({ strategy: 'OnDelete', waves: [], note: expect.stringContaining('until someone deletes it') });
  });

  it('malformed budgets give a note instead of a crash', () => {
    const ds = makeDaemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'lots' } } });
    expect(previewRollout(ds, nodes, oldPods(ds), isNew, NOW).note).toMatch(/^cannot plan the rollout: /);
  });
});
