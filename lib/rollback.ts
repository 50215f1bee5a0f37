/**
 * `kubectl rollout undo daemonset/<name> [--to-revision=N]` (kubernetes/kubectl
 * pkg/polymorphichelpers/rollback.go `DaemonSetRollbacker`): which revision it restores, the patch it
 * sends, and what it prints.
 */
import { WellKnown, type ControllerRevision, type DaemonSet, type PodTemplateSpec } from './k8s-types';
import { controlledHistory, revisionMatchesTemplate, revisionTemplate, sortByRevision } from './history';

/** The PATCH kubectl sends: the revision's data verbatim, as a strategic merge patch. */
export interface RollbackPatch {
  type: 'application/strategic-merge-patch+json';
  /** `daemonsets/<name>`, the resource the patch goes to. */
  target: string;
  body: unknown;
}

/** A rollback to perform: the chosen revision, the template it restores, and the patch that does it. */
export interface RollbackPlan {
  revision: number;
  template: PodTemplateSpec;
  patch: RollbackPatch;
}

/** kubectl's no-op: the chosen revision already is the live template. */
export interface RollbackSkipped {
  skipped: true;
  /** kubectl's text; it names the *requested* revision (0 for a plain undo). */
  message: string;
  /** The revision kubectl chose. */
  revision: number;
}

/** What `rollbackTarget` decides. */
export type RollbackOutcome = RollbackPlan | RollbackSkipped;

function revisionNotFound(toRevision: number): Error {
  return new Error(`unable to find specified revision ${toRevision} in history`);
}

/**
 * The revision `kubectl rollout undo --to-revision=toRevision` restores (0 = the second-highest
 * revision number, whichever is current), or kubectl's skip. Throws an Error with kubectl's text:
 * negative or missing revision, or no previous revision.
 */
export function rollbackTarget(ds: DaemonSet, revisions: readonly ControllerRevision[], toRevision: number): RollbackOutcome {
  if (!Number.isInteger(toRevision) || toRevision < 0) throw revisionNotFound(toRevision);
  const history = controlledHistory(ds, revisions);
  let target: ControllerRevision | undefined;
  if (toRevision === 0) {
    if (history.length <= 1) throw new Error('no last revision to roll back to');
    const sorted = sortByRevision(history);
    target = sorted[sorted.length - 2];
  } else {
    target = history.find((revision) => revision.revision === toRevision);
  }
  if (target === undefined) throw revisionNotFound(toRevision);
  const revision = target.revision ?? 0;
  if (revisionMatchesTemplate(ds, target)) {
    return { skipped: true, message: `skipped rollback (current template already matches revision ${toRevision})`, revision };
  }
  const template = revisionTemplate(target);
  if (template === undefined) {
    throw new Error(`failed restoring revision ${toRevision}: revision ${revision} holds no pod template`);
  }
  return {
    revision,
    template,
    patch: { type: 'application/strategic-merge-patch+json', target: `daemonsets/${ds.metadata?.name ?? ''}`, body: target.data },
  };
}

/** What the kubectl command prints for an outcome: stdout, stderr and exit code. */
export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1;
}

/** kubectl's stderr warning for a DaemonSet managed with `kubectl apply` (it holds last-applied-configuration). */
function lastAppliedWarning(ds: DaemonSet): string {
  if (ds.metadata?.annotations?.[WellKnown.lastApplied] === undefined) return '';
  return (
    `Warning: resource daemonsets/${ds.metadata?.name ?? ''} was previously managed with 'kubectl apply'. ` +
    `Rolling back will not update the ${WellKnown.lastApplied} annotation, which may cause unexpected behavior on future ` +
    `'kubectl apply' operations. Consider using 'kubectl apply' with your previous configuration file instead.\n`
  );
}

/**
 * kubectl's output for a rollback outcome, or for the Error `rollbackTarget` threw (`error: …` on
 * stderr, exit 1); the last-applied warning, when due, comes first on stderr.
 */
export function formatRollbackCli(ds: DaemonSet, outcome: RollbackOutcome | Error): CliResult {
  const warning = lastAppliedWarning(ds);
  if (outcome instanceof Error) return { stdout: '', stderr: `${warning}error: ${outcome.message}\n`, exitCode: 1 };
  const resource = `daemonset.apps/${ds.metadata?.name ?? ''}`;
  const operation = 'skipped' in outcome ? outcome.message : 'rolled back';
  return { stdout: `${resource} ${operation}\n`, stderr: warning, exitCode: 0 };
}
