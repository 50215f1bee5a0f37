import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node } from './k8s-types';
import { compileEligibility, nodeShouldRunDaemonPod } from './eligibility';

interface EligibilityVector {
  name: string;
  source: string;
  node: Node;
  daemonSet: DaemonSet;
  featureGates?: { TaintTolerationComparisonOperators?: boolean };
  expect: { shouldRun: boolean; shouldContinueRunning: boolean };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../shared/vectors/eligibility.json', import.meta.url), 'utf8'),
) as EligibilityVector[];

describe('eligibility vectors (../shared/vectors/eligibility.json)', () => {
  it('loads a non-trivial set', () => {
    expect(vectors.length).toBeGreaterThan(50);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const options = { featureGates: v.featureGates };
    const verdict = nodeShouldRunDaemonPod(v.node, v.daemonSet, options);
    expect({ shouldRun: verdict.shouldRun, shouldContinueRunning: verdict.shouldContinueRunning }).toEqual(
      v.expect,
    );
    expect(verdict.reasons.length > 0).toBe(!v.expect.shouldRun);
    for (const reason of verdict.reasons) {
      expect(reason.message.length).toBeGreaterThan(0);
      expect(reason.fix.description.length).toBeGreaterThan(0);
    }
    const evaluate = compileEligibility(v.daemonSet, options);
    const compiled = evaluate(v.node);
    expect([compiled.shouldRun, compiled.shouldContinueRunning]).toEqual([
      v.expect.shouldRun,
      v.expect.shouldContinueRunning,
    ]);
    expect(evaluate.shouldRun(v.node)).toBe(v.expect.shouldRun);
  });
});
