import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, PodTemplateSpec } from './k8s-types';
import { revisionPatchData } from './history';
import { computeRevisionHash, nextRevisionNumber, planHistoryCleanup, planHistorySync, revisionsAfterSync } from './history-sync';

function template(image: string): PodTemplateSpec {
  return { metadata: { labels: { app: 'bind' } }, spec: { containers: [{ name: 'c', image }] } };
}

function daemonSet(image: string, revisionHistoryLimit?: number): DaemonSet {
  return { metadata: { name: 'bind', uid: 'u' }, spec: { template: template(image), revisionHistoryLimit } };
}

function revision(number: number, image: string, name = `bind-${image}-${number}`): ControllerRevision {
  return { metadata: { name, labels: { 'controller-revision-hash': name } }, data: revisionPatchData(template(image)), revision: number };
}

describe('nextRevisionNumber', () => {
  it.each([
    { revisions: [], expected: 1 },
    { revisions: [revision(1, 'a'), revision(4, 'b'), revision(2, 'c')], expected: 5 },
  ])('max + 1 → $expected', ({ revisions, expected }) => {
    expect(nextRevisionNumber(revisions)).toBe(expected);
  });
});

describe('planHistorySync', () => {
  it('asks for a snapshot numbered max(old)+1 when no revision holds the template', () => {
    const plan = planHistorySync(daemonSet('v3'), [revision(1, 'v1'), revision(2, 'v2')]);
    expect(plan).toMatchObject({ current: undefined, nextRevision: 3, renumberCurrent: false, deleteDuplicates: [] });
    expect(plan.old).toHaveLength(2);
  });

  it('keeps a current revision that is already the newest', () => {
    const plan = planHistorySync(daemonSet('v2'), [revision(1, 'v1'), revision(2, 'v2')]);
    expect(plan.current?.revision).toBe(2);
    expect(plan.renumberCurrent).toBe(false);
  });

  it('renumbers the current revision to the top after a rollback', () => {
    expect(revisionsAfterSync(daemonSet('v1'), [revision(1, 'v1', 'r1'), revision(2, 'v2', 'r2')])).toEqual([
      { name: 'r2', revision: 2 },
      { name: 'r1', revision: 3 },
    ]);
  });

  it('dedups current revisions: keeps the highest, deletes the rest with their hashes', () => {
    const plan = planHistorySync(daemonSet('v1'), [revision(5, 'v1', 'a'), revision(2, 'v2', 'b'), revision(3, 'v1', 'c')]);
    expect(plan.current?.metadata?.name).toBe('a');
    expect(plan.deleteDuplicates).toEqual([{ name: 'c', hash: 'c' }]);
    expect(plan.renumberCurrent).toBe(false);
  });
});

describe('planHistoryCleanup', () => {
  const old = [revision(3, 'c'), revision(1, 'a'), revision(2, 'b'), revision(4, 'd')];

  it.each([
    { name: 'within the limit nothing goes', limit: 10, live: [], expected: [] },
    { name: 'oldest go first', limit: 2, live: [], expected: ['bind-a-1', 'bind-b-2'] },
    { name: 'revisions with live pods are skipped', limit: 2, live: ['bind-a-1'], expected: ['bind-b-2', 'bind-c-3'] },
    { name: 'limit 0 removes every old revision without pods', limit: 0, live: ['bind-d-4'], expected: ['bind-a-1', 'bind-b-2', 'bind-c-3'] },
  ])('$name', ({ limit, live, expected }) => {
    expect(planHistoryCleanup(daemonSet('x', limit), old, live)).toEqual(expected);
  });

  it('defaults revisionHistoryLimit to 10', () => {
    const many = Array.from({ length: 12 }, (_, i) => revision(i + 1, `i${i}`));
    expect(planHistoryCleanup(daemonSet('x'), many, [])).toEqual(['bind-i0-1', 'bind-i1-2']);
  });
});

describe('computeRevisionHash', () => {
  it('uses the safe alphabet, is stable for equal templates and changes with the collision count', () => {
    const hash = computeRevisionHash(template('v1'));
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computeRevisionHash(template('v1'))).toBe(hash);
    expect(computeRevisionHash(template('v2'))).not.toBe(hash);
    expect(computeRevisionHash(template('v1'), 1)).not.toBe(computeRevisionHash(template('v1'), 0));
  });
});

describe('history sync properties', () => {
  const historyArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 })
    .chain((numbers) => fc.tuple(fc.constant(numbers), fc.integer({ min: 0, max: numbers.length - 1 })));

  it('after a sync the live revision is the newest, numbers stay unique and the others keep theirs', () => {
    fc.assert(
      fc.property(historyArb, ([numbers, liveIndex]) => {
        const revisions = numbers.map((number, i) => revision(number, `img${i}`, `r${i}`));
        const after = revisionsAfterSync(daemonSet(`img${liveIndex}`), revisions);
        const live = after.find((entry) => entry.name === `r${liveIndex}`);
        expect(live?.revision).toBe(Math.max(...after.map((entry) => entry.revision)));
        expect(new Set(after.map((entry) => entry.revision)).size).toBe(after.length);
        for (const entry of after) {
          if (entry.name !== `r${liveIndex}`) expect(entry.revision).toBe(numbers[Number(entry.name.slice(1))]);
        }
      }),
    );
  });
});
