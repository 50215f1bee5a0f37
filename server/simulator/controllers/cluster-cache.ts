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
  /** Pods of a namespace with no controller ownerReference: candidates for adoption. */
  orphanPods(namespace: string): Pod[];
  /** ControllerRevisions of a namespace with no controller ownerReference. */
  orphanRevisions(namespace: string): ControllerRevision[];
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

/** The cache's maps and indexes, and how one change updates them. */
class Informers {
  readonly nodes = new Map<string, Node>();
  readonly daemonSets = new Map<string, DaemonSet>();
  readonly pods = new Map<string, Pod>();
  readonly revisions = new Map<string, ControllerRevision>();
  readonly podsByNode = new Index();
  readonly podsByOwner = new Index();
  readonly orphansByNamespace = new Index();
  readonly revisionsByOwner = new Index();
  readonly orphanRevisionsByNamespace = new Index();

  /** Applies one change; returns the object as it was before. */
  apply(kind: ResourceKind, type: StoreEvent['type'], object: KObject): KObject | undefined {
    const key = objectKey(object);
    switch (kind) {
      case 'nodes':
        return replace(this.nodes, key, type === 'DELETED' ? undefined : asNode(object));
      case 'daemonsets':
        return replace(this.daemonSets, key, type === 'DELETED' ? undefined : asDaemonSet(object));
      case 'pods':
        return this.applyPod(key, type === 'DELETED' ? undefined : asPod(object));
      case 'controllerrevisions':
        return this.applyRevision(key, type === 'DELETED' ? undefined : asRevision(object));
      default:
        return undefined;
    }
  }

  private applyPod(key: string, pod: Pod | undefined): KObject | undefined {
    const old = this.pods.get(key);
    if (old !== undefined) {
      this.podsByNode.remove(targetNodeName(old), key);
      this.podsByOwner.remove(controllerUid(old), key);
      this.orphansByNamespace.remove(controllerUid(old) === undefined ? (old.metadata?.namespace ?? '') : undefined, key);
    }
    if (pod !== undefined) {
      this.podsByNode.add(targetNodeName(pod), key);
      this.podsByOwner.add(controllerUid(pod), key);
      this.orphansByNamespace.add(controllerUid(pod) === undefined ? (pod.metadata?.namespace ?? '') : undefined, key);
    }
    return replace(this.pods, key, pod);
  }

  private applyRevision(key: string, revision: ControllerRevision | undefined): KObject | undefined {
    const old = this.revisions.get(key);
    if (old !== undefined) {
      this.revisionsByOwner.remove(controllerUid(old), key);
      this.orphanRevisionsByNamespace.remove(controllerUid(old) === undefined ? (old.metadata?.namespace ?? '') : undefined, key);
    }
    if (revision !== undefined) {
      this.revisionsByOwner.add(controllerUid(revision), key);
      this.orphanRevisionsByNamespace.add(controllerUid(revision) === undefined ? (revision.metadata?.namespace ?? '') : undefined, key);
    }
    return replace(this.revisions, key, revision);
  }
}

/** Sets or deletes `key`; returns the previous value as a stored object. */
function replace<T>(map: Map<string, T>, key: string, value: T | undefined): KObject | undefined {
  const old = map.get(key);
  if (value === undefined) map.delete(key);
  else map.set(key, value);
  return old as KObject | undefined;
}

/** The values of `keys` found in `from`. */
function collect<T>(keys: Iterable<string>, from: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const key of keys) {
    const value = from.get(key);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Lists every cached kind from the store, then follows its change feed. */
export function createClusterCache(store: ObjectStore): ClusterCache {
  const informers = new Informers();
  const handlers = new Set<(change: CacheChange) => void>();
  // The simulator's store can hand out read-only views; copying 250,000 pods at startup is avoidable.
  const scan = (store as { scan?: (kind: ResourceKind) => Iterable<KObject> }).scan?.bind(store);
  for (const kind of CACHED_KINDS) for (const object of scan ? scan(kind) : store.list(kind).items) informers.apply(kind, 'ADDED', object);

  const unsubscribe = store.subscribe((event) => {
    if (!(CACHED_KINDS as readonly string[]).includes(event.kind)) return;
    const old = informers.apply(event.kind, event.type, event.object);
    const change: CacheChange = { kind: event.kind, type: event.type, object: event.object, old };
    for (const handler of handlers) handler(change);
  });

  return {
    nodes: informers.nodes,
    daemonSets: informers.daemonSets,
    pods: informers.pods,
    podsOnNode: (node) => collect(informers.podsByNode.keys(node), informers.pods),
    podsControlledBy: (uid) => collect(informers.podsByOwner.keys(uid), informers.pods),
    orphanPods: (namespace) => collect(informers.orphansByNamespace.keys(namespace), informers.pods),
    orphanRevisions: (namespace) => collect(informers.orphanRevisionsByNamespace.keys(namespace), informers.revisions),
    revisionsControlledBy: (uid) => collect(informers.revisionsByOwner.keys(uid), informers.revisions),
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
