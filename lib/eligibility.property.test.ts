import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type {
  DaemonSet,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodSpec,
  Taint,
  Toleration,
} from './k8s-types';
import type { Reason } from './eligibility-types';
import { addDaemonPodTolerations } from './daemon-tolerations';
import { makeDaemonSet } from './eligibility-test-builders';
import { compileEligibility, nodeShouldRunDaemonPod } from './eligibility';
import { newRequirement, requirementMatches } from './label-selector';
import { toleratesTaint } from './taints';

// ---- generators over small alphabets, so that matches and mismatches both happen often ----------

const key = fc.constantFrom('a', 'b', 'zone', 'example.com/c');
const value = fc.constantFrom('', '1', '5', '05', 'x', 'bad value', '-1');
const nodeName = fc.constantFrom('n1', 'n2', '');
const effect = fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule', '');
const taintKey = fc.constantFrom(
  'k',
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/network-unavailable',
);

const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: taintKey,
  value: fc.constantFrom('', 'v', '3', '10'),
  effect,
});
const tolerationArb: fc.Arbitrary<Toleration> = fc.record(
  {
    key: fc.constantFrom('', 'k', 'node.kubernetes.io/not-ready'),
    operator: fc.constantFrom('', 'Equal', 'Exists', 'Gt', 'Lt', 'Nope'),
    value: fc.constantFrom('', 'v', '5'),
    effect,
  },
  { requiredKeys: [] },
);
const expressionArb: fc.Arbitrary<NodeSelectorRequirement> = fc.record(
  {
    key: fc.oneof(key, fc.constant('metadata.name')),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'in'),
    values: fc.array(value, { maxLength: 2 }),
  },
  { requiredKeys: ['key', 'operator'] },
);
const termArb: fc.Arbitrary<NodeSelectorTerm> = fc.record(
  {
    matchExpressions: fc.array(expressionArb, { maxLength: 2 }),
    matchFields: fc.array(expressionArb, { maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const nodeArb: fc.Arbitrary<Node> = fc.record({
  metadata: fc.record({ name: nodeName, labels: fc.dictionary(key, value, { maxKeys: 3 }) }),
  spec: fc.record({ taints: fc.array(taintArb, { maxLength: 3 }) }),
});
const specArb: fc.Arbitrary<Partial<PodSpec>> = fc.record(
  {
    nodeName: nodeName,
    nodeSelector: fc.dictionary(key, value, { maxKeys: 2 }),
    tolerations: fc.array(tolerationArb, { maxLength: 3 }),
    hostNetwork: fc.boolean(),
    affinity: fc.option(fc.array(termArb, { maxLength: 2 }), { nil: undefined }).map((terms) =>
      terms === undefined
        ? undefined
        : {
            nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
          },
    ),
  },
  { requiredKeys: [] },
);
const dsArb = specArb.map((spec) => makeDaemonSet(spec));
const gatesArb = fc.record({ TaintTolerationComparisonOperators: fc.boolean() });

// ---- a straightforward reference, written from §1 without any precompilation -------------------

const nodeOps: Record<string, string> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
  Gt: 'gt',
  Lt: 'lt',
};

function referenceTerm(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const name = node.metadata?.name ?? '';
  const labelReqs = (term.matchExpressions ?? []).map((e) =>
    newRequirement(e.key ?? '', nodeOps[e.operator ?? ''] ?? '?', e.values ?? []),
  );
  const fieldsOk = (term.matchFields ?? []).every(
    (e) => (e.operator === 'In' || e.operator === 'NotIn') && (e.values ?? []).length === 1,
  );
  if (labelReqs.some((r) => !r.ok) || !fieldsOk) return false;
  if (!labelReqs.every((r) => r.ok && requirementMatches(r.value, labels))) return false;
  if (name === '') return true;
  return (term.matchFields ?? []).every((e) => {
    const actual = e.key === 'metadata.name' ? name : '';
    return e.operator === 'In' ? actual === e.values?.[0] : actual !== e.values?.[0];
  });
}

function reference(
  node: Node,
  ds: DaemonSet,
  gates: { TaintTolerationComparisonOperators: boolean },
): [boolean, boolean] {
  const spec = addDaemonPodTolerations(ds.spec?.template?.spec ?? {});
  const name = node.metadata?.name ?? '';
  const labels = node.metadata?.labels ?? {};
  if ((spec.nodeName ?? '') !== '' && spec.nodeName !== name) return [false, false];
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v))
    return [false, false];
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = (required.nodeSelectorTerms ?? []).filter(
      (t) => (t.matchExpressions ?? []).length + (t.matchFields ?? []).length > 0,
    );
    if (!terms.some((t) => referenceTerm(t, node))) return [false, false];
  }
  const untolerated = (node.spec?.taints ?? []).filter(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !(spec.tolerations ?? []).some((tol) => toleratesTaint(tol, t, gates)),
  );
  if (untolerated.length === 0) return [true, true];
  return [false, !untolerated.some((t) => t.effect === 'NoExecute')];
}

// ---- applying a Reason's fix -------------------------------------------------------------------

function applyFix(node: Node, ds: DaemonSet, reason: Reason): { node: Node; ds: DaemonSet } | null {
  const patch = parseYaml(reason.fix.yaml) as Record<string, unknown> | null;
  if (reason.fix.command?.startsWith('kubectl label node')) {
    const changes = (patch as { metadata: { labels: Record<string, string | null> } }).metadata.labels;
    const labels: Record<string, string> = { ...node.metadata?.labels };
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete labels[k];
      else labels[k] = String(v);
    }
    return { node: { ...node, metadata: { ...node.metadata, labels } }, ds };
  }
  if (reason.kind === 'taint') {
    const added = (patch as { tolerations: Toleration[] }).tolerations;
    const spec = ds.spec?.template?.spec ?? {};
    return { node, ds: makeDaemonSet({ ...spec, tolerations: [...(spec.tolerations ?? []), ...added] }) };
  }
  return null;
}

function sameReason(a: Reason, b: Reason): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'taint' && b.kind === 'taint') return JSON.stringify(a.taint) === JSON.stringify(b.taint);
  if (a.kind === 'nodeSelector' && b.kind === 'nodeSelector') return a.key === b.key;
  if (a.kind === 'nodeAffinity' && b.kind === 'nodeAffinity')
    return 'termIndex' in a && 'termIndex' in b && a.termIndex === b.termIndex;
  return a.kind === 'nodeName';
}

describe('eligibility properties', () => {
  it('compileEligibility(ds)(node) equals the uncompiled reference, and reasons agree with shouldRun', () => {
    fc.assert(
      fc.property(dsArb, fc.array(nodeArb, { minLength: 1, maxLength: 4 }), gatesArb, (ds, nodes, gates) => {
        const evaluate = compileEligibility(ds, { featureGates: gates });
        for (const node of nodes) {
          const verdict = evaluate(node);
          expect([verdict.shouldRun, verdict.shouldContinueRunning]).toEqual(reference(node, ds, gates));
          expect(evaluate.shouldRun(node)).toBe(verdict.shouldRun);
          expect(verdict.reasons.length === 0).toBe(verdict.shouldRun);
          const direct = nodeShouldRunDaemonPod(node, ds, { featureGates: gates });
          expect(direct.reasons).toEqual(verdict.reasons);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on malformed objects, and reasons still agree with shouldRun', () => {
    // Wire-shaped skeletons with arbitrary JSON values where fields belong.
    const junk = fc.jsonValue({ maxDepth: 2 });
    const weirdNode = fc.record({
      metadata: fc.oneof(junk, fc.record({ name: junk, labels: junk })),
      spec: fc.oneof(junk, fc.record({ taints: fc.oneof(junk, fc.array(junk)) })),
    });
    const weirdSpec = fc.record(
      {
        nodeName: junk,
        nodeSelector: junk,
        tolerations: fc.oneof(junk, fc.array(junk)),
        hostNetwork: junk,
        affinity: fc.oneof(
          junk,
          fc.record({
            nodeAffinity: fc.record({
              requiredDuringSchedulingIgnoredDuringExecution: fc.oneof(
                junk,
                fc.record({ nodeSelectorTerms: fc.array(fc.oneof(junk, termArb)) }),
              ),
            }),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(weirdNode, weirdSpec, (node, spec) => {
        const daemonSet = makeDaemonSet(spec as Partial<PodSpec>);
        const verdict = nodeShouldRunDaemonPod(node as Node, daemonSet);
        return (
          (verdict.reasons.length === 0) === verdict.shouldRun &&
          compileEligibility(daemonSet).shouldRun(node as Node) === verdict.shouldRun &&
          typeof JSON.stringify(verdict) === 'string'
        );
      }),
      { numRuns: 500 },
    );
  });

  it('adding {operator: Exists} tolerates every taint: no taint reasons remain', () => {
    fc.assert(
      fc.property(specArb, nodeArb, (spec, node) => {
        const ds = makeDaemonSet({
          ...spec,
          tolerations: [...(spec.tolerations ?? []), { operator: 'Exists' }],
        });
        const verdict = nodeShouldRunDaemonPod(node, ds);
        expect(verdict.reasons.filter((r) => r.kind === 'taint')).toEqual([]);
        expect(verdict.shouldContinueRunning).toBe(verdict.shouldRun);
      }),
      { numRuns: 300 },
    );
  });

  it('applying a label or toleration fix removes exactly that reason', () => {
    const applied = { labels: 0, tolerations: 0 };
    fc.assert(
      fc.property(dsArb, nodeArb, (ds, node) => {
        for (const reason of nodeShouldRunDaemonPod(node, ds).reasons) {
          const fixed = applyFix(node, ds, reason);
          if (fixed === null) continue;
          if (reason.kind === 'taint') applied.tolerations += 1;
          else applied.labels += 1;
          const after = nodeShouldRunDaemonPod(fixed.node, fixed.ds).reasons;
          if (reason.kind === 'nodeAffinity') {
            // Terms are ORed: satisfying one term satisfies the affinity.
            expect(after.filter((r) => r.kind === 'nodeAffinity')).toEqual([]);
          } else {
            expect(after.some((r) => sameReason(r, reason))).toBe(false);
          }
        }
      }),
      { numRuns: 400 },
    );
    // Guard against a vacuous property: both kinds of fix were exercised.
    expect(applied.labels).toBeGreaterThan(20);
    expect(applied.tolerations).toBeGreaterThan(20);
  });
});
