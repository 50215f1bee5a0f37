import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRollingUpdate, resolveBudgets, type PodState, type RollingUpdateNode } from './rolling-update';

const available: PodState = { ready: true, available: true };
const unavailable: PodState = { ready: false, available: false };
const terminating: PodState = { ready: true, available: true, terminating: true };

/** A node with the given old and new pods; eligible unless told otherwise. */
function node(name: string, oldPods: PodState[], newPods: PodState[] = [], shouldRun = true): RollingUpdateNode {
  return { name, oldPods, newPods, shouldRun };
}

describe('resolveBudgets', () => {
  it.each([
    { name: 'ints as given', surge: 0, unavailable: 3, desired: 5, expected: [0, 3] },
    { name: '25% of 5 rounds up to 2', surge: null, unavailable: '25%', desired: 5, expected: [0, 2] },
    { name: '10% of 5 rounds up to 1', surge: '10%', unavailable: 0, desired: 5, expected: [1, 0] },
    { name: '50% of 3 rounds up to 2', surge: '50%', unavailable: 0, desired: 3, expected: [2, 0] },
    { name: 'both zero falls back to maxUnavailable=1', surge: 0, unavailable: 0, desired: 4, expected: [0, 1] },
    { name: 'both zero stays zero with no desired nodes', surge: 0, unavailable: 0, desired: 0, expected: [0, 0] },
    { name: '0% of anything is 0, then the fallback', surge: '0%', unavailable: '0%', desired: 7, expected: [0, 1] },
    { name: 'unset values take the API defaults', surge: undefined, unavailable: undefined, desired: 3, expected: [0, 1] },
    { name: '100% surge is every desired node', surge: '100%', unavailable: 0, desired: 9, expected: [9, 0] },
  ] as const)('$name', ({ surge, unavailable, desired, expected }) => {
    const budgets = resolveBudgets(surge, unavailable, desired);
    expect([budgets.maxSurge, budgets.maxUnavailable]).toEqual(expected);
    expect(budgets.desiredNumberScheduled).toBe(desired);
  });

  it.each([
    { name: 'string without %', value: '3', message: 'invalid value for IntOrString: invalid type: string is not a percentage' },
    {
      name: 'bad percent number',
      value: 'x%',
      message: 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax',
    },
  ])('throws upstream text for $name', ({ value, message }) => {
    expect(() => resolveBudgets(value, 0, 3)).toThrow(message);
  });
});

describe('planRollingUpdate without surge', () => {
  it('deletes available old pods up to maxUnavailable, in node order', () => {
    const plan = planRollingUpdate({ maxUnavailable: 2, nodes: ['a', 'b', 'c'].map((n) => node(n, [available])) });
    expect(plan).toEqual({ maxSurge: 0, maxUnavailable: 2, desiredNumberScheduled: 3, deleteOldOn: ['a', 'b'], createNewOn: [] });
  });

  it('always deletes unavailable old pods, beyond the budget', () => {
    const plan = planRollingUpdate({ maxUnavailable: 1, nodes: ['a', 'b', 'c'].map((n) => node(n, [unavailable])) });
    expect(plan.deleteOldOn).toEqual(['a', 'b', 'c']);
  });

  it('counts deleted unavailable old pods against the budget for available ones', () => {
    const plan = planRollingUpdate({ maxUnavailable: 2, nodes: [node('sick', [unavailable]), node('a', [available]), node('b', [available])] });
    expect(plan.deleteOldOn).toEqual(['sick', 'a']);
  });

  it('counts empty desired nodes and nodes with both pods as unavailable', () => {
    const plan = planRollingUpdate({
      maxUnavailable: 2,
      nodes: [node('empty', []), node('both', [available], [available]), node('old', [available])],
    });
    expect(plan.deleteOldOn).toEqual([]);
  });

  it('ignores an empty node the DaemonSet should not run on', () => {
    const plan = planRollingUpdate({ maxUnavailable: 1, nodes: [node('gone', [], [], false), node('old', [available])] });
    expect(plan.deleteOldOn).toEqual(['old']);
    expect(plan.desiredNumberScheduled).toBe(1);
  });

  it('does not consult shouldRun for a node that still has its old pod', () => {
    const plan = planRollingUpdate({ maxUnavailable: 1, nodes: [node('tainted', [available], [], false)] });
    expect(plan).toMatchObject({ desiredNumberScheduled: 0, maxUnavailable: 1, deleteOldOn: ['tainted'] });
  });

  it('treats a node whose only pod is terminating as empty', () => {
    const plan = planRollingUpdate({ maxUnavailable: 1, nodes: [node('t', [terminating]), node('old', [available])] });
    expect(plan.deleteOldOn).toEqual([]);
  });

  it('skips nodes with excess pods but counts them as unavailable', () => {
    const plan = planRollingUpdate({ maxUnavailable: 2, nodes: [node('x', [available, available]), node('a', [available]), node('b', [available])] });
    expect(plan.deleteOldOn).toEqual(['a']);
  });
});

describe('planRollingUpdate with surge', () => {
  it('surges onto maxSurge nodes with available old pods', () => {
    const plan = planRollingUpdate({ maxSurge: 2, maxUnavailable: 0, nodes: ['a', 'b', 'c'].map((n) => node(n, [available])) });
    expect(plan).toEqual({ maxSurge: 2, maxUnavailable: 0, desiredNumberScheduled: 3, deleteOldOn: [], createNewOn: ['a', 'b'] });
  });

  it('replaces an unavailable old pod at once, ignoring the budget', () => {
    const plan = planRollingUpdate({
      maxSurge: 1,
      maxUnavailable: 0,
      nodes: [node('a', [available], [unavailable]), node('b', [unavailable]), node('c', [available])],
    });
    expect(plan.createNewOn).toEqual(['b']);
  });

  it('deletes the old pod once the new pod beside it is available', () => {
    const plan = planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: [node('a', [available], [available])] });
    expect(plan.deleteOldOn).toEqual(['a']);
  });

  it('keeps an available old pod on an ineligible node until enough pods are available elsewhere', () => {
    const nodes = [node('gone', [available], [], false), node('a', [], [unavailable])];
    expect(planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes }).deleteOldOn).toEqual([]);
    const later = [node('gone', [available], [], false), node('a', [], [available])];
    expect(planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: later }).deleteOldOn).toEqual(['gone']);
  });

  it('tallies availability by the old pod while a surge pod is beside it', () => {
    // gone + a's old pod are available (2 > 1 desired), so the ineligible node's pod may go.
    const surging = [node('gone', [available], [], false), node('a', [available], [unavailable])];
    expect(planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: surging }).deleteOldOn).toEqual(['gone']);
    // a's old pod is unavailable: only 1 available for 1 desired, so the ineligible node keeps its pod.
    const oldSick = [node('gone', [available], [], false), node('a', [unavailable], [available])];
    expect(planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: oldSick }).deleteOldOn).toEqual(['a']);
  });

  it('deletes an unavailable old pod on an ineligible node at once', () => {
    const plan = planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: [node('gone', [unavailable], [], false)] });
    expect(plan.deleteOldOn).toEqual(['gone']);
    expect(plan.createNewOn).toEqual([]);
  });

  it('leaves empty nodes to the manage loop without using surge budget', () => {
    const plan = planRollingUpdate({ maxSurge: 1, maxUnavailable: 0, nodes: [node('empty', []), node('a', [available])] });
    expect(plan.createNewOn).toEqual(['a']);
  });
});

describe('planRollingUpdate rejects malformed budgets', () => {
  it('throws for a string that is not a percentage', () => {
    expect(() => planRollingUpdate({ maxSurge: 'lots', maxUnavailable: 0, nodes: [node('a', [available])] })).toThrow(
      'string is not a percentage',
    );
  });

  it('survives nodes with missing pod lists', () => {
    const broken = { name: 'a' } as unknown as RollingUpdateNode;
    expect(planRollingUpdate({ maxUnavailable: 1, nodes: [broken] }).deleteOldOn).toEqual([]);
  });
});

// ---- properties -------------------------------------------------------------------------------

const podArb = fc.record({ ready: fc.boolean(), available: fc.boolean(), terminating: fc.boolean() }).map(
  (pod): PodState => ({ ...pod, ready: pod.ready || pod.available }),
);
const nodesArb = fc
  .array(
    fc.record({
      shouldRun: fc.boolean(),
      oldPods: fc.array(podArb, { maxLength: 2 }),
      newPods: fc.array(podArb, { maxLength: 2 }),
    }),
    { maxLength: 25 },
  )
  .map((nodes) => nodes.map((n, i): RollingUpdateNode => ({ name: `node-${i}`, ...n })));
const budgetArb = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`));

const live = (pods: PodState[]) => pods.filter((pod) => !pod.terminating);

describe('planRollingUpdate properties', () => {
  it('names only given nodes, each once, never both deleting and creating on one node', () => {
    fc.assert(
      fc.property(nodesArb, budgetArb, budgetArb, (nodes, maxSurge, maxUnavailable) => {
        const plan = planRollingUpdate({ maxSurge, maxUnavailable, nodes });
        const names = new Set(nodes.map((n) => n.name));
        for (const list of [plan.deleteOldOn, plan.createNewOn]) {
          expect(new Set(list).size).toBe(list.length);
          for (const name of list) expect(names.has(name)).toBe(true);
        }
        expect(plan.deleteOldOn.filter((name) => plan.createNewOn.includes(name))).toEqual([]);
      }),
    );
  });

  it('without surge: never creates, deletes only single live old pods, keeps available deletions within budget', () => {
    fc.assert(
      fc.property(nodesArb, budgetArb, (nodes, maxUnavailable) => {
        const plan = planRollingUpdate({ maxSurge: 0, maxUnavailable, nodes });
        expect(plan.createNewOn).toEqual([]);
        const byName = new Map(nodes.map((n) => [n.name, n]));
        let availableDeleted = 0;
        for (const name of plan.deleteOldOn) {
          const n = byName.get(name);
          expect(n && live(n.oldPods).length === 1 && live(n.newPods).length === 0).toBe(true);
          if (n && live(n.oldPods)[0]?.available) availableDeleted++;
        }
        expect(availableDeleted).toBeLessThanOrEqual(plan.maxUnavailable);
      }),
    );
  });

  it('with surge: never creates on a node that has a live new pod, and surges beside available old pods within maxSurge', () => {
    fc.assert(
      fc.property(nodesArb, fc.integer({ min: 1, max: 10 }), (nodes, maxSurge) => {
        const plan = planRollingUpdate({ maxSurge, maxUnavailable: 0, nodes });
        const byName = new Map(nodes.map((n) => [n.name, n]));
        let surgedBesideAvailable = 0;
        for (const name of plan.createNewOn) {
          const n = byName.get(name);
          expect(n && live(n.newPods).length === 0 && live(n.oldPods).length === 1 && n.shouldRun !== false).toBe(true);
          if (n && live(n.oldPods)[0]?.available) surgedBesideAvailable++;
        }
        expect(surgedBesideAvailable).toBeLessThanOrEqual(plan.maxSurge);
      }),
    );
  });

  it('with surge: deletes an available old pod only beside an available new pod or on an ineligible node', () => {
    fc.assert(
      fc.property(nodesArb, fc.integer({ min: 1, max: 10 }), (nodes, maxSurge) => {
        const plan = planRollingUpdate({ maxSurge, maxUnavailable: 0, nodes });
        const byName = new Map(nodes.map((n) => [n.name, n]));
        for (const name of plan.deleteOldOn) {
          const n = byName.get(name);
          const old = n && live(n.oldPods)[0];
          if (!n || !old?.available) continue;
          const newAvailable = live(n.newPods)[0]?.available === true;
          expect(newAvailable || n.shouldRun === false).toBe(true);
        }
      }),
    );
  });

  it('is deterministic for the same input', () => {
    fc.assert(
      fc.property(nodesArb, budgetArb, budgetArb, (nodes, maxSurge, maxUnavailable) => {
        expect(planRollingUpdate({ maxSurge, maxUnavailable, nodes })).toEqual(planRollingUpdate({ maxSurge, maxUnavailable, nodes }));
      }),
    );
  });
});
