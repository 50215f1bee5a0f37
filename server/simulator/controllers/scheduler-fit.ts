import 'server-only';
import type { Container, Node, Pod } from '@/lib/k8s-types';
import { compileNodeAffinity, compileNodeSelector, firstFailingNodeSelectorEntry, nodeAffinityMatches } from '@/lib/node-affinity';
import { addQuantities, compareQuantities, tryParseQuantity, ZERO_QUANTITY, type Quantity } from '@/lib/quantity';
import { untoleratedTaints } from '@/lib/taints';

/**
 * The default scheduler's filter plugins that matter for daemon pods (NodeUnschedulable,
 * TaintToleration, NodeAffinity, NodeResourcesFit, NodePorts), with upstream's failure wording.
 */

/** Requests of one pod: the sum over containers, or an init container's request when larger. */
export function podRequests(pod: Pod): Map<string, Quantity> {
  const sum = new Map<string, Quantity>();
  const add = (into: Map<string, Quantity>, container: Container): void => {
    for (const [resource, value] of Object.entries(container.resources?.requests ?? {})) {
      const parsed = tryParseQuantity(value);
      if ('quantity' in parsed) into.set(resource, addQuantities(into.get(resource) ?? ZERO_QUANTITY, parsed.quantity));
    }
  };
  for (const container of pod.spec?.containers ?? []) add(sum, container);
  for (const init of pod.spec?.initContainers ?? []) {
    const single = new Map<string, Quantity>();
    add(single, init);
    for (const [resource, quantity] of single) {
      const current = sum.get(resource);
      if (current === undefined || compareQuantities(quantity, current) > 0) sum.set(resource, quantity);
    }
  }
  return sum;
}

/** Host ports a pod claims: `protocol/hostIP/port`; hostNetwork pods claim their container ports. */
export function podHostPorts(pod: Pod): string[] {
  const ports: string[] = [];
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      const hostPort = port.hostPort ?? (pod.spec?.hostNetwork ? port.containerPort : undefined);
      if (hostPort === undefined || hostPort <= 0) continue;
      const hostIP = (port as { hostIP?: string }).hostIP || '0.0.0.0';
      ports.push(`${port.protocol ?? 'TCP'}/${hostIP}/${hostPort}`);
    }
  }
  return ports;
}

/** Whether two claimed host ports conflict (0.0.0.0 overlaps every address). */
function portsConflict(a: string, b: string): boolean {
  const [protocolA, ipA, portA] = a.split('/');
  const [protocolB, ipB, portB] = b.split('/');
  return protocolA === protocolB && portA === portB && (ipA === ipB || ipA === '0.0.0.0' || ipB === '0.0.0.0');
}

/** Why `pod` does not fit `node` beside `boundPods`, as the scheduler's per-node reasons; empty when it fits. */
export function unfitReasons(pod: Pod, node: Node, boundPods: readonly Pod[]): string[] {
  const tolerations = pod.spec?.tolerations ?? [];
  if (node.spec?.unschedulable && !tolerations.some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'))) {
    return ['node(s) were unschedulable'];
  }
  const taint = untoleratedTaints(node.spec?.taints, tolerations)[0];
  if (taint !== undefined) return [`node(s) had untolerated taint {${taint.key ?? ''}: ${taint.value ?? ''}}`];
  const selector = compileNodeSelector(pod.spec);
  if (firstFailingNodeSelectorEntry(selector, node.metadata?.labels) !== -1 || !nodeAffinityMatches(compileNodeAffinity(pod.spec), node)) {
    return ["node(s) didn't match Pod's node affinity/selector"];
  }
  return capacityReasons(pod, node, boundPods);
}

/** NodeResourcesFit and NodePorts alone: whether the node has room for the pod beside `boundPods`. */
export function capacityReasons(pod: Pod, node: Node, boundPods: readonly Pod[]): string[] {
  const others = boundPods.filter((other) => other.metadata?.uid !== pod.metadata?.uid);
  const reasons = insufficientResources(pod, node, others);
  const claimed = others.flatMap(podHostPorts);
  if (podHostPorts(pod).some((port) => claimed.some((taken) => portsConflict(port, taken)))) {
    reasons.push("node(s) didn't have free ports for the requested pod ports");
  }
  return reasons;
}

/** NodeResourcesFit: "Too many pods" and "Insufficient <resource>" for every request that does not fit. */
function insufficientResources(pod: Pod, node: Node, others: readonly Pod[]): string[] {
  const allocatable = node.status?.allocatable;
  // A node whose kubelet never posted allocatable is not limited (a bare `kubectl create` node).
  if (allocatable === undefined) return [];
  const reasons: string[] = [];
  const maxPods = tryParseQuantity(allocatable.pods ?? '');
  if ('quantity' in maxPods && compareQuantities({ nanos: BigInt(others.length + 1) * 1_000_000_000n, format: 'DecimalSI' }, maxPods.quantity) > 0) {
    reasons.push('Too many pods');
  }
  const wanted = podRequests(pod);
  for (const [resource, quantity] of wanted) {
    if (quantity.nanos <= 0n) continue;
    const capacity = allocatable[resource];
    // cpu/memory missing from allocatable are not enforced; extended resources missing are zero.
    if (capacity === undefined && (resource === 'cpu' || resource === 'memory' || resource === 'ephemeral-storage')) continue;
    const available = capacity === undefined ? { quantity: ZERO_QUANTITY } : tryParseQuantity(capacity);
    if (!('quantity' in available)) continue;
    let used = ZERO_QUANTITY;
    for (const other of others) used = addQuantities(used, podRequests(other).get(resource) ?? ZERO_QUANTITY);
    if (compareQuantities(addQuantities(used, quantity), available.quantity) > 0) reasons.push(`Insufficient ${resource}`);
  }
  return reasons;
}

/**
 * The FailedScheduling message for reasons collected over `nodeCount` nodes, as upstream's
 * `FitError.Error()`: "0/N nodes are available: " + sorted "<count> <reason>" joined by ", " + ".".
 */
export function failedSchedulingMessage(nodeCount: number, perNode: readonly string[][]): string {
  const counts = new Map<string, number>();
  for (const reasons of perNode) for (const reason of new Set(reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts.entries()].map(([reason, count]) => `${count} ${reason}`).sort();
  return `0/${nodeCount} nodes are available: ${parts.join(', ')}.`;
}
