import 'server-only';
import type { ControllerRevision, DaemonSet, Node, Pod } from '@/lib/k8s-types';
import { controllerUid, targetNodeName } from '@/lib/pod-state';
import type { KObject, ObjectStore, ResourceKind, StoreEvent } from '../store-types';
import { asDaemonSet, asNode, asPod, asRevision, objectKey } from './objects';

/** One change the cache applied, with the object as it was before (undefined for ADDED). */
export interface CacheChange {
  kind: ResourceKind;
  type: StoreEvent['type'];
  object: KObject;
  old: KObject | undefined;
}

/**
 * The controllers' shared informer cache: every node, DaemonSet, daemon pod and ControllerRevision,
 * indexed by node and by controller uid, kept current from the store's change feed. Objects in it are
 * shared and must not be mutated.
 */
export interface ClusterCache {
  readonly nodes: ReadonlyMap<string, Node>;
  readonly daemonSets: ReadonlyMap<string, DaemonSet>;
  readonly pods: ReadonlyMap<string, Pod>;
  /** Pods whose target node (spec.nodeName or pinned affinity) is `node`. */
  podsOnNode(node: string): Pod[];
  /** Pods whose controller ownerReference carries `uid`. */
  podsControlledBy(uid: string): Pod[];
  /** ControllerRevisions whose controller ownerReference carries `uid`. */
  revisionsControlledBy(uid: string): ControllerRevision[];
  /** Calls `handler` after each applied change, synchronously. Returns an unsubscribe function. */
  onChange(handler: (change: CacheChange) => void): () => void;
  /** Stops following the store. */
  stop(): void;
}

const CACHED_KINDS = ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const;

/** A multimap from an index value to object keys. */
class Index {
  private readonly sets = new Map<string, Set<string>>();
  add(value: string | undefined, key: string): void {
    if (value === undefined) return;
    let set = this.sets.get(value);
    if (set === undefined) this.sets.set(value, (set = new Set()));
    set.add(key);
  }
  remove(value: string | undefined, key: string): void {
    if (value === undefined) return;
    const set = this.sets.get(value);
    set?.delete(key);
    if (set?.size === 0) this.sets.delete(value);
  }
  keys(value: string): Iterable<string> {
    return this.sets.get(value) ?? [];
  }
}

/** Lists every cached kind from the store, then follows its change feed. */
export function createClusterCache(store: ObjectStore): ClusterCache {
  const nodes = new Map<string, Node>();
  const daemonSets = new Map<string, DaemonSet>();
  const pods = new Map<string, Pod>();
  const revisions = new Map<string, ControllerRevision>();
  const podsByNode = new Index();
  const podsByOwner = new Index();
  const revisionsByOwner = new Index();
  const handlers = new Set<(change: CacheChange) => void>();

  const apply = (kind: ResourceKind, type: StoreEvent['type'], object: KObject): KObject | undefined => {
    const key = objectKey(object);
    switch (kind) {
      case 'nodes': {
        const old = nodes.get(key);
        if (type === 'DELETED') nodes.delete(key);
        else nodes.set(key, asNode(object));
        return old as KObject | undefined;
      }
      case 'daemonsets': {
        const old = daemonSets.get(key);
        if (type === 'DELETED') daemonSets.delete(key);
        else daemonSets.set(key, asDaemonSet(object));
        return old as KObject | undefined;
      }
      case 'pods': {
        const old = pods.get(key);
        if (old !== undefined) {
          podsByNode.remove(targetNodeName(old), key);
          podsByOwner.remove(controllerUid(old), key);
        }
        if (type === 'DELETED') pods.delete(key);
        else {
          const pod = asPod(object);
          pods.set(key, pod);
          podsByNode.add(targetNodeName(pod), key);
          podsByOwner.add(controllerUid(pod), key);
        }
        return old as KObject | undefined;
      }
      case 'controllerrevisions': {
        const old = revisions.get(key);
        if (old !== undefined) revisionsByOwner.remove(controllerUid(old), key);
        if (type === 'DELETED') revisions.delete(key);
        else {
          const revision = asRevision(object);
          revisions.set(key, revision);
          revisionsByOwner.add(controllerUid(revision), key);
        }
        return old as KObject | undefined;
      }
      default:
        return undefined;
    }
  };

  // The simulator's store can hand out read-only views; copying 250,000 pods at startup is avoidable.
  const scan = (store as { scan?: (kind: ResourceKind) => Iterable<KObject> }).scan?.bind(store);
  for (const kind of CACHED_KINDS) for (const object of scan ? scan(kind) : store.list(kind).items) apply(kind, 'ADDED', object);

  const unsubscribe = store.subscribe((event) => {
    if (!(CACHED_KINDS as readonly string[]).includes(event.kind)) return;
    const old = apply(event.kind, event.type, event.object);
    const change: CacheChange = { kind: event.kind, type: event.type, object: event.object, old };
    for (const handler of handlers) handler(change);
  });

  const collect = <T>(keys: Iterable<string>, from: ReadonlyMap<string, T>): T[] => {
    const out: T[] = [];
    for (const key of keys) {
      const value = from.get(key);
      if (value !== undefined) out.push(value);
    }
    return out;
  };

  return {
    nodes,
    daemonSets,
    pods,
    podsOnNode: (node) => collect(podsByNode.keys(node), pods),
    podsControlledBy: (uid) => collect(podsByOwner.keys(uid), pods),
    revisionsControlledBy: (uid) => collect(revisionsByOwner.keys(uid), revisions),
    onChange(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    stop: () => {
      unsubscribe();
      handlers.clear();
    },
  };
}
