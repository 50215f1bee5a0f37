/**
 * Daemon pods indexed by (controller uid, target node): by row id for nodes in the grid, by node name
 * for nodes not (or no longer) in it. Pods may arrive before their DaemonSet or node does.
 *
 * Assumption: a pod's controller and target node are fixed for its lifetime (the scheduler binds it
 * to the node its affinity pins), except that it may lose its controller; such pods are found by a
 * scan, which is rare.
 */
import type { Pod } from '../k8s-types';
import { controllerUid, isTerminalAndDeleting, targetNodeName } from '../pod-state';

/** The pods of one controller. */
interface OwnerPods {
  byRow: (Pod[] | undefined)[];
  byNodeName: Map<string, Pod[]>;
}

/** Where the status computation files a pod; undefined for pods it ignores. */
export interface PodPlace {
  owner: string;
  nodeName: string;
}

/** The (controller uid, target node) a pod counts under, or undefined when it counts nowhere. */
export function podPlace(pod: Pod): PodPlace | undefined {
  const owner = controllerUid(pod);
  const nodeName = targetNodeName(pod);
  return owner === undefined || nodeName === undefined ? undefined : { owner, nodeName };
}

/** The identity of a pod across events: uid, else namespace/name. */
export function podKey(pod: Pod): string {
  return pod.metadata?.uid || `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** Pods by controller and node, with row ids resolved through `rowOf`. */
export class PodIndex {
  private readonly owners = new Map<string, OwnerPods>();

  constructor(
    private readonly rowOf: (nodeName: string) => number | undefined,
    private readonly nameOfRow: (row: number) => string | undefined,
  ) {}

  /** The pods of `owner` on row `row` (empty when none). */
  podsAt(owner: string, row: number): readonly Pod[] {
    return this.owners.get(owner)?.byRow[row] ?? [];
  }

  /**
   * Files the pod under its place, replacing an earlier version of it (a terminal pod being deleted
   * counts nowhere, so it is only removed); returns the places whose pods changed.
   */
  upsert(pod: Pod): PodPlace[] {
    const place = podPlace(pod);
    if (place === undefined) return this.removeEverywhere(podKey(pod));
    const list = this.listAt(place, true);
    const key = podKey(pod);
    const at = list.findIndex((candidate) => podKey(candidate) === key);
    if (isTerminalAndDeleting(pod)) {
      if (at >= 0) list.splice(at, 1);
      this.dropIfEmpty(place, list);
    } else if (at >= 0) list[at] = pod;
    else list.push(pod);
    return [place];
  }

  /** Removes the pod; returns the places whose pods changed. */
  remove(pod: Pod): PodPlace[] {
    const place = podPlace(pod);
    if (place === undefined) return this.removeEverywhere(podKey(pod));
    const list = this.listAt(place, false);
    if (list === undefined) return [];
    const key = podKey(pod);
    const at = list.findIndex((candidate) => podKey(candidate) === key);
    if (at < 0) return [];
    list.splice(at, 1);
    this.dropIfEmpty(place, list);
    return [place];
  }

  /** Moves pods waiting for `nodeName` onto its new row. */
  attachRow(nodeName: string, row: number): void {
    for (const owner of this.owners.values()) {
      const pods = owner.byNodeName.get(nodeName);
      if (pods === undefined) continue;
      owner.byNodeName.delete(nodeName);
      owner.byRow[row] = pods;
    }
  }

  /** Moves the pods of a removed row back under its node name (the pods outlive the node object). */
  detachRow(nodeName: string, row: number): void {
    for (const owner of this.owners.values()) {
      const pods = owner.byRow[row];
      if (pods === undefined) continue;
      owner.byRow[row] = undefined;
      owner.byNodeName.set(nodeName, pods);
    }
  }

  private ownerPods(owner: string): OwnerPods {
    let pods = this.owners.get(owner);
    if (pods === undefined) {
      pods = { byRow: [], byNodeName: new Map() };
      this.owners.set(owner, pods);
    }
    return pods;
  }

  private listAt(place: PodPlace, create: true): Pod[];
  private listAt(place: PodPlace, create: false): Pod[] | undefined;
  private listAt(place: PodPlace, create: boolean): Pod[] | undefined {
    const owner = create ? this.ownerPods(place.owner) : this.owners.get(place.owner);
    if (owner === undefined) return undefined;
    const row = this.rowOf(place.nodeName);
    let list = row === undefined ? owner.byNodeName.get(place.nodeName) : owner.byRow[row];
    if (list === undefined && create) {
      list = [];
      if (row === undefined) owner.byNodeName.set(place.nodeName, list);
      else owner.byRow[row] = list;
    }
    return list;
  }

  private dropIfEmpty(place: PodPlace, list: Pod[]): void {
    if (list.length > 0) return;
    const owner = this.owners.get(place.owner);
    if (owner === undefined) return;
    const row = this.rowOf(place.nodeName);
    if (row === undefined) owner.byNodeName.delete(place.nodeName);
    else owner.byRow[row] = undefined;
  }

  /** Rare path: a pod that lost its controller or target; find it wherever it was filed. */
  private removeEverywhere(key: string): PodPlace[] {
    const removedFrom: PodPlace[] = [];
    for (const [ownerUid, owner] of this.owners) {
      const remove = (list: Pod[] | undefined, nodeName: string): void => {
        const at = list?.findIndex((candidate) => podKey(candidate) === key) ?? -1;
        if (list === undefined || at < 0) return;
        list.splice(at, 1);
        removedFrom.push({ owner: ownerUid, nodeName });
        this.dropIfEmpty({ owner: ownerUid, nodeName }, list);
      };
      owner.byRow.forEach((list, row) => remove(list, this.nameOfRow(row) ?? ''));
      for (const [nodeName, list] of owner.byNodeName) remove(list, nodeName);
    }
    return removedFrom;
  }
}
