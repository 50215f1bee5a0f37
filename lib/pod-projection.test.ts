/**
 * The projection must not change any answer: every reader of a pod answers the same for the
 * projection as for the full pod, for well-formed pods and for malformed ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellState } from './cell-state';
import { computeDaemonSetStatus, nodeFlags, revisionContext } from './daemon-status';
import { makeDaemonSet } from './fleet-model/builders';
import { FIXTURE_NOW, makeScaleFleet } from './fleet-model/fixture';
import { FleetModel } from './fleet-model/model';
import { podKey, podPlace } from './fleet-model/pod-index';
import type { Pod } from './k8s-types';
import {
  availableAt,
  comparePodsForStatus,
  controllerUid,
  isDaemonPodOf,
  isPodAvailable,
  isPodReady,
  isPodUpdated,
  isTerminalAndDeleting,
  podFailure,
  targetNodeName,
} from './pod-state';
import { PodProjector } from './pod-projection';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const TIMES = ['2026-01-01T00:00:00Z', '2026-01-01T00:09:50Z', '2026-01-01T00:10:30Z', 'not a time', '', undefined];

/** Sometimes a value of the wrong kind, as a broken or hostile API server might send. */
const garbage = fc.constantFrom<unknown>(null, 7, 'text', [], {}, true);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: garbage });
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const ownerReference = fc.oneof(
  fc.record({ apiVersion: pick('apps/v1'), kind: pick('DaemonSet', 'ReplicaSet'), name: pick('d1', 'd2'), uid: pick('uid-d1', 'uid-d2', ''), controller: pick(true, false, undefined), blockOwnerDeletion: pick(true) }, { requiredKeys: ['kind', 'uid'] }),
  garbage,
);

const matchField = fc.record({ key: pick('metadata.name', 'metadata.labels'), operator: pick('In', 'NotIn'), values: maybe(fc.array(pick<unknown>('n1', 'n2', 3), { maxLength: 2 })) });
const affinity = fc.record({
  nodeAffinity: maybe(
    fc.record({
      requiredDuringSchedulingIgnoredDuringExecution: maybe(
        fc.record({ nodeSelectorTerms: maybe(fc.array(fc.oneof(fc.record({ matchFields: maybe(fc.array(fc.oneof(matchField, garbage), { maxLength: 2 })) }), garbage), { maxLength: 2 })) }),
      ),
    }),
  ),
});

const condition = fc.oneof(
  fc.record(
    {
      type: pick('Ready', 'PodScheduled', 'Initialized', 'ContainersReady'),
      status: pick('True', 'False', 'Unknown'),
      reason: pick('Unschedulable', 'ContainersNotReady'),
      message: pick('0/1 nodes are available: 1 Insufficient memory.', ''),
      lastTransitionTime: pick(...TIMES),
      lastProbeTime: pick('2026-01-01T00:00:00Z'),
    },
    { requiredKeys: ['type'] },
  ),
  garbage,
);

const containerStatus = fc.oneof(
  fc.record(
    {
      name: pick('c', 'init', ''),
      ready: fc.boolean(),
      restartCount: fc.nat(5),
      image: pick('registry.example/c:1'),
      state: maybe(
        fc.oneof(
          fc.record({ waiting: maybe(fc.record({ reason: maybe(pick('CrashLoopBackOff', 'ImagePullBackOff', 'ContainerCreating', 'ErrImagePull')), message: maybe(pick('back-off 5m0s', '')) })) }),
          fc.record({ running: fc.record({ startedAt: pick(...TIMES) }) }),
        ),
      ),
    },
    { requiredKeys: ['state'] },
  ),
  garbage,
);

/** A pod as the API might send it: mostly well-formed daemon pods, with every field sometimes odd. */
const rawPod = fc.record({
  apiVersion: pick('v1'),
  kind: pick('Pod'),
  metadata: maybe(
    fc.record({
      name: maybe(pick('p-1', 'p-2', 'p-3')),
      namespace: maybe(pick('kube-system', 'monitoring')),
      uid: maybe(pick('u1', 'u2', 'u3')),
      resourceVersion: maybe(pick('1', '2')),
      creationTimestamp: pick(...TIMES),
      deletionTimestamp: maybe(pick('2026-01-01T00:05:00Z')),
      labels: maybe(fc.record({ app: pick('d1'), 'controller-revision-hash': maybe(pick('h1', 'h2')), 'pod-template-generation': maybe(pick<unknown>('1', '2', '+2', 2)) })),
      annotations: maybe(fc.record({ note: pick('x') })),
      ownerReferences: maybe(fc.array(ownerReference, { maxLength: 3 })),
      managedFields: pick([{ manager: 'kubelet' }]),
    }),
  ),
  spec: maybe(
    fc.record({
      nodeName: maybe(pick<unknown>('n1', 'n2', '', 5)),
      affinity: maybe(affinity),
      tolerations: pick([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }]),
      containers: pick([{ name: 'c', image: 'registry.example/c:1', resources: { requests: { cpu: '10m' } } }]),
    }),
  ),
  status: maybe(
    fc.record({
      phase: maybe(pick<unknown>('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', 3)),
      reason: maybe(pick('Evicted', 'NodeLost')),
      message: maybe(pick('The node was low on resource: memory.')),
      conditions: maybe(fc.array(condition, { maxLength: 5 })),
      containerStatuses: maybe(fc.array(containerStatus, { maxLength: 3 })),
      initContainerStatuses: maybe(fc.array(containerStatus, { maxLength: 2 })),
      startTime: pick(...TIMES),
      podIP: pick('10.0.0.1'),
    }),
  ),
});

/** What a reader answers, or that it threw: the projection must do the same either way. */
function outcome<T>(read: () => T): { value: T } | { threw: true } {
  try {
    return { value: read() };
  } catch {
    return { threw: true };
  }
}

const daemonSets = [makeDaemonSet('d1', { uid: 'uid-d1', templateGeneration: 2 }), makeDaemonSet('d2', { uid: 'uid-d2', minReadySeconds: 30 })];

/** Every pod reader's answers for one pod. */
function answers(pod: Pod) {
  return {
    targetNodeName: outcome(() => targetNodeName(pod)),
    isPodReady: outcome(() => isPodReady(pod)),
    available: [0, 5, 30, 120].map((minReadySeconds) => outcome(() => [isPodAvailable(pod, minReadySeconds, NOW), availableAt(pod, minReadySeconds, NOW)])),
    podFailure: outcome(() => podFailure(pod)),
    updated: [['h1', '2'], ['h2', undefined], [undefined, '1']].map(([hash, generation]) => outcome(() => isPodUpdated(pod, hash, generation))),
    isTerminalAndDeleting: outcome(() => isTerminalAndDeleting(pod)),
    controllerUid: outcome(() => controllerUid(pod)),
    isDaemonPodOf: daemonSets.map((ds) => outcome(() => isDaemonPodOf(pod, ds))),
    podPlace: outcome(() => podPlace(pod)),
    podKey: outcome(() => podKey(pod)),
    nodeFlags: daemonSets.map((ds) => outcome(() => [true, false].map((shouldRun) => nodeFlags(shouldRun, pod, revisionContext(ds, 'h1'), NOW)))),
    cellState: daemonSets.map((ds) => outcome(() => cellState({ shouldRun: true }, pod, false, NOW, { minReadySeconds: ds.spec?.minReadySeconds, otherPods: [pod] }))),
    // What server/ reads directly.
    metadata: outcome(() => [pod.metadata?.name, pod.metadata?.namespace, pod.metadata?.uid, pod.metadata?.resourceVersion, pod.metadata?.deletionTimestamp, pod.metadata?.creationTimestamp]),
    status: outcome(() => [pod.status?.phase, pod.status?.reason, pod.status?.message, pod.spec?.nodeName]),
  };
}

describe('PodProjector', () => {
  it('gives every reader the same answers as the full pod', () => {
    const projector = new PodProjector();
    fc.assert(
      fc.property(rawPod, (raw) => {
        expect(answers(projector.project(raw))).toEqual(answers(raw as Pod));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts pods for status as the full pods sort', () => {
    const projector = new PodProjector();
    fc.assert(
      fc.property(rawPod, rawPod, (a, b) => {
        const full = outcome(() => Math.sign(comparePodsForStatus(a as Pod, b as Pod)));
        expect(outcome(() => Math.sign(comparePodsForStatus(projector.project(a), projector.project(b))))).toEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same grid and DaemonSet status for a whole fleet', () => {
    const fleet = makeScaleFleet({ nodes: 300, daemonSets: 12, seed: 7 });
    const projector = new PodProjector();
    const projected = { ...fleet, pods: fleet.pods.map((pod) => projector.project(pod)) };
    expect(FleetModel.fromObjects(projected, FIXTURE_NOW).snapshot()).toEqual(FleetModel.fromObjects(fleet, FIXTURE_NOW).snapshot());
    for (const daemonSet of fleet.daemonSets.slice(0, 4)) {
      const input = { daemonSet, nodes: fleet.nodes, currentRevisionHash: undefined, now: FIXTURE_NOW };
      expect(computeDaemonSetStatus({ ...input, pods: projected.pods })).toEqual(computeDaemonSetStatus({ ...input, pods: fleet.pods }));
    }
  });

  it('shares what pods repeat: strings, owner references, labels, specs and statuses', () => {
    const projector = new PodProjector();
    const raw = (name: string, node: string) =>
      JSON.parse(
        JSON.stringify({
          metadata: { name, namespace: 'kube-system', uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'd1', 'controller-revision-hash': 'h1' }, ownerReferences: [{ kind: 'DaemonSet', name: 'd1', uid: 'uid-d1', controller: true }] },
          spec: { nodeName: node, tolerations: [{ operator: 'Exists' }] },
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:05Z' }] },
        }),
      ) as unknown;
    const [a, b, c] = [projector.project(raw('a', 'n1')), projector.project(raw('b', 'n1')), projector.project(raw('c', 'n2'))];
    expect(b.metadata?.ownerReferences).toBe(a.metadata?.ownerReferences);
    expect(b.metadata?.labels).toBe(a.metadata?.labels);
    expect(b.metadata?.namespace).toBe(a.metadata?.namespace);
    expect(b.spec).toBe(a.spec);
    expect(c.spec).not.toBe(a.spec);
    expect(c.status).toBe(a.status);
    expect(c.metadata).toEqual({ ...a.metadata, name: 'c', uid: 'uid-c' });
    // Shared parts are frozen: a write would change every pod sharing them.
    expect(Object.isFrozen(a.status?.conditions?.[0])).toBe(true);
    expect(Object.isFrozen(a.metadata)).toBe(false);
  });

  it('keeps a pod pinned only by affinity pinned to the same node, and drops what no reader uses', () => {
    const projector = new PodProjector();
    const pinned = projector.project({
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n7'] }] }] } } } },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no room' }, { type: 'Initialized', status: 'True' }], startTime: '2026-01-01T00:00:00Z' },
    });
    expect(pinned).toEqual({
      metadata: {},
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n7'] }] }] } } } },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no room' }] },
    });
    expect(projector.project({ status: { containerStatuses: [{ name: 'c', ready: false, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } }, { name: 'd', state: { running: {} } }] } })).toEqual({
      metadata: {},
      spec: {},
      status: { containerStatuses: [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } }] },
    });
  });

  it.each([
    ['null', null],
    ['a string', 'pod'],
    ['a list', [1, 2]],
    ['fields of the wrong kind', { metadata: 'm', spec: [], status: 5 }],
  ])('projects %s to an empty pod', (_name, raw) => {
    expect(new PodProjector().project(raw)).toEqual({ metadata: {}, spec: {}, status: {} });
  });
});
