import { describe, expect, it } from 'vitest';
import type { Pod } from '@/lib/k8s-types';
import { isDaemonSetOwned, slimControllerRevision, slimDaemonSet, slimNode, slimPod } from './slim';

const meta = {
  name: 'x',
  namespace: 'ns',
  uid: 'u1',
  resourceVersion: '7',
  managedFields: [{ manager: 'kubectl' }],
  annotations: {
    'kubernetes.io/change-cause': 'kubectl set image',
    'deprecated.daemonset.template.generation': '3',
    'kubectl.kubernetes.io/last-applied-configuration': '{}',
    'daemonscope.io/paused-rolling-update': '{"maxUnavailable":1}',
    'example.com/noise': 'drop me',
  },
};

describe('slimming', () => {
  it('drops managedFields and annotations lib/ does not read, keeps the ones it does', () => {
    const ds = slimDaemonSet({ metadata: meta, spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'A' }] }] } } }, status: { numberReady: 2 } });
    expect(ds.metadata).not.toHaveProperty('managedFields');
    expect(Object.keys(ds.metadata?.annotations ?? {}).sort()).toEqual([
      'daemonscope.io/paused-rolling-update',
      'deprecated.daemonset.template.generation',
      'kubectl.kubernetes.io/last-applied-configuration',
      'kubernetes.io/change-cause',
    ]);
    // The template is kept whole: it is compared with revisions byte for byte.
    expect(ds.spec?.template?.spec?.containers?.[0]).toHaveProperty('env');
    expect(ds.status).toEqual({ numberReady: 2 });
  });

  it('drops node images and heartbeat times', () => {
    const node = slimNode({
      metadata: { name: 'n', labels: { a: 'b' } },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }], podCIDR: '10.0.0.0/24' },
      status: { images: [{ names: ['big'] }], conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't1', lastTransitionTime: 't0' }], allocatable: { cpu: '4' } },
    });
    expect(node).toEqual({
      metadata: { name: 'n', labels: { a: 'b' } },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 't0' }] },
    });
  });

  it('keeps what lib/ reads of a pod (see lib/pod-projection.ts) and drops containers, volumes, env and running states', () => {
    const pod = slimPod({
      metadata: { ...meta, labels: { app: 'x', 'controller-revision-hash': 'h1' }, ownerReferences: [{ kind: 'DaemonSet', name: 'd', uid: 'd1', controller: true }] },
      spec: { nodeName: 'n', volumes: [{}], containers: [{ name: 'c', image: 'i', env: [{}], resources: { requests: { cpu: '1' } } }] },
      status: { phase: 'Running', podIP: '1.2.3.4', containerStatuses: [{ name: 'c', ready: true, imageID: 'sha', state: { running: {} } }] },
    });
    expect(pod).toEqual({
      metadata: { name: 'x', namespace: 'ns', uid: 'u1', resourceVersion: '7', labels: { 'controller-revision-hash': 'h1' }, ownerReferences: [{ kind: 'DaemonSet', name: 'd', uid: 'd1', controller: true }] },
      spec: { nodeName: 'n' },
      status: { phase: 'Running' },
    });
    expect(isDaemonSetOwned(pod)).toBe(true);
  });

  it('keeps revision data and number; tolerates garbage input', () => {
    expect(slimControllerRevision({ metadata: meta, data: { spec: {} }, revision: 4 })).toMatchObject({ data: { spec: {} }, revision: 4 });
    expect(slimPod(null)).toEqual({ metadata: {}, spec: {}, status: {} });
    expect(slimNode('nonsense')).toEqual({ metadata: {}, spec: {}, status: {} });
  });

  it.each([
    ['controlled by a DaemonSet', [{ kind: 'DaemonSet', controller: true }], true],
    ['owned but not controlled', [{ kind: 'DaemonSet' }], false],
    ['controlled by a ReplicaSet', [{ kind: 'ReplicaSet', controller: true }], false],
    ['no owners', undefined, false],
    ['owners not a list', { kind: 'DaemonSet', controller: true }, false],
    ['a null owner before the controller', [null, { kind: 'DaemonSet', controller: true }], true],
  ])('isDaemonSetOwned: %s', (_name, ownerReferences, expected) => {
    expect(isDaemonSetOwned({ metadata: { ownerReferences } } as Pod)).toBe(expected);
  });
});
