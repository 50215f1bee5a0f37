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
          { daemonSet: 'kube-system/agent', shouldRun: false, shouldContinueRunning: true, reasons: [taintReason], state: 'N' },
          { daemonSet: { namespace: 'monitoring', name: 'exporter' }, verdict: { shouldRun: true, shouldContinueRunning: true, reasons: [] }, failure: { reason: 'ImagePullBackOff' } },
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
        reasons: [{ kind: 'taint', message: taintReason.message, podMayKeepRunning: true, fix: taintReason.fix }],
      },
      { daemonSet: 'monitoring/exporter', shouldRun: true, shouldContinueRunning: true, reasons: [], failure: 'ImagePullBackOff' },
    ]);
  });

  it('reads a flat node', () => {
    const detail = parseNodeDetail({ name: 'n', labels: { a: 'b' }, taints: [], conditions: [], daemonSets: [{ namespace: 'x', name: 'y', shouldRun: true, reasons: 'none' }] }, 'n');
    expect(detail.verdicts).toEqual([{ daemonSet: 'x/y', shouldRun: true, shouldContinueRunning: false, reasons: [] }]);
  });

  it.each([null, 'nope', 42, [], { node: 'x', verdicts: 'y' }])('survives %j', (body) => {
    expect(parseNodeDetail(body, 'fallback')).toEqual({ name: 'fallback', labels: {}, taints: [], conditions: [], verdicts: [] });
  });
});
