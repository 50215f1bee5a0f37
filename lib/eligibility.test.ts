import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node } from './k8s-types';
import type { NodeAffinityReason, Reason } from './eligibility-types';
import { expr, makeDaemonSet, makeNode, requiredAffinity, taint } from './eligibility-test-builders';
import {
  compileEligibility,
  eligibleVerdict,
  nodeShouldRunDaemonPod,
  sameEligibilityInputs,
} from './eligibility';

function reasonsOf(node: Node, ds: DaemonSet): readonly Reason[] {
  return nodeShouldRunDaemonPod(node, ds).reasons;
}

function only<K extends Reason['kind']>(reasons: readonly Reason[], kind: K): Extract<Reason, { kind: K }>[] {
  return reasons.filter((r): r is Extract<Reason, { kind: K }> => r.kind === kind);
}

describe('nodeShouldRunDaemonPod: verdicts by rule', () => {
  const cases: [string, Node, DaemonSet, boolean, boolean][] = [
    ['plain node, plain DaemonSet', makeNode(), makeDaemonSet(), true, true],
    [
      'template nodeName is this node',
      makeNode({ name: 'n1' }),
      makeDaemonSet({ nodeName: 'n1' }),
      true,
      true,
    ],
    [
      'template nodeName is another node',
      makeNode({ name: 'n1' }),
      makeDaemonSet({ nodeName: 'n2' }),
      false,
      false,
    ],
    [
      'nodeSelector satisfied',
      makeNode({ labels: { a: '1' } }),
      makeDaemonSet({ nodeSelector: { a: '1' } }),
      true,
      true,
    ],
    [
      'nodeSelector not satisfied',
      makeNode({ labels: { a: '2' } }),
      makeDaemonSet({ nodeSelector: { a: '1' } }),
      false,
      false,
    ],
    [
      'affinity not satisfied',
      makeNode(),
      makeDaemonSet(requiredAffinity([{ matchExpressions: [expr('a', 'Exists')] }])),
      false,
      false,
    ],
    [
      'untolerated NoSchedule: keep running',
      makeNode({ taints: [taint('k', 'v', 'NoSchedule')] }),
      makeDaemonSet(),
      false,
      true,
    ],
    [
      'untolerated NoExecute: evict',
      makeNode({ taints: [taint('k', 'v', 'NoExecute')] }),
      makeDaemonSet(),
      false,
      false,
    ],
    [
      'PreferNoSchedule ignored',
      makeNode({ taints: [taint('k', 'v', 'PreferNoSchedule')] }),
      makeDaemonSet(),
      true,
      true,
    ],
    [
      'default toleration: unreachable NoExecute',
      makeNode({ taints: [taint('node.kubernetes.io/unreachable', '', 'NoExecute')] }),
      makeDaemonSet(),
      true,
      true,
    ],
    [
      'default toleration does not cover not-ready NoSchedule',
      makeNode({ taints: [taint('node.kubernetes.io/not-ready', '', 'NoSchedule')] }),
      makeDaemonSet(),
      false,
      true,
    ],
    [
      'network-unavailable tolerated for hostNetwork only',
      makeNode({ taints: [taint('node.kubernetes.io/network-unavailable', '', 'NoSchedule')] }),
      makeDaemonSet({ hostNetwork: true }),
      true,
      true,
    ],
    [
      'selector failure wins over a tolerable situation',
      makeNode({ taints: [taint('k', '', 'NoSchedule')] }),
      makeDaemonSet({ nodeSelector: { a: '1' } }),
      false,
      false,
    ],
  ];
  it.each(cases)('%s', (_name, node, ds, shouldRun, shouldContinueRunning) => {
    const verdict = nodeShouldRunDaemonPod(node, ds);
    expect([verdict.shouldRun, verdict.shouldContinueRunning]).toEqual([shouldRun, shouldContinueRunning]);
    expect(verdict.reasons.length === 0).toBe(shouldRun);
  });

  it('Gt tolerations work only with the feature gate', () => {
    const node = makeNode({ taints: [taint('tier', '10', 'NoSchedule')] });
    const ds = makeDaemonSet({
      tolerations: [{ key: 'tier', operator: 'Gt', value: '5', effect: 'NoSchedule' }],
    });
    expect(nodeShouldRunDaemonPod(node, ds).shouldRun).toBe(false);
    expect(
      nodeShouldRunDaemonPod(node, ds, { featureGates: { TaintTolerationComparisonOperators: true } })
        .shouldRun,
    ).toBe(true);
  });
});

describe('reasons: one per failing constraint, in plain words', () => {
  it('names every untolerated taint as key=value:Effect, with whether the pod may stay', () => {
    const node = makeNode({
      name: 'edge-1',
      taints: [
        taint('dedicated', 'edge', 'NoSchedule'),
        taint('gpu', '', 'NoExecute'),
        taint('soft', '', 'PreferNoSchedule'),
        taint('node.kubernetes.io/disk-pressure', '', 'NoSchedule'),
      ],
    });
    const reasons = only(reasonsOf(node, makeDaemonSet()), 'taint');
    expect(reasons.map((r) => r.taint)).toEqual([
      { key: 'dedicated', value: 'edge', effect: 'NoSchedule' },
      { key: 'gpu', value: '', effect: 'NoExecute' },
    ]);
    expect(reasons[0]?.message).toContain('dedicated=edge:NoSchedule');
    expect(reasons[0]?.message).toContain('edge-1');
    expect(reasons[0]?.podMayKeepRunning).toBe(true);
    expect(reasons[1]?.message).toContain('gpu:NoExecute');
    expect(reasons[1]?.message).toMatch(/evicted/);
    expect(reasons[1]?.podMayKeepRunning).toBe(false);
  });

  it('offers a toleration snippet for a taint', () => {
    const [reason] = reasonsOf(
      makeNode({ taints: [taint('dedicated', 'edge', 'NoSchedule')] }),
      makeDaemonSet(),
    );
    expect(reason?.fix.yaml).toBe(
      'tolerations:\n- key: dedicated\n  operator: Equal\n  value: edge\n  effect: NoSchedule',
    );
    expect(reason?.fix.command).toContain('kubectl -n default patch daemonset ds --type=json');
    const [valueless] = reasonsOf(makeNode({ taints: [taint('gpu', '', 'NoExecute')] }), makeDaemonSet());
    expect(valueless?.fix.yaml).toBe('tolerations:\n- key: gpu\n  operator: Exists\n  effect: NoExecute');
  });

  it('names each failing nodeSelector entry with wanted and actual values', () => {
    const node = makeNode({ name: 'n1', labels: { disktype: 'hdd', os: 'linux' } });
    const reasons = only(
      reasonsOf(node, makeDaemonSet({ nodeSelector: { disktype: 'ssd', os: 'linux', zone: 'z1' } })),
      'nodeSelector',
    );
    expect(reasons.map((r) => [r.key, r.values[0], r.actual])).toEqual([
      ['disktype', 'ssd', 'hdd'],
      ['zone', 'z1', null],
    ]);
    expect(reasons[0]?.message).toBe(
      'nodeSelector wants label disktype=ssd, but on node n1 disktype is hdd.',
    );
    expect(reasons[1]?.message).toBe(
      'nodeSelector wants label zone=z1, but on node n1 label zone is absent.',
    );
    expect(reasons[0]?.fix.command).toBe('kubectl label node n1 disktype=ssd --overwrite');
    expect(reasons[1]?.fix.command).toBe('kubectl label node n1 zone=z1');
    expect(reasons[1]?.fix.yaml).toBe('metadata:\n  labels:\n    zone: z1');
  });

  it('suggests dropping a nodeSelector entry no label can satisfy', () => {
    const [reason] = reasonsOf(makeNode(), makeDaemonSet({ nodeSelector: { zone: 'not valid' } }));
    expect(reason?.fix.yaml).toContain('zone: null');
    expect(reason?.fix.command).toContain('--type=merge');
  });

  it('gives one affinity reason per term, at its first failing expression', () => {
    const node = makeNode({ name: 'n1', labels: { zone: 'z3', arch: 'arm64' } });
    const ds = makeDaemonSet(
      requiredAffinity([
        {
          matchExpressions: [
            expr('arch', 'In', ['arm64']),
            expr('zone', 'In', ['z1', 'z2']),
            expr('gpu', 'Exists'),
          ],
        },
        { matchFields: [expr('metadata.name', 'In', ['n9'])] },
      ]),
    );
    const reasons = only(reasonsOf(node, ds), 'nodeAffinity') as NodeAffinityReason[];
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatchObject({
      problem: 'mismatch',
      termIndex: 0,
      list: 'matchExpressions',
      expressionIndex: 1,
      key: 'zone',
      operator: 'In',
      values: ['z1', 'z2'],
      actual: 'z3',
    });
    expect(reasons[0]?.message).toContain('wants label zone in [z1, z2], but the node has zone=z3');
    // The label fix covers the whole term: both failing expressions.
    expect(reasons[0]?.fix.command).toBe('kubectl label node n1 zone=z1 gpu= --overwrite');
    expect(reasons[1]).toMatchObject({
      problem: 'mismatch',
      termIndex: 1,
      list: 'matchFields',
      key: 'metadata.name',
      actual: 'n1',
    });
    expect(reasons[1]?.fix.yaml).toContain('- n1');
  });

  it('explains an invalid term by naming the invalid expression', () => {
    const ds = makeDaemonSet(
      requiredAffinity([{ matchExpressions: [expr('zone', 'Exists'), expr('cores', 'Gt', ['-1'])] }]),
    );
    const [reason] = reasonsOf(makeNode({ labels: { zone: 'a', cores: '4' } }), ds) as NodeAffinityReason[];
    expect(reason).toMatchObject({
      kind: 'nodeAffinity',
      problem: 'invalid',
      termIndex: 0,
      list: 'matchExpressions',
      expressionIndex: 1,
    });
    expect(reason?.message).toContain('matchExpressions[1]');
    expect(reason?.message).toContain('"-1"');
    expect(reason?.fix.yaml).toContain('- key: cores\n  operator: Gt\n  values:\n  - "-1"');
  });

  it('explains an affinity with no usable terms', () => {
    const [reason] = reasonsOf(makeNode(), makeDaemonSet(requiredAffinity([{}, { matchExpressions: [] }])));
    expect(reason).toMatchObject({ kind: 'nodeAffinity', problem: 'noTerms', declaredTerms: 2 });
  });

  it('explains a pinned nodeName', () => {
    const [reason] = reasonsOf(makeNode({ name: 'n1' }), makeDaemonSet({ nodeName: 'n2' }));
    expect(reason).toMatchObject({ kind: 'nodeName', wanted: 'n2', actual: 'n1', podMayKeepRunning: false });
    expect(reason?.fix.yaml).toContain('nodeName: null');
  });

  it('lists every failing constraint, not only the first upstream stops at', () => {
    const node = makeNode({ taints: [taint('k', '', 'NoSchedule')] });
    const kinds = reasonsOf(node, makeDaemonSet({ nodeName: 'other', nodeSelector: { a: '1' } })).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['nodeName', 'nodeSelector', 'taint']);
  });
});

describe('compileEligibility', () => {
  it('returns the one frozen eligible verdict, allocating nothing per eligible node', () => {
    const evaluate = compileEligibility(makeDaemonSet());
    const a = evaluate(makeNode({ name: 'a' }));
    const b = evaluate(makeNode({ name: 'b' }));
    expect(a).toBe(eligibleVerdict);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.reasons)).toBe(true);
  });

  it('builds reasons on first read, keeps them, and serialises them', () => {
    const verdict = compileEligibility(makeDaemonSet())(
      makeNode({ taints: [taint('k', 'v', 'NoSchedule')] }),
    );
    const first = verdict.reasons;
    expect(verdict.reasons).toBe(first);
    const json = JSON.parse(JSON.stringify(verdict)) as { reasons: Reason[]; shouldRun: boolean };
    expect(json.shouldRun).toBe(false);
    expect(json.reasons[0]?.kind).toBe('taint');
  });

  it('exposes the merged tolerations and which defaults were applied', () => {
    const evaluate = compileEligibility(
      makeDaemonSet({
        tolerations: [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 60,
          },
        ],
      }),
    );
    expect(evaluate.defaultTolerations.map((d) => [d.toleration.key, d.outcome])).toEqual([
      ['node.kubernetes.io/not-ready', 'replaced'],
      ['node.kubernetes.io/unreachable', 'added'],
      ['node.kubernetes.io/disk-pressure', 'added'],
      ['node.kubernetes.io/memory-pressure', 'added'],
      ['node.kubernetes.io/pid-pressure', 'added'],
      ['node.kubernetes.io/unschedulable', 'added'],
    ]);
    expect(evaluate.tolerations[0]).toEqual({
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
    });
  });

  it('reads the DaemonSet once: later edits to the object do not leak in', () => {
    const ds = makeDaemonSet({ nodeSelector: { a: '1' } });
    const evaluate = compileEligibility(ds);
    const spec = ds.spec?.template?.spec;
    if (spec?.nodeSelector) spec.nodeSelector.a = '2';
    expect(evaluate(makeNode({ labels: { a: '1' } })).shouldRun).toBe(true);
  });
});

describe('bad input is expected input', () => {
  const cases: [string, unknown, unknown][] = [
    ['null node', null, makeDaemonSet()],
    ['empty node', {}, makeDaemonSet()],
    ['null DaemonSet', makeNode(), null],
    ['empty DaemonSet', makeNode(), {}],
    ['taints not a list', { metadata: { name: 'n' }, spec: { taints: 'x' } }, makeDaemonSet()],
    [
      'null taint entries',
      { metadata: { name: 'n' }, spec: { taints: [null, { effect: 'NoSchedule' }] } },
      makeDaemonSet(),
    ],
    ['labels null', { metadata: { name: 'n', labels: null } }, makeDaemonSet({ nodeSelector: { a: '' } })],
    [
      'tolerations with nulls',
      makeNode({ taints: [taint('k', '', 'NoSchedule')] }),
      makeDaemonSet({ tolerations: [null as never, { operator: 7 as never }] }),
    ],
    ['nodeSelector not a map', makeNode(), makeDaemonSet({ nodeSelector: 'x' as never })],
  ];
  it.each(cases)('%s gives a verdict with consistent reasons', (_name, node, ds) => {
    const verdict = nodeShouldRunDaemonPod(node as Node, ds as DaemonSet);
    expect(verdict.reasons.length === 0).toBe(verdict.shouldRun);
    expect(() => JSON.stringify(verdict)).not.toThrow();
  });
});

describe('sameEligibilityInputs', () => {
  const base = makeNode({ name: 'n1', labels: { a: '1' }, taints: [taint('k', 'v', 'NoSchedule')] });
  it.each([
    ['identical copy', structuredClone(base), true],
    [
      'timeAdded differs',
      makeNode({
        name: 'n1',
        labels: { a: '1' },
        taints: [{ ...taint('k', 'v', 'NoSchedule'), timeAdded: '2026-01-01T00:00:00Z' }],
      }),
      true,
    ],
    [
      'status differs',
      { ...structuredClone(base), status: { conditions: [{ type: 'Ready', status: 'False' }] } },
      true,
    ],
    [
      'label value changed',
      makeNode({ name: 'n1', labels: { a: '2' }, taints: [taint('k', 'v', 'NoSchedule')] }),
      false,
    ],
    [
      'label added',
      makeNode({ name: 'n1', labels: { a: '1', b: '' }, taints: [taint('k', 'v', 'NoSchedule')] }),
      false,
    ],
    [
      'taint effect changed',
      makeNode({ name: 'n1', labels: { a: '1' }, taints: [taint('k', 'v', 'NoExecute')] }),
      false,
    ],
    ['taint removed', makeNode({ name: 'n1', labels: { a: '1' } }), false],
    ['renamed', makeNode({ name: 'n2', labels: { a: '1' }, taints: [taint('k', 'v', 'NoSchedule')] }), false],
  ] as [string, Node, boolean][])('%s', (_name, other, want) => {
    expect(sameEligibilityInputs(base, other)).toBe(want);
    expect(sameEligibilityInputs(other, base)).toBe(want);
  });
});
