import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Toleration } from './k8s-types';
import { makeDaemonSet, makeNode, taint } from './eligibility-test-builders';
import { taintReport } from './taint-report';

describe('taintReport', () => {
  const node = makeNode({
    taints: [
      taint('soft', '', 'PreferNoSchedule'),
      taint('dedicated', 'edge', 'NoSchedule'),
      taint('node.kubernetes.io/unreachable', '', 'NoExecute'),
      taint('node.kubernetes.io/not-ready', '', 'NoExecute'),
      taint('gpu', '', 'NoExecute'),
      taint('node.kubernetes.io/not-ready', '', 'NoSchedule'),
    ],
  });
  const ds = makeDaemonSet({
    tolerations: [
      { key: 'dedicated', operator: 'Equal', value: 'edge', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ],
  });

  it('says which toleration admits each taint, and whether it came from the controller', () => {
    expect(taintReport(node, ds).map((e) => [e.text, e.status.kind])).toEqual([
      ['soft:PreferNoSchedule', 'ignored'],
      ['dedicated=edge:NoSchedule', 'toleratedByTemplate'],
      ['node.kubernetes.io/unreachable:NoExecute', 'toleratedByDefault'],
      ['node.kubernetes.io/not-ready:NoExecute', 'toleratedByTemplate'],
      ['gpu:NoExecute', 'untolerated'],
      ['node.kubernetes.io/not-ready:NoSchedule', 'untolerated'],
    ]);
  });

  it('tells whether an untolerated taint evicts', () => {
    const statuses = taintReport(node, ds).map((e) => e.status);
    expect(statuses[4]).toEqual({ kind: 'untolerated', podMayKeepRunning: false });
    expect(statuses[5]).toEqual({ kind: 'untolerated', podMayKeepRunning: true });
  });

  it('names the default toleration that applied', () => {
    const entry = taintReport(node, ds)[2];
    expect(entry?.status).toEqual({
      kind: 'toleratedByDefault',
      toleration: { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    });
  });

  it('is empty for a node without taints or a malformed one', () => {
    expect(taintReport(makeNode(), ds)).toEqual([]);
    expect(taintReport({ spec: { taints: 'x' as never } }, ds)).toEqual([]);
  });
});

describe('taintReport on malformed input', () => {
  it('never throws', () => {
    const junk = fc.jsonValue({ maxDepth: 2 });
    fc.assert(
      fc.property(
        junk,
        fc.array(junk, { maxLength: 3 }),
        fc.array(junk, { maxLength: 3 }),
        (metadata, taints, tolerations) => {
          const report = taintReport(
            { metadata, spec: { taints } } as Node,
            makeDaemonSet({ tolerations: tolerations as Toleration[] }),
          );
          return Array.isArray(report);
        },
      ),
      { numRuns: 500 },
    );
  });
});
