import 'server-only';
import { encodeComment } from './stream-protocol';

/**
 * The outgoing queue of one stream client. A client that reads slower than the fleet changes would
 * otherwise grow an unbounded queue; past `maxQueued` chunks the backlog is thrown away and replaced
 * by whatever `resync()` returns (a fresh snapshot), which is smaller and brings the client current.
 */
export class SubscriberQueue {
  private queue: string[] = [];
  private waiter: (() => void) | undefined;
  private closed = false;
  /** How many times the backlog was replaced by a resync (for tests and logs). */
  resyncs = 0;

  constructor(
    private readonly maxQueued: number,
    private readonly resync: () => string[],
  ) {}

  /** Queues one encoded chunk, or resyncs when the client is too far behind. */
  push(chunk: string): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueued) {
      // The comment says why a snapshot arrives unasked (EventSource ignores comments; logs and curl show them).
      this.queue = [encodeComment(`resync: this client fell ${this.maxQueued} messages behind; the backlog is replaced by a fresh snapshot`), ...this.resync()];
      this.resyncs += 1;
    } else {
      this.queue.push(chunk);
    }
    this.wake();
  }

  /** Everything queued, joined, or undefined when empty. */
  drain(): string | undefined {
    if (this.queue.length === 0) return undefined;
    const text = this.queue.join('');
    this.queue = [];
    return text;
  }

  /** Resolves when something is queued or the queue closes. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const text = this.drain();
      if (text !== undefined || this.closed) return text;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  size(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
