import 'server-only';

/** An open watch connection the fault injector can act on. */
export interface OpenWatch {
  /** Destroys the socket mid-stream (clients see a network error). */
  drop(): void;
  /** Ends the chunked response cleanly (clients re-watch from their last resourceVersion). */
  end(): void;
  /** Sends a 410 Expired ERROR event and ends (clients relist). */
  expire(): void;
}

/** The set of open watches, each with the resource (plural name) it watches. */
export class WatchRegistry {
  private readonly watches = new Map<OpenWatch, string>();

  add(watch: OpenWatch, resource = ''): () => void {
    this.watches.set(watch, resource);
    return () => void this.watches.delete(watch);
  }

  get size(): number {
    return this.watches.size;
  }

  /** Open watches per resource, for `GET /_sim/watches` (what a test or the bench asks the cluster directly). */
  countByResource(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const resource of this.watches.values()) counts[resource] = (counts[resource] ?? 0) + 1;
    return counts;
  }

  /** Applies an action to every open watch; returns how many there were. */
  each(action: (watch: OpenWatch) => void): number {
    const all = [...this.watches.keys()];
    for (const watch of all) action(watch);
    return all.length;
  }
}
