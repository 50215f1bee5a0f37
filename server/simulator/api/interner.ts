import 'server-only';
import { type KObject, type ResourceKind } from '../store-types';
import { isJsonObject, jsonEqual } from './json-value';

/** Subtrees that repeat across thousands of objects of a kind (every pod of a DaemonSet revision shares them). */
const SHARED_PATHS: Partial<Record<ResourceKind, [parent: 'metadata' | 'spec' | 'status', field: string][]>> = {
  // A node's pin (affinity) is shared by the daemon pods of every DaemonSet on that node; conditions and
  // container statuses repeat across pods that started in the same simulated second.
  pods: [['metadata', 'labels'], ['metadata', 'ownerReferences'], ['spec', 'containers'], ['spec', 'initContainers'],
    ['spec', 'tolerations'], ['spec', 'volumes'], ['spec', 'securityContext'], ['spec', 'affinity'],
    ['status', 'conditions'], ['status', 'containerStatuses']],
  controllerrevisions: [['metadata', 'ownerReferences']],
};

const MAX_ENTRIES = 100_000;

/**
 * Shares identical subtrees between stored objects so that 1.3 million daemon pods cost one copy of
 * their container list, not 1.3 million. Stored objects are never mutated in place, so sharing is safe.
 */
export class Interner {
  private readonly values = new Map<string, unknown>();
  /** The last shared value per kind and path: consecutive writes (a controller's burst) usually repeat it. */
  private readonly recent = new Map<string, unknown>();
  /** Every value handed out as shared (kept weakly: a value no stored object uses any more can go). */
  private readonly shared = new WeakSet<object>();

  /** Whether `value` is a subtree this interner shares between stored objects (immutable from then on). */
  isShared(value: object): boolean {
    return this.shared.has(value);
  }

  /** Replaces the kind's repeating subtrees of `object` (freshly cloned, owned by the store) with shared ones. */
  intern(kind: ResourceKind, object: KObject): void {
    const paths = SHARED_PATHS[kind];
    if (!paths) return;
    for (const [parentKey, field] of paths) {
      const parent = parentKey === 'metadata' ? object.metadata : object[parentKey];
      if (!isJsonObject(parent)) continue;
      const value = parent[field];
      if (value === undefined || value === null || typeof value !== 'object') continue;
      const slot = `${kind}.${parentKey}.${field}`;
      const last = this.recent.get(slot);
      // A structural comparison is much cheaper than serialising for the map key.
      if (last !== undefined && jsonEqual(last, value)) {
        parent[field] = last;
        continue;
      }
      const key = `${field}\u0000${JSON.stringify(value)}`;
      const shared = this.values.get(key);
      if (shared !== undefined) {
        parent[field] = shared;
        this.recent.set(slot, shared);
        continue;
      }
      // A bounded cache: when it fills, start over rather than grow without limit.
      if (this.values.size >= MAX_ENTRIES) this.values.clear();
      this.values.set(key, value);
      this.recent.set(slot, value);
      this.shared.add(value);
    }
  }
}
