import 'server-only';
import type { Node } from '@/lib/k8s-types';
import type { ClusterConnection } from '../clusters/connection';
import { DaemonscopeError } from '../errors';

/**
 * `GET /api/c/{cluster}/nodes`: every node's name, labels, taints, schedulability and allocatable,
 * for the grid's label/taint filters, grouping and what-if (the stream carries node names only).
 */
export function nodeList(connection: ClusterConnection): { items: Node[] } {
  if (connection.hub.syncStates().nodes?.synced !== true) {
    throw new DaemonscopeError('unavailable', `cluster "${connection.name}" is still listing nodes; retry in a moment`);
  }
  const items = [...connection.hub.objects.nodes.values()].map((node) => ({
    metadata: { name: node.metadata?.name, labels: node.metadata?.labels ?? {} },
    spec: { taints: node.spec?.taints ?? [], unschedulable: node.spec?.unschedulable === true },
    status: { allocatable: node.status?.allocatable ?? {} },
  }));
  return { items: items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')) };
}
