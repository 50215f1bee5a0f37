import 'server-only';
import type { Pod } from '@/lib/k8s-types';
import { comparePodsForStatus, isPodAvailable, isPodReady } from '@/lib/pod-state';

/** One node as the manage loop sees it: its eligibility and the DaemonSet's pods targeting it. */
export interface ManageNode {
  name: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  pods: readonly Pod[];
}

/** Inputs shared by every node of one DaemonSet's manage pass. */
export interface ManageContext {
  /** Whether the DaemonSet is RollingUpdate with a non-zero maxSurge (upstream `AllowsSurge`). */
  allowsSurge: boolean;
  /** Whether a pod is of the current revision (upstream's surge branch: its hash label equals the current hash). */
  isUpdated: (pod: Pod) => boolean;
  minReadySeconds: number;
  now: number;
  /**
   * Whether a Failed pod on this node may be deleted now; false while the per-node back-off runs.
   * Called once per Failed pod found (upstream `failedPodsBackoff`).
   */
  mayDeleteFailed: (node: string) => boolean;
}

/** What manage does on one DaemonSet: nodes that get a pod, pods to delete, and why some are deleted. */
export interface ManagePlan {
  createOn: string[];
  delete: Pod[];
  failed: { pod: Pod; node: string }[];
  succeeded: { pod: Pod; node: string }[];
  /** A Failed pod waits for its back-off: sync again later. */
  backoffPending: boolean;
}

/** The pods to keep and delete on a node that should keep running the daemon (§3.1). */
function prune(node: ManageNode, ctx: ManageContext, plan: ManagePlan): void {
  const running: Pod[] = [];
  for (const pod of node.pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const phase = pod.status?.phase;
    if (phase === 'Failed') {
      if (!ctx.mayDeleteFailed(node.name)) {
        plan.backoffPending = true;
        continue;
      }
      plan.delete.push(pod);
      plan.failed.push({ pod, node: node.name });
    } else if (phase === 'Succeeded') {
      plan.delete.push(pod);
      plan.succeeded.push({ pod, node: node.name });
    } else {
      running.push(pod);
    }
  }
  running.sort(comparePodsForStatus);
  if (!ctx.allowsSurge) {
    // Keep the oldest; any duplicate goes.
    plan.delete.push(...running.slice(1));
    return;
  }
  if (running.length === 0) {
    if (node.shouldRun) plan.createOn.push(node.name);
    return;
  }
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    if (ctx.isUpdated(pod)) {
      if (oldestNew === undefined) {
        oldestNew = pod;
        continue;
      }
    } else if (oldestOld === undefined) {
      oldestOld = pod;
      continue;
    }
    plan.delete.push(pod);
  }
  // The old pod goes once it is not ready anyway or its replacement is available.
  if (oldestNew !== undefined && oldestOld !== undefined) {
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ctx.minReadySeconds, ctx.now)) plan.delete.push(oldestOld);
  }
}

/** Upstream `manage` + `podsShouldBeOnNode`, as a plan over every node. */
export function planManage(nodes: readonly ManageNode[], ctx: ManageContext): ManagePlan {
  const plan: ManagePlan = { createOn: [], delete: [], failed: [], succeeded: [], backoffPending: false };
  for (const node of nodes) {
    if (node.shouldRun && node.pods.length === 0) plan.createOn.push(node.name);
    else if (node.shouldContinueRunning && node.pods.length > 0) prune(node, ctx, plan);
    else if (!node.shouldContinueRunning) for (const pod of node.pods) if (!pod.metadata?.deletionTimestamp) plan.delete.push(pod);
  }
  return plan;
}
