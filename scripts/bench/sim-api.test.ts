import { describe, expect, it } from 'vitest';
import { makeDaemonSet, makeNode, taint } from '../../lib/fleet-model/builders';
import { daemonSetPath, hasSettled, nodePath, probeTaintPatch, rolloutPatch, widestDaemonSet } from './sim-api';

const withStatus = (name: string, status: object, generation = 1) => makeDaemonSet(name, { generation, status });

describe('hasSettled', () => {
  it.each([
    ['every pod updated and available', withStatus('a', { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }, 2), 3, true],
    ['spec not observed yet', withStatus('a', { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }, 2), 3, false],
    ['old pods left', withStatus('a', { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3 }, 2), 3, false],
    ['new pods not available yet', withStatus('a', { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 1 }, 2), 3, false],
    ['NotReady nodes keep old pods: back to the availability before', withStatus('a', { observedGeneration: 2, desiredNumberScheduled: 500, updatedNumberScheduled: 490, numberAvailable: 490 }, 2), 490, true],
    ['mid-rollout in such a fleet', withStatus('a', { observedGeneration: 2, desiredNumberScheduled: 500, updatedNumberScheduled: 450, numberAvailable: 400 }, 2), 490, false],
  ])('%s', (_name, daemonSet, availableBefore, expected) => {
    expect(hasSettled(daemonSet, availableBefore)).toBe(expected);
  });
});

describe('widestDaemonSet', () => {
  it('picks the one with most desired pods, skipping OnDelete', () => {
    const onDelete = makeDaemonSet('c', { updateStrategy: { type: 'OnDelete' }, status: { desiredNumberScheduled: 99 } });
    const picked = widestDaemonSet([withStatus('a', { desiredNumberScheduled: 5 }), withStatus('b', { desiredNumberScheduled: 9 }), onDelete]);
    expect(picked?.metadata?.name).toBe('b');
    expect(widestDaemonSet([])).toBeUndefined();
  });
});

describe('patches', () => {
  it('rolls a new image, replacing an earlier bench tag, with the given maxUnavailable', () => {
    const daemonSet = makeDaemonSet('agent', { image: 'registry/agent:1-bench3' });
    expect(rolloutPatch(daemonSet, 'bench4', '20%')).toEqual({
      spec: {
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%', maxSurge: 0 } },
        template: { spec: { containers: [{ name: 'agent', image: 'registry/agent:1-bench4' }] } },
      },
    });
  });

  it('adds and removes the probe taint, keeping the others', () => {
    const node = makeNode('n1', { taints: [taint('dedicated', 'NoSchedule', 'batch')] });
    expect(probeTaintPatch(node, 'probe', true)).toEqual({
      spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }, { key: 'probe', value: 'probe', effect: 'NoSchedule' }] },
    });
    const tainted = makeNode('n1', { taints: [taint('dedicated', 'NoSchedule', 'batch'), taint('probe', 'NoSchedule', 'probe')] });
    expect(probeTaintPatch(tainted, 'probe', false)).toEqual({ spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } });
  });

  it('escapes names in paths', () => {
    expect(daemonSetPath('kube-system', 'a b')).toBe('/apis/apps/v1/namespaces/kube-system/daemonsets/a%20b');
    expect(nodePath('node-1')).toBe('/api/v1/nodes/node-1');
  });
});
