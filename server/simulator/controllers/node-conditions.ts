import 'server-only';
import type { Node } from '@/lib/k8s-types';

/**
 * The node's Ready condition status. A node without a Ready condition counts as Ready: in a real
 * cluster the kubelet posts its conditions at once, and scenario nodes are often created bare.
 */
export function nodeReadyStatus(node: Node | undefined): 'True' | 'False' | 'Unknown' {
  const ready = node?.status?.conditions?.find((condition) => condition.type === 'Ready');
  if (ready === undefined) return 'True';
  return ready.status === 'False' ? 'False' : ready.status === 'True' ? 'True' : 'Unknown';
}

/** Whether the named condition (e.g. DiskPressure) is True on the node. */
export function hasCondition(node: Node, type: string): boolean {
  return node.status?.conditions?.some((condition) => condition.type === type && condition.status === 'True') ?? false;
}
