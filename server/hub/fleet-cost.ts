import 'server-only';
import { fleetCost, nodeShare, type DaemonSetCost, type ResourceAmounts, type ResourceTotals } from '@/lib/cost';
import type { DaemonSet, Pod } from '@/lib/k8s-types';
import type { ClusterHub } from './cluster-hub';
import { daemonSetKeyOf } from './cluster-objects';

/** Nodes listed under `nodes.top`. */
const TOP_NODES = 5;

/** The share of one node's allocatable that its daemon pods request, per resource (0..1, >1 when overcommitted). */
export interface NodeShare {
  node: string;
  share: Record<string, number>;
}

/** Across nodes, per resource: the largest and the median share daemons take. */
export interface ShareSummary {
  max: number;
  median: number;
}

/** `GET /api/c/{cluster}/cost`: per DaemonSet requests and limits × desired nodes, the fleet total, and node shares. */
export interface FleetCostReport {
  daemonSets: DaemonSetCost[];
  total: ResourceTotals;
  nodes: {
    count: number;
    summary: Record<string, ShareSummary>;
    /** The nodes whose largest share (any resource) is highest, highest first. */
    top: NodeShare[];
  };
}

/**
 * The fleet's cost from the hub's cache: each DaemonSet counted on the nodes the model implies it
 * should run on (upstream `desiredNumberScheduled`, not the possibly stale reported one), and each
 * node's share taken by the daemon pods bound to it, as the scheduler accounts them.
 */
export function fleetCostReport(hub: ClusterHub): FleetCostReport {
  const { objects } = hub;
  const desired = new Map(hub.daemonSetSummaries().map((summary) => [summary.uid, summary.implied.desiredNumberScheduled]));
  const daemonSets = [...objects.daemonSets.values()].sort((a, b) => daemonSetKeyOf(a).localeCompare(daemonSetKeyOf(b)));
  const cost = fleetCost(daemonSets.map((daemonSet) => ({ daemonSet, desiredNumberScheduled: desired.get(daemonSet.metadata?.uid ?? '') ?? 0 })));
  const shares = nodeShares(hub, daemonSets, cost.daemonSets);
  return {
    daemonSets: cost.daemonSets,
    total: cost.total,
    nodes: { count: shares.length, summary: summarize(shares), top: topNodes(shares) },
  };
}

function nodeShares(hub: ClusterHub, daemonSets: readonly DaemonSet[], costs: readonly DaemonSetCost[]): NodeShare[] {
  const perPodByUid = new Map<string, ResourceAmounts>();
  daemonSets.forEach((daemonSet, i) => {
    const requests = costs[i]?.perPod.requests;
    if (requests !== undefined) perPodByUid.set(daemonSet.metadata?.uid ?? '', requests);
  });
  const requestsByNode = new Map<string, ResourceAmounts[]>();
  for (const pod of hub.objects.allPods()) {
    const node = pod.spec?.nodeName;
    const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true)?.uid;
    const requests = perPodByUid.get(owner ?? '');
    if (node === undefined || requests === undefined || isTerminal(pod)) continue;
    requestsByNode.set(node, [...(requestsByNode.get(node) ?? []), requests]);
  }
  return [...hub.objects.nodes.values()].map((node) => {
    const name = node.metadata?.name ?? '';
    return { node: name, share: nodeShare(requestsByNode.get(name) ?? [], node.status?.allocatable) };
  });
}

// The scheduler stops counting a pod's requests once it has finished (upstream NodeInfo skips terminal pods).
function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function summarize(shares: readonly NodeShare[]): Record<string, ShareSummary> {
  const byResource = new Map<string, number[]>();
  for (const { share } of shares) {
    for (const [resource, value] of Object.entries(share)) byResource.set(resource, [...(byResource.get(resource) ?? []), value]);
  }
  const summary: Record<string, ShareSummary> = {};
  for (const resource of [...byResource.keys()].sort()) {
    const values = (byResource.get(resource) ?? []).sort((a, b) => a - b);
    summary[resource] = { max: values[values.length - 1] ?? 0, median: median(values) };
  }
  return summary;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function topNodes(shares: readonly NodeShare[]): NodeShare[] {
  const peak = (entry: NodeShare) => Math.max(0, ...Object.values(entry.share));
  return [...shares].sort((a, b) => peak(b) - peak(a) || a.node.localeCompare(b.node)).slice(0, TOP_NODES);
}
