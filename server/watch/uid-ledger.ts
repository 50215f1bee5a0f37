import 'server-only';
import type { Keyed, SupervisedEvent } from './supervisor';

const keyOf = (object: Keyed) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/**
 * What the supervisor has told the model, by namespace/name. client-node's cache is keyed by name,
 * so a relist reports a deleted-and-recreated object as an *update*; here that becomes a delete of
 * the old uid and an add of the new one, or the model (keyed by uid) would keep a ghost.
 */
export class UidLedger<T extends Keyed> {
  private readonly objects = new Map<string, T>();

  constructor(private readonly emit: (event: SupervisedEvent<T>) => void) {}

  upsert(object: T): void {
    const key = keyOf(object);
    const previous = this.objects.get(key);
    const sameUid = previous !== undefined && previous.metadata?.uid === object.metadata?.uid;
    if (previous !== undefined && !sameUid) this.emit({ type: 'DELETED', object: previous });
    this.objects.set(key, object);
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
      const previous = this.objects.get(keyOf(object));
      if (previous !== undefined && previous.metadata?.uid !== object.metadata?.uid) this.upsert(object);
    }
  }

  remove(object: T): void {
    const key = keyOf(object);
    const previous = this.objects.get(key);
    if (previous === undefined) return;
    this.objects.delete(key);
    // The last state we reported, so the model removes exactly what it holds.
    this.emit({ type: 'DELETED', object: previous });
  }

  size(): number {
    return this.objects.size;
  }

  values(): T[] {
    return [...this.objects.values()];
  }
}
