import 'server-only';
import type { Keyed, SupervisedEvent } from './supervisor';

/**
 * What the supervisor has told the model, by namespace and name. client-node's cache is keyed by
 * name, so a relist reports a deleted-and-recreated object as an *update*; here that becomes a delete
 * of the old uid and an add of the new one, or the model (keyed by uid) would keep a ghost.
 * Keyed in two levels rather than by a joined `ns/name` string: at 200,000 pods the joined keys
 * alone were ~20 MB, while the two levels reuse the strings the objects already hold.
 */
export class UidLedger<T extends Keyed> {
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private count = 0;

  constructor(private readonly emit: (event: SupervisedEvent<T>) => void) {}

  upsert(object: T): void {
    const name = object.metadata?.name ?? '';
    const namespace = object.metadata?.namespace ?? '';
    let objects = this.byNamespace.get(namespace);
    if (objects === undefined) {
      objects = new Map();
      this.byNamespace.set(namespace, objects);
    }
    const previous = objects.get(name);
    const sameUid = previous !== undefined && previous.metadata?.uid === object.metadata?.uid;
    if (previous !== undefined && !sameUid) this.emit({ type: 'DELETED', object: previous });
    if (previous === undefined) this.count += 1;
    objects.set(name, object);
    this.emit({ type: sameUid ? 'MODIFIED' : 'ADDED', object });
  }

  /**
   * For a relist's items: an object whose uid differs from the one reported under its name is a new
   * object, even when its resourceVersion is the same. client-node's cache skips an item whose
   * resourceVersion it already holds, which after an API server restart with restarted
   * resourceVersions would keep the old object for good.
   */
  replaceRecreated(objects: readonly T[]): void {
    for (const object of objects) {
      const previous = this.byNamespace.get(object.metadata?.namespace ?? '')?.get(object.metadata?.name ?? '');
      if (previous !== undefined && previous.metadata?.uid !== object.metadata?.uid) this.upsert(object);
    }
  }

  remove(object: T): void {
    const namespace = object.metadata?.namespace ?? '';
    const objects = this.byNamespace.get(namespace);
    const name = object.metadata?.name ?? '';
    const previous = objects?.get(name);
    if (objects === undefined || previous === undefined) return;
    objects.delete(name);
    if (objects.size === 0) this.byNamespace.delete(namespace);
    this.count -= 1;
    // The last state we reported, so the model removes exactly what it holds.
    this.emit({ type: 'DELETED', object: previous });
  }

  size(): number {
    return this.count;
  }

  values(): T[] {
    return [...this.byNamespace.values()].flatMap((objects) => [...objects.values()]);
  }
}
