import { describe, expect, it } from 'vitest';
import {
  computeDaemonSetStatus,
  currentRevisionHash,
  currentRevisionOf,
  statusDifferences,
  zeroCounters,
  type DaemonSetCounters,
} from './daemon-status';
import { makeDaemonPod, makeDaemonSet, makeNode, makeRevision, taint } from './fleet-model/builders';
import type { DaemonSet, Node, Pod } from './k8s-types';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const LONG_AGO = '2026-01-01T00:00:00Z';
const ds = makeDaemonSet('agent', { templateGeneration: 2, nodeSelector: { role: 'worker' } });
const worker = (name: string, taints = [] as ReturnType<typeof taint>[]): Node =>
  makeNode(name, { labels: { role: 'worker' }, taints });
const other = makeNode('other', { labels: { role: 'db' } });
const ready = (node: string, options: Parameters<typeof makeDaemonPod>[2] = {}): Pod =>
  makeDaemonPod(ds, node, { hash: 'cur', readySince: LONG_AGO, ...options });

/** Expected counters: the listed fields, zero elsewhere, unavailable derived. */
function counters(partial: Partial<DaemonSetCounters>): DaemonSetCounters {
  const all = { ...zeroCounters(), ...partial };
  return { ...all, numberUnavailable: all.desiredNumberScheduled - all.numberAvailable };
}

interface Case {
  name: string;
  nodes: Node[];
  pods: Pod[];
  daemonSet?: DaemonSet;
  now?: number;
  expected: Partial<DaemonSetCounters>;
}

const cases: Case[] = [
  {
    name: 'desired counts only nodes that should run a pod',
    nodes: [worker('w1'), worker('w2'), other],
    pods: [],
    expected: { desiredNumberScheduled: 2 },
  },
  {
    name: 'current counts desired nodes with a pod; ready, available, updated from that pod',
    nodes: [worker('w1'), worker('w2')],
    pods: [ready('w1')],
    expected: {
      desiredNumberScheduled: 2,
      currentNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
    },
  },
  {
    name: 'a pod kept under an untolerated NoSchedule taint is misscheduled, and the node not desired',
    nodes: [worker('w1', [taint('dedicated', 'NoSchedule', 'gpu')])],
    pods: [ready('w1')],
    expected: { numberMisscheduled: 1 },
  },
  {
    name: 'a pod on a node whose labels no longer match is misscheduled',
    nodes: [other],
    pods: [ready('other')],
    expected: { numberMisscheduled: 1 },
  },
  {
    name: 'NotReady node taint (NoSchedule) makes the pod misscheduled',
    nodes: [
      worker('w1', [
        taint('node.kubernetes.io/not-ready', 'NoSchedule'),
        taint('node.kubernetes.io/not-ready', 'NoExecute'),
      ]),
    ],
    pods: [ready('w1')],
    expected: { numberMisscheduled: 1 },
  },
  {
    name: 'during a surge only the oldest (old, ready) pod counts: not updated',
    nodes: [worker('w1')],
    pods: [
      ready('w1', { name: 'old', hash: 'old', created: '2026-01-01T00:00:00Z' }),
      makeDaemonPod(ds, 'w1', { name: 'new', hash: 'cur', created: '2026-01-01T00:30:00Z' }),
    ],
    expected: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1 },
  },
  {
    name: 'a pod bound to the node sorts before an older unbound one',
    nodes: [worker('w1')],
    pods: [
      makeDaemonPod(ds, 'w1', { name: 'a', hash: 'cur', bound: false, created: '2025-01-01T00:00:00Z' }),
      ready('w1', { name: 'b', created: '2026-01-01T00:00:00Z' }),
    ],
    expected: {
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
    },
  },
  {
    name: 'a terminal pod being deleted is dropped: the node is not scheduled',
    nodes: [worker('w1')],
    pods: [ready('w1', { phase: 'Failed', deleting: true })],
    expected: { desiredNumberScheduled: 1 },
  },
  {
    name: 'a terminating pod that is not terminal still counts (ready ignores deletion and phase)',
    nodes: [worker('w1')],
    pods: [ready('w1', { deleting: true })],
    expected: {
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
    },
  },
  {
    name: 'a terminal pod not yet being deleted counts as scheduled',
    nodes: [worker('w1')],
    pods: [makeDaemonPod(ds, 'w1', { hash: 'cur', phase: 'Failed' })],
    expected: { desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1 },
  },
  {
    name: 'pods on nodes missing from the node list count nowhere',
    nodes: [worker('w1')],
    pods: [ready('gone')],
    expected: { desiredNumberScheduled: 1 },
  },
  {
    name: 'a pod without a target node is ignored',
    nodes: [worker('w1')],
    pods: [{ ...ready('w1'), spec: {} }],
    expected: { desiredNumberScheduled: 1 },
  },
  {
    name: 'pods another DaemonSet controls are ignored',
    nodes: [worker('w1')],
    pods: [makeDaemonPod(makeDaemonSet('other-ds'), 'w1', { hash: 'cur', readySince: LONG_AGO })],
    expected: { desiredNumberScheduled: 1 },
  },
  {
    name: 'updated through pod-template-generation although the hash is old',
    nodes: [worker('w1'), worker('w2')],
    pods: [
      ready('w1', { hash: 'old', templateGeneration: 2 }),
      ready('w2', { hash: 'old', templateGeneration: 1 }),
    ],
    expected: {
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 1,
    },
  },
  {
    name: 'minReadySeconds: ready exactly long enough is available (inclusive), a second less is not',
    daemonSet: makeDaemonSet('agent', { minReadySeconds: 60, nodeSelector: { role: 'worker' } }),
    nodes: [worker('w1'), worker('w2')],
    pods: [
      ready('w1', { readySince: '2026-01-01T00:59:00Z' }),
      ready('w2', { readySince: '2026-01-01T00:59:01Z' }),
    ],
    expected: {
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 1,
      updatedNumberScheduled: 2,
    },
  },
  {
    name: 'not ready pods are neither ready nor available, whatever the phase',
    nodes: [worker('w1')],
    pods: [makeDaemonPod(ds, 'w1', { hash: 'cur', phase: 'Running' })],
    expected: { desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1 },
  },
];

describe('computeDaemonSetStatus (updateDaemonSetStatus)', () => {
  it.each(cases)('$name', ({ nodes, pods, daemonSet, now, expected }) => {
    const status = computeDaemonSetStatus({
      daemonSet: daemonSet ?? ds,
      nodes,
      pods,
      currentRevisionHash: 'cur',
      now: now ?? NOW,
    });
    expect(status).toEqual(counters(expected));
  });

  it('uses an injected eligibility instead of compiling one', () => {
    const status = computeDaemonSetStatus({
      daemonSet: ds,
      nodes: [other],
      pods: [],
      currentRevisionHash: 'cur',
      now: NOW,
      eligibility: () => ({ shouldRun: true, shouldContinueRunning: true }),
    });
    expect(status.desiredNumberScheduled).toBe(1);
  });
});

describe('statusDifferences', () => {
  const implied = counters({
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    numberReady: 2,
    numberAvailable: 2,
  });
  it('lists each differing counter; a missing reported field reads as zero', () => {
    expect(
      statusDifferences(
        {
          desiredNumberScheduled: 3,
          currentNumberScheduled: 3,
          numberReady: 3,
          numberAvailable: 2,
          numberUnavailable: 1,
        },
        implied,
      ),
    ).toEqual([{ field: 'numberReady', reported: 3, implied: 2 }]);
    expect(statusDifferences({}, counters({}))).toEqual([]);
    expect(statusDifferences(undefined, implied).map((d) => d.field)).toEqual([
      'desiredNumberScheduled',
      'currentNumberScheduled',
      'numberReady',
      'numberAvailable',
      'numberUnavailable',
    ]);
  });
});

describe('currentRevisionHash', () => {
  const oldTemplate = makeDaemonSet('agent', { image: 'registry.example/agent:0' });
  it.each([
    [
      'the revision whose data matches the template',
      [makeRevision(oldTemplate, 'old', 1), makeRevision(ds, 'cur', 2)],
      'cur',
    ],
    ['none matches', [makeRevision(oldTemplate, 'old', 1)], undefined],
    [
      'duplicates: the highest revision number',
      [makeRevision(ds, 'dup', 3), makeRevision(ds, 'cur', 2)],
      'dup',
    ],
    [
      'a matching revision another DaemonSet controls does not count',
      [makeRevision({ ...ds, metadata: { ...ds.metadata, uid: 'x' } }, 'theirs', 5)],
      undefined,
    ],
  ] as [string, ReturnType<typeof makeRevision>[], string | undefined][])(
    '%s',
    (_name, revisions, expected) => {
      expect(currentRevisionHash(ds, revisions)).toBe(expected);
    },
  );

  it('falls back to the name suffix when the label is missing, and reports the revision number', () => {
    const revision = makeRevision(ds, 'cur', 4);
    revision.metadata = { ...revision.metadata, labels: {} };
    expect(currentRevisionOf(ds, [revision])).toEqual({ revision, hash: 'cur' });
  });
});
