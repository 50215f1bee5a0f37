/**
 * Every item of ../shared/vectors/{rolling-update,rollout-status,rollback}.json through the lib/
 * functions CONTRACT.md names.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, IntOrString } from './k8s-types';
import { planRollingUpdate, type RollingUpdateNode } from './rolling-update';
import { rolloutStatus } from './rollout-status';
import { formatRollbackCli, rollbackTarget } from './rollback';
import { revisionsAfterSync } from './history-sync';

function loadVectors<T>(file: string): T[] {
  const path = fileURLToPath(new URL(`../../shared/vectors/${file}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T[];
}

// ---- rolling-update.json ----------------------------------------------------------------------

interface Extra {
  count: number;
  chooseFrom: string[];
}

interface RollingUpdateVector {
  name: string;
  maxSurge: IntOrString | null;
  maxUnavailable: IntOrString | null;
  desiredNodes: number;
  nodes: RollingUpdateNode[];
  expect: {
    resolved: { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number };
    deleteOldOn: string[];
    createNewOn: string[];
    deterministic: boolean;
    deleteOldExtra?: Extra;
    createNewExtra?: Extra;
    deleteCount: number;
    createCount: number;
    unitTestFullSync?: unknown;
  };
}

/** `actual` holds every `required` name plus exactly `extra.count` more, all drawn from `extra.chooseFrom`. */
function expectChoice(actual: string[], required: string[], extra: Extra | undefined): void {
  expect(new Set(actual).size).toBe(actual.length);
  for (const name of required) expect(actual).toContain(name);
  const extras = actual.filter((name) => !required.includes(name));
  expect(extras.length).toBe(extra?.count ?? 0);
  for (const name of extras) expect(extra?.chooseFrom ?? []).toContain(name);
}

describe('rolling-update.json', () => {
  it.each(loadVectors<RollingUpdateVector>('rolling-update.json'))('$name', (vector) => {
    const plan = planRollingUpdate({ maxSurge: vector.maxSurge, maxUnavailable: vector.maxUnavailable, nodes: vector.nodes });
    const { expect: want } = vector;
    expect({ maxSurge: plan.maxSurge, maxUnavailable: plan.maxUnavailable, desiredNumberScheduled: plan.desiredNumberScheduled }).toEqual(
      want.resolved,
    );
    expect(plan.desiredNumberScheduled).toBe(vector.desiredNodes);
    expectChoice(plan.deleteOldOn, want.deleteOldOn, want.deleteOldExtra);
    expectChoice(plan.createNewOn, want.createNewOn, want.createNewExtra);
    if (want.unitTestFullSync === undefined) {
      expect(plan.deleteOldOn.length).toBe(want.deleteCount);
      expect(plan.createNewOn.length).toBe(want.createCount);
    }
  });
});

// ---- rollout-status.json ----------------------------------------------------------------------

interface RolloutStatusVector {
  name: string;
  daemonSet: DaemonSet;
  expect: { message?: string; error?: string; done: boolean };
}

describe('rollout-status.json', () => {
  it.each(loadVectors<RolloutStatusVector>('rollout-status.json'))('$name', (vector) => {
    if (vector.expect.error !== undefined) {
      expect(() => rolloutStatus(vector.daemonSet)).toThrow(vector.expect.error);
      return;
    }
    expect(rolloutStatus(vector.daemonSet)).toEqual({ message: vector.expect.message, done: vector.expect.done });
  });
});

// ---- rollback.json ----------------------------------------------------------------------------

interface RollbackVector {
  name: string;
  daemonSet: DaemonSet;
  revisions: ControllerRevision[];
  toRevision: number;
  expect: {
    revision?: number;
    result?: string;
    skipped?: boolean;
    message?: string;
    cliOutput?: string;
    cliStderr?: string;
    error?: string;
    patch?: { type: string; target: string; body: unknown };
    revisionsAfterControllerSync?: { name: string; revision: number }[];
  };
}

describe('rollback.json', () => {
  it.each(loadVectors<RollbackVector>('rollback.json'))('$name', ({ daemonSet, revisions, toRevision, expect: want }) => {
    if (want.error !== undefined) {
      expect(() => rollbackTarget(daemonSet, revisions, toRevision)).toThrow(want.error);
      let thrown: unknown;
      try {
        rollbackTarget(daemonSet, revisions, toRevision);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(want.error);
      expect(formatRollbackCli(daemonSet, thrown as Error)).toEqual({ stdout: '', stderr: want.cliStderr, exitCode: 1 });
      return;
    }
    const outcome = rollbackTarget(daemonSet, revisions, toRevision);
    expect(outcome.revision).toBe(want.revision);
    expect(formatRollbackCli(daemonSet, outcome)).toEqual({ stdout: want.cliOutput, stderr: '', exitCode: 0 });
    if (want.skipped) {
      expect(outcome).toEqual({ skipped: true, message: want.message, revision: want.revision });
      return;
    }
    if (!('patch' in outcome)) throw new Error('expected a patch');
    if (want.patch) {
      expect(outcome.patch).toEqual(want.patch);
    }
    if (want.revisionsAfterControllerSync) {
      const patched: DaemonSet = { ...daemonSet, spec: { ...daemonSet.spec, template: outcome.template } };
      expect(revisionsAfterSync(patched, revisions)).toEqual(want.revisionsAfterControllerSync);
    }
  });
});
