import 'server-only';
import type { FleetEvent } from '@/lib/fleet-model/types';
import { WellKnown, type ControllerRevision, type DaemonSet, type Node, type Pod } from '@/lib/k8s-types';
import { controllerUid } from '@/lib/pod-state';

/**
 * The slim objects of one cluster, indexed the way the detail routes and rollout samples look them
 * up: DaemonSets by `ns/name`, nodes by name, pods and revisions by their controller's uid. Fed by
 * the same events as the FleetModel, so both always describe the same moment.
 */
export class ClusterObjects {
  readonly nodes = new Map<string, Node>();
  readonly daemonSets = new Map<string, DaemonSet>();
  private readonly podsByOwner = new Map<string, Map<string, Pod>>();
  private readonly revisionsByOwner = new Map<string, Map<string, ControllerRevision>>();
  /**
   * Per DaemonSet uid, its live (not terminating) pods per `controller-revision-hash`, kept as events
   * arrive: rollout samples read these counts once per batch instead of scanning every pod.
   */
  private readonly hashCountsByOwner = new Map<string, Map<string, number>>();
  private podCount = 0;
  private revisionCount = 0;

  /** Applies one event; returns the uid of the DaemonSet it concerns, if any (for rollout sampling). */
  apply(event: FleetEvent): string | undefined {
    const deleted = event.type === 'DELETED';
    switch (event.kind) {
      case 'node': {
        const name = event.object.metadata?.name ?? '';
        if (deleted) this.nodes.delete(name);
        else this.nodes.set(name, event.object);
        return undefined;
      }
      case 'daemonset': {
        const key = daemonSetKeyOf(event.object);
        if (deleted) this.daemonSets.delete(key);
        else this.daemonSets.set(key, event.object);
        return event.object.metadata?.uid;
      }
      case 'pod': {
        const owner = controllerUid(event.object);
        const uid = event.object.metadata?.uid;
        const previous = owner === undefined || uid === undefined ? undefined : this.podsByOwner.get(owner)?.get(uid);
        this.podCount += upsertByOwner(this.podsByOwner, owner, uid, deleted ? undefined : event.object);
        if (owner !== undefined && uid !== undefined) {
          this.countHash(owner, previous, -1);
          if (!deleted) this.countHash(owner, event.object, 1);
        }
        return owner;
      }
      case 'controllerrevision': {
        const owner = event.object.metadata?.ownerReferences?.find((ref) => ref.controller === true)?.uid;
        this.revisionCount += upsertByOwner(this.revisionsByOwner, owner, event.object.metadata?.uid, deleted ? undefined : event.object);
        return owner;
      }
    }
  }

  /** The pods controlled by a DaemonSet (by its uid). */
  podsOf(uid: string | undefined): Pod[] {
    return [...(this.podsByOwner.get(uid ?? '')?.values() ?? [])];
  }

  /** Live (not terminating) pods of a DaemonSet per `controller-revision-hash`; {@link NO_HASH} counts pods without one. */
  podCountsByHash(uid: string | undefined): ReadonlyMap<string, number> {
    return this.hashCountsByOwner.get(uid ?? '') ?? EMPTY_COUNTS;
  }

  /** The ControllerRevisions controlled by a DaemonSet (by its uid). */
  revisionsOf(uid: string | undefined): ControllerRevision[] {
    return [...(this.revisionsByOwner.get(uid ?? '')?.values() ?? [])];
  }

  /** Every daemon pod (for node detail). */
  allPods(): Pod[] {
    return [...this.podsByOwner.values()].flatMap((pods) => [...pods.values()]);
  }

  /** Every ControllerRevision. */
  allRevisions(): ControllerRevision[] {
    return [...this.revisionsByOwner.values()].flatMap((revisions) => [...revisions.values()]);
  }

  /** Object counts per resource, for the stream's status event. */
  counts(): { nodes: number; daemonsets: number; pods: number; controllerrevisions: number } {
    return { nodes: this.nodes.size, daemonsets: this.daemonSets.size, pods: this.podCount, controllerrevisions: this.revisionCount };
  }

  /** Adds `delta` to the count of `pod`'s hash under `owner`; terminating pods are not counted. */
  private countHash(owner: string, pod: Pod | undefined, delta: number): void {
    if (pod === undefined || pod.metadata?.deletionTimestamp !== undefined) return;
    const hash = pod.metadata?.labels?.[WellKnown.controllerRevisionHash] ?? NO_HASH;
    let counts = this.hashCountsByOwner.get(owner);
    if (counts === undefined) {
      counts = new Map();
      this.hashCountsByOwner.set(owner, counts);
    }
    const next = (counts.get(hash) ?? 0) + delta;
    if (next !== 0) counts.set(hash, next);
    else {
      counts.delete(hash);
      if (counts.size === 0) this.hashCountsByOwner.delete(owner);
    }
  }

  /** The revision number per `controller-revision-hash` of a DaemonSet's revisions. */
  revisionNumbersByHash(uid: string | undefined): Map<string, number> {
    const numbers = new Map<string, number>();
    for (const revision of this.revisionsOf(uid)) {
      const hash = revision.metadata?.labels?.[WellKnown.controllerRevisionHash];
      if (hash !== undefined && revision.revision !== undefined) numbers.set(hash, revision.revision);
    }
    return numbers;
  }
}

/** The key of pods without a `controller-revision-hash` label in {@link ClusterObjects.podCountsByHash} (no label value holds a NUL). */
export const NO_HASH = '\u0000';

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();

/** `namespace/name` of a DaemonSet. */
export function daemonSetKeyOf(daemonSet: DaemonSet): string {
  return `${daemonSet.metadata?.namespace ?? ''}/${daemonSet.metadata?.name ?? ''}`;
}

/** Sets or deletes one entry of a two-level map; returns the change in entry count (-1, 0 or 1). */
function upsertByOwner<T>(index: Map<string, Map<string, T>>, owner: string | undefined, uid: string | undefined, value: T | undefined): number {
  if (owner === undefined || uid === undefined) return 0;
  let bucket = index.get(owner);
  if (value === undefined) {
    if (bucket === undefined || !bucket.delete(uid)) return 0;
    if (bucket.size === 0) index.delete(owner);
    return -1;
  }
  if (bucket === undefined) {
    bucket = new Map();
    index.set(owner, bucket);
  }
  const had = bucket.has(uid);
  bucket.set(uid, value);
  return had ? 0 : 1;
}
