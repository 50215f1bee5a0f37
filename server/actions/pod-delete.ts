import 'server-only';
import type { Pod } from '@/lib/k8s-types';
import { targetNodeName } from '@/lib/pod-state';
import { DaemonscopeError } from '../errors';
import { isDaemonSetOwned } from '../watch/slim';
import { assertResourceVersion, podPath, type ActionContext, type ActionResult } from './action-context';
import { kubectlFor } from './kubectl';
import type { ActionBody } from './schemas';

/**
 * Deletes one daemon pod (what advances an OnDelete rollout on its node). Only DaemonSet-controlled
 * pods: this dashboard must not become a way to delete arbitrary workloads. A pod already terminating
 * is a no-op success, so a double click does not issue a second delete.
 */
export async function deleteDaemonPod(ctx: ActionContext, namespace: string, name: string, body: ActionBody): Promise<ActionResult> {
  const dryRun = body.dryRun === true;
  const kubectl = kubectlFor.deletePod(namespace, name, ctx.kubectlContext);
  const audit = { cluster: ctx.cluster, user: ctx.user, action: 'delete-pod', object: `pod/${namespace}/${name}` };
  const log = async (result: string) => {
    if (!dryRun) await ctx.audit.append({ ...audit, time: new Date(ctx.now()).toISOString(), result });
  };
  try {
    const pod = await ctx.client<Pod>({ method: 'GET', path: podPath(namespace, name) });
    if (!isDaemonSetOwned(pod)) throw new DaemonscopeError('invalid', `pod "${name}" is not controlled by a DaemonSet; Daemonscope deletes daemon pods only`);
    assertResourceVersion('pods', name, body.resourceVersion, pod.metadata?.resourceVersion);
    const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true)?.name;
    const node = targetNodeName(pod);
    if (pod.metadata?.deletionTimestamp !== undefined) {
      await log('skipped');
      return { ok: true, kubectl, dryRun, result: { alreadyDeleting: true, since: pod.metadata.deletionTimestamp, node } };
    }
    await ctx.client({
      method: 'DELETE',
      path: podPath(namespace, name),
      query: { dryRun: dryRun ? 'All' : undefined },
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: pod.metadata?.uid, resourceVersion: pod.metadata?.resourceVersion } },
    });
    await log('ok');
    const replacement = `DaemonSet ${owner ?? '?'} creates a pod from its current template on node ${node ?? '?'} once this one is gone`;
    return { ok: true, kubectl, dryRun, result: { deleted: !dryRun, node, daemonSet: owner, replacement } };
  } catch (error) {
    await log(error instanceof DaemonscopeError ? `${error.reason}: ${error.message}` : 'InternalError');
    throw error;
  }
}
