import 'server-only';
import { cellState, CELL_STATE_NAMES } from '@/lib/cell-state';
import { currentRevisionOf } from '@/lib/daemon-status';
import { compileEligibility } from '@/lib/eligibility';
import type { Node } from '@/lib/k8s-types';
import { formatTaint, toleratesTaint } from '@/lib/taints';
import { isPodReady, isPodUpdated, oldestPod, podFailure, targetNodeName, templateGeneration } from '@/lib/pod-state';
import type { ClusterConnection } from '../clusters/connection';
import { notFound } from '../errors';
import { missing } from './not-synced';

/** The node's own facts, as the node page shows them. */
function nodeSummary(node: Node) {
  return {
    name: node.metadata?.name,
    uid: node.metadata?.uid,
    creationTimestamp: node.metadata?.creationTimestamp,
    labels: node.metadata?.labels ?? {},
    taints: node.spec?.taints ?? [],
    unschedulable: node.spec?.unschedulable === true,
    conditions: node.status?.conditions ?? [],
    allocatable: node.status?.allocatable ?? {},
    capacity: node.status?.capacity ?? {},
    nodeInfo: node.status?.nodeInfo ?? {},
  };
}

/**
 * `GET /api/c/{cluster}/nodes/{name}`: the node, and for every DaemonSet lib's verdict on it with
 * reasons and fixes, the automatic tolerations the controller applied, and the daemon pods it has here.
 */
export function nodeDetail(connection: ClusterConnection, name: string) {
  const { objects } = connection.hub;
  const node = objects.nodes.get(name);
  if (node === undefined) throw missing(connection, 'nodes', notFound('nodes', name));
  const now = connection.now();
  const daemonSets = [...objects.daemonSets.values()].map((ds) => {
    const eligibility = compileEligibility(ds);
    const verdict = eligibility(node);
    const uid = ds.metadata?.uid;
    const current = currentRevisionOf(ds, objects.revisionsOf(uid));
    const pods = objects.podsOf(uid).filter((pod) => targetNodeName(pod) === name);
    const oldest = oldestPod(pods);
    const updated = oldest !== undefined && isPodUpdated(oldest, current.hash, templateGeneration(ds));
    const code = cellState(verdict, oldest, updated, now, { minReadySeconds: ds.spec?.minReadySeconds ?? 0, otherPods: pods });
    return {
      namespace: ds.metadata?.namespace,
      name: ds.metadata?.name,
      state: CELL_STATE_NAMES[code],
      shouldRun: verdict.shouldRun,
      shouldContinueRunning: verdict.shouldContinueRunning,
      reasons: verdict.reasons,
      // The controller's default tolerations, each with the node taints it lets this DaemonSet past.
      automaticTolerations: eligibility.defaultTolerations.map((applied) => ({
        ...applied,
        toleratesHere: (node.spec?.taints ?? []).filter((taint) => toleratesTaint(applied.toleration, taint)).map(formatTaint),
      })),
      pods: pods.map((pod) => ({
        name: pod.metadata?.name,
        phase: pod.status?.phase,
        ready: isPodReady(pod),
        updated: isPodUpdated(pod, current.hash, templateGeneration(ds)),
        terminating: pod.metadata?.deletionTimestamp !== undefined,
        resourceVersion: pod.metadata?.resourceVersion,
        failure: podFailure(pod) ?? null,
      })),
    };
  });
  return { node: nodeSummary(node), daemonSets };
}
