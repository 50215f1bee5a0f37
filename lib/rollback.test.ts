import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, PodTemplateSpec } from './k8s-types';
import { revisionPatchData } from './history';
import { formatRollbackCli, rollbackTarget } from './rollback';

function template(image: string): PodTemplateSpec {
  return { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image }] } };
}

const ds: DaemonSet = {
  metadata: { name: 'agent', uid: 'u' },
  spec: { selector: { matchLabels: { app: 'x' } }, template: template('v3') },
};

function revision(number: number, image: string): ControllerRevision {
  return {
    metadata: { name: `agent-${number}`, labels: { app: 'x' }, ownerReferences: [{ uid: 'u', controller: true }] },
    data: revisionPatchData(template(image)),
    revision: number,
  };
}

const history = [revision(3, 'v3'), revision(1, 'v1'), revision(2, 'v2')];

describe('rollbackTarget', () => {
  it('undo picks the second-highest revision and patches with its data verbatim', () => {
    const outcome = rollbackTarget(ds, history, 0);
    expect(outcome).toEqual({
      revision: 2,
      template: template('v2'),
      patch: { type: 'application/strategic-merge-patch+json', target: 'daemonsets/agent', body: revisionPatchData(template('v2')) },
    });
  });

  it('--to-revision picks that exact number', () => {
    expect(rollbackTarget(ds, history, 1).revision).toBe(1);
  });

  it('skips when the target is the live template, naming the requested number', () => {
    expect(rollbackTarget(ds, history, 3)).toEqual({
      skipped: true,
      message: 'skipped rollback (current template already matches revision 3)',
      revision: 3,
    });
  });

  it.each([
    { toRevision: -2, revisions: history, message: 'unable to find specified revision -2 in history' },
    { toRevision: 9, revisions: history, message: 'unable to find specified revision 9 in history' },
    { toRevision: 1.5, revisions: history, message: 'unable to find specified revision 1.5 in history' },
    { toRevision: 0, revisions: [revision(1, 'v1')], message: 'no last revision to roll back to' },
    { toRevision: 0, revisions: [], message: 'no last revision to roll back to' },
  ])('throws "$message"', ({ toRevision, revisions, message }) => {
    expect(() => rollbackTarget(ds, revisions, toRevision)).toThrow(new Error(message));
  });

  it('refuses a target revision without a template', () => {
    const broken = { ...revision(1, 'v1'), data: { spec: {} } };
    expect(() => rollbackTarget(ds, [broken, revision(3, 'v3')], 1)).toThrow('failed restoring revision 1');
  });
});

describe('formatRollbackCli', () => {
  it.each([
    { outcome: rollbackTarget(ds, history, 0), expected: { stdout: 'daemonset.apps/agent rolled back\n', stderr: '', exitCode: 0 } },
    {
      outcome: rollbackTarget(ds, history, 3),
      expected: { stdout: 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n', stderr: '', exitCode: 0 },
    },
    { outcome: new Error('no last revision to roll back to'), expected: { stdout: '', stderr: 'error: no last revision to roll back to\n', exitCode: 1 } },
  ])('prints $expected.stdout$expected.stderr', ({ outcome, expected }) => {
    expect(formatRollbackCli(ds, outcome)).toEqual(expected);
  });
});

describe('formatRollbackCli with a kubectl-applied DaemonSet', () => {
  it('warns on stderr that last-applied-configuration is not updated', () => {
    const applied: DaemonSet = { ...ds, metadata: { ...ds.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } };
    expect(formatRollbackCli(applied, rollbackTarget(applied, history, 0))).toEqual({
      stdout: 'daemonset.apps/agent rolled back\n',
      stderr:
        "Warning: resource daemonsets/agent was previously managed with 'kubectl apply'. Rolling back will not update the " +
        "kubectl.kubernetes.io/last-applied-configuration annotation, which may cause unexpected behavior on future 'kubectl apply' " +
        "operations. Consider using 'kubectl apply' with your previous configuration file instead.\n",
      exitCode: 0,
    });
  });
});
