import { describe, expect, it } from 'vitest';
import { parseNodeDetail } from './node-detail';

const taintReason = {
  kind: 'taint',
  message: 'the node has taint dedicated=edge:NoSchedule, which the DaemonSet does not tolerate',
  podMayKeepRunning: true,
  taint: { key: 'dedicated', value: 'edge', effect: 'NoSchedule' },
  fix: { description: 'add a toleration', yaml: 'spec:\n  template: {}\n', command: 'kubectl patch ds x' },
};

describe('parseNodeDetail', () => {
  it('reads a wire-shaped node with verdicts', () => {
    const detail = parseNodeDetail(
      {
        node: {
          metadata: { name: 'edge-1', labels: { role: 'edge', bogus: 3 } },
          spec: { taints: [{ key: 'dedicated', value: 'edge', effect: 'NoSchedule' }] },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        },
        verdicts: [
          {
            daemonSet: 'kube-system/agent',
            shouldRun: false,
            shouldContinueRunning: true,
            reasons: [taintReason],
            state: 'N',
          },
          {
            daemonSet: { namespace: 'monitoring', name: 'exporter' },
            verdict: { shouldRun: true, shouldContinueRunning: true, reasons: [] },
            failure: { reason: 'ImagePullBackOff' },
          },
          { shouldRun: true },
        ],
      },
      'edge-1',
    );
    expect(detail.name).toBe('edge-1');
    expect(detail.labels).toEqual({ role: 'edge' });
    expect(detail.taints).toEqual([{ key: 'dedicated', value: 'edge', effect: 'NoSchedule' }]);
    expect(detail.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(detail.verdicts).toEqual([
      {
        daemonSet: 'kube-system/agent',
        shouldRun: false,
        shouldContinueRunning: true,
        state: 'N',
        reasons: [
          { kind: 'taint', message: taintReason.message, podMayKeepRunning: true, fix: taintReason.fix },
        ],
        pods: [],
      },
      {
        daemonSet: 'monitoring/exporter',
        shouldRun: true,
        shouldContinueRunning: true,
        reasons: [],
        failure: 'ImagePullBackOff',
        pods: [],
      },
    ]);
  });

  it('reads a flat node', () => {
    const detail = parseNodeDetail(
      {
        name: 'n',
        labels: { a: 'b' },
        taints: [],
        conditions: [],
        daemonSets: [{ namespace: 'x', name: 'y', shouldRun: true, reasons: 'none' }],
      },
      'n',
    );
    expect(detail.verdicts).toEqual([
      { daemonSet: 'x/y', shouldRun: true, shouldContinueRunning: false, reasons: [], pods: [] },
    ]);
  });

  it('reads the pods and automatic tolerations the server lists', () => {
    const detail = parseNodeDetail(
      {
        node: {
          name: 'w-7',
          labels: {},
          taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }],
          conditions: [],
        },
        daemonSets: [
          {
            namespace: 'monitoring',
            name: 'metrics-agent',
            state: 'Failing',
            shouldRun: true,
            shouldContinueRunning: true,
            reasons: [],
            automaticTolerations: [
              {
                toleration: { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
                outcome: 'added',
                toleratesHere: ['node.kubernetes.io/not-ready:NoExecute'],
              },
            ],
            pods: [
              {
                name: 'metrics-agent-x',
                phase: 'Pending',
                ready: false,
                updated: true,
                terminating: false,
                resourceVersion: '42',
                failure: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' },
              },
            ],
          },
        ],
      },
      'w-7',
    );
    expect(detail.verdicts[0]).toEqual({
      daemonSet: 'monitoring/metrics-agent',
      shouldRun: true,
      shouldContinueRunning: true,
      reasons: [],
      state: 'Failing',
      failure: 'ImagePullBackOff: Back-off pulling image',
      automaticTolerations: [
        {
          toleration: 'node.kubernetes.io/not-ready (Exists, NoExecute)',
          outcome: 'added',
          toleratesHere: ['node.kubernetes.io/not-ready:NoExecute'],
        },
      ],
      pods: [
        {
          name: 'metrics-agent-x',
          phase: 'Pending',
          isReady: false,
          isUpdated: true,
          isTerminating: false,
          resourceVersion: '42',
          failure: 'ImagePullBackOff: Back-off pulling image',
        },
      ],
    });
  });

  it.each([null, 'nope', 42, [], { node: 'x', verdicts: 'y' }])('survives %j', (body) => {
    expect(parseNodeDetail(body, 'fallback')).toEqual({
      name: 'fallback',
      labels: {},
      taints: [],
      conditions: [],
      verdicts: [],
    });
  });
});
