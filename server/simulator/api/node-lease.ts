import 'server-only';
import { type Node } from '@/lib/k8s-types';
import { type SimStore } from '../store';
import { StoreError } from './status-error';

const LEASE_PATH = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/([^/]+)$/;

/** `2026-01-01T00:00:00.000000Z`: the MicroTime format of lease timestamps. */
function microTime(timestamp: string): string {
  return timestamp.replace(/(\.\d+)?Z$/, '.000000Z');
}

/**
 * `kubectl describe node` reads the node's heartbeat Lease. The simulator keeps no leases, so one is derived
 * from the node's Ready condition heartbeat (what the kubelet renews alongside it). Undefined when the path is
 * not a node lease.
 */
export function nodeLease(store: SimStore, path: string): unknown {
  const match = LEASE_PATH.exec(path);
  if (!match) return undefined;
  const name = decodeURIComponent(match[1] ?? '');
  const node = store.get('nodes', undefined, name) as Node | undefined;
  if (!node) {
    throw new StoreError('NotFound', `leases.coordination.k8s.io "${name}" not found`, { name, group: 'coordination.k8s.io', kind: 'leases' });
  }
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const renewed = ready?.lastHeartbeatTime ?? node.metadata?.creationTimestamp;
  return {
    kind: 'Lease', apiVersion: 'coordination.k8s.io/v1',
    metadata: {
      name, namespace: 'kube-node-lease', uid: node.metadata?.uid, resourceVersion: node.metadata?.resourceVersion,
      creationTimestamp: node.metadata?.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, ...(renewed ? { renewTime: microTime(renewed) } : {}) },
  };
}
