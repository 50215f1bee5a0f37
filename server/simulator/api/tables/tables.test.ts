import { describe, expect, it } from 'vitest';
import { type Pod } from '@/lib/k8s-types';
import { type KObject } from '../../store-types';
import { humanDuration } from './human-duration';
import { summarizePod } from './pod-status';
import { rowCells } from './rows';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-5 * S, '<invalid>'], [-1 * S, '0s'], [0, '0s'], [45 * S, '45s'], [119 * S, '119s'], [2 * M, '2m'], [5 * M + 3 * S, '5m3s'],
    [10 * M + 30 * S, '10m'], [179 * M, '179m'], [3 * H, '3h'], [7 * H + 59 * M, '7h59m'], [8 * H, '8h'], [47 * H, '47h'],
    [2 * D + 3 * H, '2d3h'], [3 * D, '3d'], [8 * D, '8d'], [729 * D, '729d'], [2 * 365 * D + 10 * D, '2y10d'], [9 * 365 * D, '9y'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

function pod(status: Pod['status'], extra: { deleting?: boolean; init?: number; containers?: number } = {}): Pod {
  return {
    metadata: { name: 'p', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: Array.from({ length: extra.containers ?? 1 }, (_, i) => ({ name: `c${i}` })),
      ...(extra.init ? { initContainers: Array.from({ length: extra.init }, (_, i) => ({ name: `i${i}` })) } : {}),
    },
    ...(status ? { status } : {}),
  };
}

const running = { name: 'c0', ready: true, restartCount: 0, state: { running: {} } };

describe('summarizePod (kubectl get pods READY/STATUS/RESTARTS)', () => {
  it.each([
    ['no status yet', pod(undefined), { ready: '0/1', status: 'Pending', restarts: 0 }],
    ['running and ready', pod({ phase: 'Running', containerStatuses: [running] }), { ready: '1/1', status: 'Running', restarts: 0 }],
    ['ContainerCreating', pod({ phase: 'Pending', containerStatuses: [{ name: 'c0', state: { waiting: { reason: 'ContainerCreating' } } }] }), { ready: '0/1', status: 'ContainerCreating', restarts: 0 }],
    ['ImagePullBackOff', pod({ phase: 'Pending', containerStatuses: [{ name: 'c0', state: { waiting: { reason: 'ImagePullBackOff' } } }] }), { ready: '0/1', status: 'ImagePullBackOff', restarts: 0 }],
    ['CrashLoopBackOff with restarts', pod({ phase: 'Running', containerStatuses: [{ name: 'c0', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }), { ready: '0/1', status: 'CrashLoopBackOff', restarts: 4 }],
    ['terminated without reason', pod({ phase: 'Running', containerStatuses: [{ name: 'c0', state: { terminated: { exitCode: 2 } } }] }), { ready: '0/1', status: 'ExitCode:2', restarts: 0 }],
    ['terminating', pod({ phase: 'Running', containerStatuses: [running] }, { deleting: true }), { ready: '1/1', status: 'Terminating', restarts: 0 }],
    ['a terminal pod being deleted keeps its phase', pod({ phase: 'Succeeded' }, { deleting: true }), { ready: '0/1', status: 'Succeeded', restarts: 0 }],
    ['status.reason wins over phase', pod({ phase: 'Failed', reason: 'Evicted' }), { ready: '0/1', status: 'Evicted', restarts: 0 }],
    ['waiting on an init container', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i0', state: { waiting: { reason: 'PodInitializing' } } }] }, { init: 2 }), { ready: '0/1', status: 'Init:0/2', restarts: 0 }],
    ['an init container crash-looping', pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i0', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, { init: 1 }), { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: 2 }],
    ['one of two ready', pod({ phase: 'Running', containerStatuses: [running, { name: 'c1', ready: false, state: { running: {} } }] }, { containers: 2 }), { ready: '1/2', status: 'Running', restarts: 0 }],
  ])('%s', (_name, input, expected) => {
    expect(summarizePod(input)).toEqual(expected);
  });
});

describe('rowCells', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  it.each([
    ['a DaemonSet', 'daemonsets' as const, {
      metadata: { name: 'agent', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { selector: { matchLabels: { app: 'agent' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
        template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux', arch: 'arm64' }, containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2 },
    }, ['agent', 3, 3, 2, 1, 2, 'arch=arm64,kubernetes.io/os=linux', '24h', 'a,b', 'a:1,b:1', 'app=agent,tier in (a,b)']],
    ['a ControllerRevision', 'controllerrevisions' as const, {
      metadata: { name: 'agent-abc', creationTimestamp: '2026-01-01T23:59:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', controller: true }] },
      revision: 3,
    }, ['agent-abc', 'daemonset.apps/agent', 3, '60s']],
    ['a node with roles', 'nodes' as const, {
      metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/etcd': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
    }, ['n1', 'NotReady,SchedulingDisabled', 'control-plane,etcd', '<unknown>', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    ['an event', 'events' as const, {
      metadata: { name: 'agent.1' }, involvedObject: { kind: 'DaemonSet', name: 'agent' }, type: 'Normal', reason: 'SuccessfulCreate',
      message: 'Created pod: agent-x', lastTimestamp: '2026-01-01T23:55:00Z', firstTimestamp: '2026-01-01T23:00:00Z', count: 2, source: { component: 'daemonset-controller' },
    }, ['5m', 'Normal', 'SuccessfulCreate', 'daemonset/agent', '', 'daemonset-controller', 'Created pod: agent-x', '60m', 2, 'agent.1']],
  ])('%s', (_name, kind, object, cells) => {
    expect(rowCells(kind, object as KObject, now)).toEqual(cells);
  });
});
