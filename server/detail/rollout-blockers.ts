import 'server-only';
import type { KubeEvent, Node, Pod, Taint } from '@/lib/k8s-types';
import { isPodAvailable, isPodReady, podFailure, targetNodeName } from '@/lib/pod-state';

/** A node that holds the rollout back, and why. */
export interface BlockingNode {
  node: string;
  pod: string;
  problem: 'old-pod-terminating-on-not-ready-node' | 'new-pod-not-available';
  cause: string;
  since?: string;
}

/** The node a pod is pinned to (spec.nodeName or its matchFields node affinity), as the pod's explanation needs it. */
export interface PinnedNode {
  name: string;
  exists: boolean;
  ready: boolean | null;
  unschedulable: boolean;
  taints: Taint[];
}

/** A pod that exists but does not run, explained from its status and its events. */
export interface PodExplanation {
  pod: string;
  phase: string;
  reason: string;
  message: string;
  pinnedTo: PinnedNode | null;
  events: { type?: string; reason?: string; message?: string; count?: number; lastTimestamp?: string }[];
}

/** Inputs of {@link rolloutBlockers}. */
export interface BlockerInput {
  nodes: ReadonlyMap<string, Node>;
  pods: readonly Pod[];
  isUpdated: (pod: Pod) => boolean;
  events: readonly KubeEvent[];
  minReadySeconds: number;
  now: number;
}

/** Whether a node's Ready condition is True; null when it reports none. */
export function nodeReady(node: Node | undefined): boolean | null {
  const condition = node?.status?.conditions?.find((c) => c.type === 'Ready');
  return condition === undefined ? null : condition.status === 'True';
}

function readyConditionText(node: Node | undefined): string {
  const condition = node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (condition === undefined) return 'reports no Ready condition';
  return `Ready=${condition.status ?? '?'}${condition.reason ? ` (${condition.reason})` : ''}`;
}

function pinnedNode(pod: Pod, nodes: ReadonlyMap<string, Node>): PinnedNode | null {
  const name = targetNodeName(pod);
  if (name === undefined) return null;
  const node = nodes.get(name);
  return { name, exists: node !== undefined, ready: nodeReady(node), unschedulable: node?.spec?.unschedulable === true, taints: node?.spec?.taints ?? [] };
}

function podEvents(pod: Pod, events: readonly KubeEvent[]): PodExplanation['events'] {
  return events
    .filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === pod.metadata?.name)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, lastTimestamp: e.lastTimestamp ?? e.eventTime }));
}

/** Why a pod does not run: its failure, else the latest scheduling event, else what its status says. */
function explain(pod: Pod, events: PodExplanation['events']): { reason: string; message: string } {
  const failure = podFailure(pod);
  if (failure !== undefined) return failure;
  const scheduling = events.find((e) => e.reason === 'FailedScheduling');
  if (scheduling !== undefined) return { reason: 'FailedScheduling', message: scheduling.message ?? '' };
  if (pod.metadata?.deletionTimestamp !== undefined) return { reason: 'Terminating', message: `deletion requested at ${pod.metadata.deletionTimestamp}` };
  return { reason: pod.status?.reason ?? (isPodReady(pod) ? 'Running' : 'NotReady'), message: pod.status?.message ?? 'containers are not ready yet' };
}

/**
 * The nodes blocking a rollout (an old pod stuck Terminating on a NotReady node — its kubelet cannot
 * confirm the deletion; a new pod that never becomes available) and every pod that exists but does
 * not run, each explained from its status and events (FailedScheduling joined to its pinned node).
 */
export function rolloutBlockers(input: BlockerInput): { blockingNodes: BlockingNode[]; podsNotRunning: PodExplanation[] } {
  const blockingNodes: BlockingNode[] = [];
  const podsNotRunning: PodExplanation[] = [];
  for (const pod of input.pods) {
    const name = pod.metadata?.name ?? '';
    const nodeName = targetNodeName(pod) ?? '';
    const node = input.nodes.get(nodeName);
    const events = podEvents(pod, input.events);
    const terminating = pod.metadata?.deletionTimestamp !== undefined;
    if (!input.isUpdated(pod) && terminating && nodeReady(node) !== true) {
      const cause = `old pod ${name} stuck Terminating since ${pod.metadata?.deletionTimestamp}: node ${nodeName} ${readyConditionText(node)}`;
      blockingNodes.push({ node: nodeName, pod: name, problem: 'old-pod-terminating-on-not-ready-node', cause, since: pod.metadata?.deletionTimestamp });
    } else if (input.isUpdated(pod) && !terminating && !isPodAvailable(pod, input.minReadySeconds, input.now)) {
      const { reason, message } = explain(pod, events);
      blockingNodes.push({ node: nodeName, pod: name, problem: 'new-pod-not-available', cause: `${reason}: ${message}`, since: pod.metadata?.creationTimestamp });
    }
    if (pod.status?.phase !== 'Running' || !isPodReady(pod)) {
      podsNotRunning.push({ pod: name, phase: pod.status?.phase ?? 'Unknown', ...explain(pod, events), pinnedTo: pinnedNode(pod, input.nodes), events });
    }
  }
  return { blockingNodes, podsNotRunning };
}
