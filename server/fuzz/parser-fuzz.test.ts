import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDaemonSet, makeNode } from '@/lib/eligibility-test-builders';
import { nodeShouldRunDaemonPod, parseFieldSelectorString, parseLabelSelectorString, parseQuantity, QuantityError } from '@/lib/index';
import type { NodeSelectorRequirement, PodSpec, Taint, Toleration } from '@/lib/k8s-types';

/* lib/'s parsers read text an operator typed or an API server sent; whatever it is, they answer with a
   result or their one documented error, never an exception from deep inside. Seed: scripts/vitest-setup.ts. */

// Text that looks like selector syntax often enough to reach the parsers' deeper branches.
const selectorish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('a', 'b.io/c', '=', '==', '!=', '!', ',', ' ', '(', ')', 'in', 'notin', 'x', '-', '\\', '', '1', 'gt', '<', '>', 'metadata.name'), { maxLength: 16 }).map((parts) => parts.join('')),
);

const quantityish = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('1', '0', '.', '-', '+', 'e', 'E', '9', 'Ki', 'Mi', 'm', 'n', 'u', 'k', 'G', 'Ei', 'i', ' ', '999'), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.double(),
  fc.integer(),
);

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'a', 'node-role.kubernetes.io/control-plane', '1', '-5', '1e3', 'Exists'));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const operator = fc.oneof(fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Equal', 'in', ''), fc.string({ maxLength: 6 }));
const effect = fc.oneof(fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute', ''), fc.string({ maxLength: 6 }));

const requirement: fc.Arbitrary<NodeSelectorRequirement> = fc.record({ key: maybe(text), operator: maybe(operator), values: maybe(fc.array(text, { maxLength: 3 })) }, { requiredKeys: [] });
const toleration: fc.Arbitrary<Toleration> = fc.record(
  { key: maybe(text), operator: maybe(operator), value: maybe(text), effect: maybe(effect), tolerationSeconds: maybe(fc.oneof(fc.integer(), fc.constant(null))) },
  { requiredKeys: [] },
);
const taint: fc.Arbitrary<Taint> = fc.record({ key: maybe(text), value: maybe(text), effect: maybe(effect) }, { requiredKeys: [] });
const podSpec: fc.Arbitrary<Partial<PodSpec>> = fc.record(
  {
    nodeSelector: maybe(fc.dictionary(text, text, { maxKeys: 3 })),
    tolerations: maybe(fc.array(toleration, { maxLength: 4 })),
    affinity: maybe(
      fc.record({
        nodeAffinity: fc.record({
          requiredDuringSchedulingIgnoredDuringExecution: fc.option(
            fc.record({
              nodeSelectorTerms: fc.option(fc.array(fc.record({ matchExpressions: fc.option(fc.array(requirement, { maxLength: 3 })), matchFields: fc.option(fc.array(requirement, { maxLength: 2 })) }), { maxLength: 3 })),
            }),
          ),
        }),
      }),
    ),
  },
  { requiredKeys: [] },
);

describe('lib parsers never throw on arbitrary input', () => {
  it('parseLabelSelectorString answers ok or an error text', () => {
    fc.assert(
      fc.property(selectorish, (input) => {
        const result = parseLabelSelectorString(input);
        expect(result.ok ? true : typeof result.error === 'string' && result.error !== '').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseFieldSelectorString answers ok or an error text', () => {
    fc.assert(
      fc.property(selectorish, (input) => {
        const result = parseFieldSelectorString(input);
        expect(result.ok ? Array.isArray(result.value) : typeof result.error === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseQuantity returns a quantity or throws QuantityError, and nothing else', () => {
    fc.assert(
      fc.property(quantityish, (input) => {
        try {
          expect(typeof parseQuantity(input).nanos).toBe('bigint');
        } catch (error) {
          expect(error).toBeInstanceOf(QuantityError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([['1e999999999'], ['9Ei'], ['1' + '0'.repeat(5000)], ['.'.repeat(10_000)], ['-0.000000000000000000001']])('parseQuantity(%s) stays bounded', (input) => {
    try {
      parseQuantity(input);
    } catch (error) {
      expect(error).toBeInstanceOf(QuantityError);
    }
  });

  it('nodeShouldRunDaemonPod gives a verdict for any tolerations, taints and affinity', () => {
    fc.assert(
      fc.property(podSpec, fc.array(taint, { maxLength: 4 }), fc.dictionary(text, text, { maxKeys: 4 }), (spec, taints, labels) => {
        const verdict = nodeShouldRunDaemonPod(makeNode({ labels, taints }), makeDaemonSet(spec));
        expect(typeof verdict.shouldRun).toBe('boolean');
        expect(typeof verdict.shouldContinueRunning).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
