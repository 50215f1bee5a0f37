import 'server-only';
import { type StoreEvent } from '../store-types';
import { gone } from './status-error';

/** A store event that also carries the object as it was before (for selector-filtered watches). */
export type HistoryEvent = StoreEvent & { previous?: StoreEvent['object'] };

/**
 * The bounded window of one kind's recent events, for watch resume (upstream's watch cache).
 * Resuming from a resourceVersion older than the window answers 410 Gone.
 */
export class EventHistory {
  private readonly ring: (HistoryEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** The highest resourceVersion whose events are no longer kept; watches from below it are Gone. */
  private compactedThrough: number;

  constructor(capacity: number, initialResourceVersion: number) {
    this.ring = new Array<HistoryEvent | undefined>(Math.max(1, capacity));
    this.compactedThrough = initialResourceVersion;
  }

  /** Appends an event, evicting the oldest when full. */
  push(event: HistoryEvent): void {
    const capacity = this.ring.length;
    if (this.size === capacity) {
      const evicted = this.ring[this.start];
      if (evicted) this.compactedThrough = Number(evicted.resourceVersion);
      this.ring[this.start] = event;
      this.start = (this.start + 1) % capacity;
      return;
    }
    this.ring[(this.start + this.size) % capacity] = event;
    this.size++;
  }

  /** Events after `resourceVersion`, oldest first; throws Gone when some of them were evicted. */
  since(resourceVersion: number): HistoryEvent[] {
    if (resourceVersion < this.compactedThrough) throw gone(String(resourceVersion), String(this.compactedThrough + 1));
    const events: HistoryEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const event = this.ring[(this.start + i) % this.ring.length];
      if (event && Number(event.resourceVersion) > resourceVersion) events.push(event);
    }
    return events;
  }

  /** Forgets every event up to `resourceVersion` (the fault "compact the history"). */
  compact(resourceVersion: number): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.size = 0;
    this.compactedThrough = Math.max(this.compactedThrough, resourceVersion);
  }
}
