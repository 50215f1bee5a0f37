import 'server-only';
import { controlledHistory, revisionMatchesTemplate } from '@/lib/history';
import { WellKnown, type ControllerRevision, type DaemonSet, type Pod } from '@/lib/k8s-types';
import { rollbackTarget } from '@/lib/rollback';
import { pausePatch, resumePatch, rolloutRestartPatch, type ActionPatch } from '@/lib/rollout-actions';
import { DaemonscopeError } from '../errors';
import { templateDiff } from '../detail/template-diff';
import {
  assertGeneration,
  assertResourceVersion,
  daemonSetPath,
  listRevisions,
  readDaemonSet,
  type ActionContext,
  type ActionResult,
} from './action-context';
import { kubectlFor } from './kubectl';
import { previewRollout } from './rollout-preview';
import type { ActionBody, DaemonSetAction } from './schemas';

/** What one action decided to send, before it is sent. */
interface ActionStep {
  kubectl: string;
  patch?: ActionPatch | { type: 'application/strategic-merge-patch+json'; body: unknown };
  /** kubectl's no-op message (rollback to the live template). */
  skipped?: string;
  toRevision?: number;
  /** Which pods count as already running the template after the change (for the dry-run preview). */
  isNew: (pod: Pod) => boolean;
}

const hashOf = (object: { metadata?: { labels?: Record<string, string> } } | undefined) =>
  object?.metadata?.labels?.[WellKnown.controllerRevisionHash];

function planRollback(ds: DaemonSet, history: ControllerRevision[], body: ActionBody, ctx: ActionContext): ActionStep {
  const namespace = ds.metadata?.namespace ?? '';
  const name = ds.metadata?.name ?? '';
  const kubectl = kubectlFor.rollback(namespace, name, body.toRevision, ctx.kubectlContext);
  let outcome;
  try {
    outcome = rollbackTarget(ds, history, body.toRevision ?? 0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DaemonscopeError(message.startsWith('unable to find') ? 'not_found' : 'invalid', message);
  }
  if ('skipped' in outcome) return { kubectl, skipped: outcome.message, toRevision: outcome.revision, isNew: () => true };
  const targetHash = hashOf(history.find((revision) => revision.revision === outcome.revision));
  return { kubectl, patch: outcome.patch, toRevision: outcome.revision, isNew: (pod) => targetHash !== undefined && hashOf(pod) === targetHash };
}

function planStep(action: DaemonSetAction, ds: DaemonSet, history: ControllerRevision[], body: ActionBody, ctx: ActionContext): ActionStep {
  const namespace = ds.metadata?.namespace ?? '';
  const name = ds.metadata?.name ?? '';
  const currentHash = hashOf(history.find((revision) => revisionMatchesTemplate(ds, revision)));
  switch (action) {
    case 'rollback':
      return planRollback(ds, history, body, ctx);
    case 'restart': {
      const patch = rolloutRestartPatch(new Date(ctx.now()).toISOString());
      return { kubectl: kubectlFor.restart(namespace, name, ctx.kubectlContext), patch, isNew: () => false };
    }
    case 'pause':
    case 'resume': {
      const plan = action === 'pause' ? pausePatch(ds) : resumePatch(ds);
      if (!plan.ok) throw new DaemonscopeError('conflict', plan.message);
      const isNew = (pod: Pod) => currentHash !== undefined && hashOf(pod) === currentHash;
      return { kubectl: kubectlFor.patch(namespace, name, plan.patch, ctx.kubectlContext), patch: plan.patch, isNew };
    }
  }
}

/** The patch body with our precondition: the API server refuses it (409) if the object moved on. */
function withResourceVersion(body: unknown, resourceVersion: string | undefined): unknown {
  if (resourceVersion === undefined || typeof body !== 'object' || body === null) return body;
  const record = body as Record<string, unknown>;
  const metadata = typeof record.metadata === 'object' && record.metadata !== null ? record.metadata : {};
  return { ...record, metadata: { ...metadata, resourceVersion } };
}

/** What pause leaves running, so nobody mistakes it for a freeze. */
const PAUSE_DOES_NOT_STOP = [
  'newly eligible nodes (new nodes, label or taint changes) still get a pod, from the current template',
  'a daemon pod deleted by anyone (eviction, node drain, kubectl delete) is recreated from the current template',
  'pods on nodes that stop being eligible are still removed',
];

function dryRunResult(action: DaemonSetAction, live: DaemonSet, after: DaemonSet, step: ActionStep, fromRevision: number | undefined, ctx: ActionContext) {
  const diff = templateDiff(live.spec?.template, after.spec?.template, `revision ${fromRevision ?? '?'} (live)`, 'after');
  const result: Record<string, unknown> = { templateDiff: diff, fromRevision, toRevision: step.toRevision };
  const pods = ctx.fleet.podsOf(live.metadata?.uid);
  if (action === 'pause') {
    result.updateStrategy = { from: live.spec?.updateStrategy?.type ?? 'RollingUpdate', to: after.spec?.updateStrategy?.type };
    result.doesNotStop = PAUSE_DOES_NOT_STOP;
  } else {
    result.rollout = previewRollout(after, ctx.fleet.nodes(), pods, step.isNew, ctx.now());
  }
  return result;
}

/** Runs one DaemonSet action (or its server-side dry run) with every safety check; see DESIGN.md. */
export async function runDaemonSetAction(ctx: ActionContext, action: DaemonSetAction, namespace: string, name: string, body: ActionBody): Promise<ActionResult> {
  const dryRun = body.dryRun === true;
  const audit = { cluster: ctx.cluster, user: ctx.user, action, object: `daemonset/${namespace}/${name}` };
  let fromRevision: number | undefined;
  let toRevision: number | undefined;
  try {
    const live = await readDaemonSet(ctx, namespace, name);
    assertResourceVersion('daemonsets.apps', name, body.resourceVersion, live.metadata?.resourceVersion);
    // With `generation`, only a spec change refuses; the patch below still carries the resourceVersion
    // just read, so nothing can slip in between this check and the write.
    assertGeneration('daemonsets.apps', name, body.generation, live.metadata?.generation);
    const history = controlledHistory(live, await listRevisions(ctx, namespace));
    fromRevision = history.find((revision) => revisionMatchesTemplate(live, revision))?.revision;
    const step = planStep(action, live, history, body, ctx);
    toRevision = step.toRevision;
    if (step.skipped !== undefined || step.patch === undefined) {
      if (!dryRun) await ctx.audit.append({ ...audit, time: new Date(ctx.now()).toISOString(), fromRevision, toRevision, result: 'skipped' });
      return { ok: true, kubectl: step.kubectl, dryRun, result: { skipped: true, message: step.skipped, fromRevision, toRevision } };
    }
    const after = await ctx.client<DaemonSet>({
      method: 'PATCH',
      path: daemonSetPath(namespace, name),
      query: { dryRun: dryRun ? 'All' : undefined, fieldManager: 'daemonscope' },
      body: withResourceVersion(step.patch.body, live.metadata?.resourceVersion),
      contentType: step.patch.type,
    });
    if (dryRun) return { ok: true, kubectl: step.kubectl, dryRun, result: dryRunResult(action, live, after, step, fromRevision, ctx) };
    await ctx.audit.append({ ...audit, time: new Date(ctx.now()).toISOString(), fromRevision, toRevision, result: 'ok' });
    const result = { resourceVersion: after.metadata?.resourceVersion, generation: after.metadata?.generation, fromRevision, toRevision };
    return { ok: true, kubectl: step.kubectl, dryRun, result };
  } catch (error) {
    if (!dryRun) {
      const result = error instanceof DaemonscopeError ? `${error.reason}: ${error.message}` : 'InternalError';
      await ctx.audit.append({ ...audit, time: new Date(ctx.now()).toISOString(), fromRevision, toRevision, result });
    }
    throw error;
  }
}
