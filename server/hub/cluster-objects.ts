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
        this.podCount += upsertByOwner(this.podsByOwner, owner, event.object.metadata?.uid, deleted ? undefined : event.object);
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
