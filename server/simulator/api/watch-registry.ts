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

/** The set of open watches. */
export class WatchRegistry {
  private readonly watches = new Set<OpenWatch>();

  add(watch: OpenWatch): () => void {
    this.watches.add(watch);
    return () => void this.watches.delete(watch);
  }

  get size(): number {
    return this.watches.size;
  }

  /** Applies an action to every open watch; returns how many there were. */
  each(action: (watch: OpenWatch) => void): number {
    const all = [...this.watches];
    for (const watch of all) action(watch);
    return all.length;
  }
}
