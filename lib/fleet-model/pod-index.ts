/**
 * Daemon pods indexed by (controller uid, target node): by row id for nodes in the grid, by node name
 * for nodes not (or no longer) in it. Pods may arrive before their DaemonSet or node does.
 * A slot holds the pod itself, or an array when a node has several (surge, terminating): almost every
 * node has one, and 250,000 one-element arrays would cost a full rebuild dearly.
 *
 * Assumption: a pod's controller and target node are fixed for its lifetime (the scheduler binds it
 * to the node its affinity pins), except that it may lose its controller; such pods are found by a
 * scan, which is rare.
 */
import type { Pod } from '../k8s-types';
import { controllerUid, isTerminalAndDeleting, targetNodeName } from '../pod-state';

/** The daemon pods of one (controller, node): one pod, or several. */
export type PodSlot = Pod | readonly Pod[];

/** The pods of one controller. */
interface OwnerPods {
  byRow: (PodSlot | undefined)[];
  byNodeName: Map<string, PodSlot>;
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

/** Where `PodIndex.add` filed a pod: its controller uid, row (if its node is in the grid) and slot. */
export interface FiledPod {
  owner: string;
  row: number | undefined;
  slot: PodSlot;
}

/** The identity of a pod across events: uid, else namespace/name. */
export function podKey(pod: Pod): string {
  return pod.metadata?.uid || `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** The slot's pods as a list. */
export function slotPods(slot: PodSlot | undefined): readonly Pod[] {
  return slot === undefined ? [] : isPodList(slot) ? slot : [slot];
}

/** Whether a slot holds several pods. */
export function isPodList(slot: PodSlot): slot is readonly Pod[] {
  return Array.isArray(slot);
}

/** The slot with `pod` put in place of its earlier version, or removed (`pod` undefined). */
function replaced(slot: PodSlot | undefined, key: string, pod: Pod | undefined): PodSlot | undefined {
  // The common cases (an ADDED into an empty slot, a MODIFIED of a node's only pod) allocate nothing.
  if (slot === undefined) return pod;
  if (!isPodList(slot)) {
    if (podKey(slot) === key) return pod;
    return pod === undefined ? slot : [slot, pod];
  }
  const others = slotPods(slot).filter((candidate) => podKey(candidate) !== key);
  const pods = pod === undefined ? others : [...others, pod];
  return pods.length === 0 ? undefined : pods.length === 1 ? pods[0] : pods;
}

/** Pods by controller and node, with row ids resolved through `rowOf`. */
export class PodIndex {
  private readonly owners = new Map<string, OwnerPods>();
  private lastOwnerUid: string | undefined;
  private lastOwnerPods: OwnerPods | undefined;
  /** The row `add` found last, to try the next one first. */
  private lastRow = -1;
  /** Reused answer of `add`, valid until the next call. */
  private readonly filed: FiledPod = { owner: '', row: undefined, slot: [] };

  constructor(
    private readonly rowOf: (nodeName: string) => number | undefined,
    private readonly nameOfRow: (row: number) => string | undefined,
    /** The number of row slots, to size each controller's row array once. */
    private readonly slotCount: () => number = () => 0,
  ) {}

  /** The pods of `owner` by row id (read-only; empty when it has none). */
  slotsOf(owner: string): readonly (PodSlot | undefined)[] {
    return this.owners.get(owner)?.byRow ?? [];
  }

  /**
   * Files a pod from a full list, where no earlier version of it can be filed yet (fast path of a
   * rebuild: no search); returns where it went, or undefined when it counts nowhere.
   */
  add(pod: Pod): FiledPod | undefined {
    const ownerUid = controllerUid(pod);
    const nodeName = targetNodeName(pod);
    if (ownerUid === undefined || nodeName === undefined || isTerminalAndDeleting(pod)) return undefined;
    const owner = this.ownerPods(ownerUid);
    const row = this.rowAfterLast(nodeName);
    const before = row === undefined ? owner.byNodeName.get(nodeName) : owner.byRow[row];
    const slot = before === undefined ? pod : [...slotPods(before), pod];
    if (row === undefined) owner.byNodeName.set(nodeName, slot);
    else owner.byRow[row] = slot;
    this.filed.owner = ownerUid;
    this.filed.row = row;
    this.filed.slot = slot;
    return this.filed;
  }

  /**
   * The row of `nodeName`, trying the row after the last one found first: lists often run through
   * the nodes in row order (one DaemonSet's pods, node by node), and comparing one name is cheaper than
   * a map lookup. Correct either way: a row's name is the node name mapped to that row.
   */
  private rowAfterLast(nodeName: string): number | undefined {
    const next = this.lastRow + 1;
    const row = this.nameOfRow(next) === nodeName ? next : this.rowOf(nodeName);
    if (row !== undefined) this.lastRow = row;
    return row;
  }

  /**
   * Files the pod under its place, replacing an earlier version of it (a terminal pod being deleted
   * counts nowhere, so it is only removed); returns the places whose pods changed.
   */
  upsert(pod: Pod): PodPlace[] {
    const place = podPlace(pod);
    if (place === undefined) return this.removeEverywhere(podKey(pod));
    this.put(place, podKey(pod), isTerminalAndDeleting(pod) ? undefined : pod);
    return [place];
  }

  /** Removes the pod; returns the places whose pods changed. */
  remove(pod: Pod): PodPlace[] {
    const place = podPlace(pod);
    if (place === undefined) return this.removeEverywhere(podKey(pod));
    const key = podKey(pod);
    const before = this.slotAt(place);
    if (!slotPods(before).some((candidate) => podKey(candidate) === key)) return [];
    this.put(place, key, undefined);
    return [place];
  }

  /** Moves pods waiting for `nodeName` onto its new row. */
  attachRow(nodeName: string, row: number): void {
    for (const owner of this.owners.values()) {
      const slot = owner.byNodeName.get(nodeName);
      if (slot === undefined) continue;
      owner.byNodeName.delete(nodeName);
      owner.byRow[row] = slot;
    }
  }

  /** Moves the pods of a removed row back under its node name (the pods outlive the node object). */
  detachRow(nodeName: string, row: number): void {
    for (const owner of this.owners.values()) {
      const slot = owner.byRow[row];
      if (slot === undefined) continue;
      owner.byRow[row] = undefined;
      owner.byNodeName.set(nodeName, slot);
    }
  }

  private ownerPods(owner: string): OwnerPods {
    // Lists come grouped by DaemonSet more often than not: skip the map for a run of one owner.
    if (this.lastOwnerUid === owner && this.lastOwnerPods !== undefined) return this.lastOwnerPods;
    let pods = this.owners.get(owner);
    if (pods === undefined) {
      // Sized to the rows up front: a list in name order files rows at random, and writes far past
      // the end of a short array can turn it into a slow dictionary.
      pods = { byRow: new Array<PodSlot | undefined>(this.slotCount()), byNodeName: new Map() };
      this.owners.set(owner, pods);
    }
    this.lastOwnerUid = owner;
    this.lastOwnerPods = pods;
    return pods;
  }

  private slotAt(place: PodPlace): PodSlot | undefined {
    const owner = this.owners.get(place.owner);
    const row = this.rowOf(place.nodeName);
    return row === undefined ? owner?.byNodeName.get(place.nodeName) : owner?.byRow[row];
  }

  private put(place: PodPlace, key: string, pod: Pod | undefined): void {
    const owner = this.ownerPods(place.owner);
    const row = this.rowOf(place.nodeName);
    const next = replaced(this.slotAt(place), key, pod);
    if (row !== undefined) owner.byRow[row] = next;
    else if (next === undefined) owner.byNodeName.delete(place.nodeName);
    else owner.byNodeName.set(place.nodeName, next);
  }

  /** Rare path: a pod that lost its controller or target; find it wherever it was filed. */
  private removeEverywhere(key: string): PodPlace[] {
    const removedFrom: PodPlace[] = [];
    for (const [ownerUid, owner] of this.owners) {
      const holds = (slot: PodSlot | undefined) =>
        slotPods(slot).some((candidate) => podKey(candidate) === key);
      owner.byRow.forEach((slot, row) => {
        const nodeName = this.nameOfRow(row);
        if (nodeName !== undefined && holds(slot)) removedFrom.push({ owner: ownerUid, nodeName });
      });
      for (const [nodeName, slot] of owner.byNodeName)
        if (holds(slot)) removedFrom.push({ owner: ownerUid, nodeName });
    }
    for (const place of removedFrom) this.put(place, key, undefined);
    return removedFrom;
  }
}
