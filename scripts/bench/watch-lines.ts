/**
 * Counting the events of a Kubernetes watch response as its bytes pass by: one JSON object per line,
 * with BOOKMARK lines left out (they carry a resourceVersion, not a change). Only the first bytes of
 * each line are looked at, so a proxy can count without parsing or buffering the objects.
 */

/** `{"type":"BOOKMARK"` — how the API server (and the simulator) starts a bookmark line. */
const BOOKMARK_PREFIX = Buffer.from('{"type":"BOOKMARK"');
const NEWLINE = 0x0a;

/** Counts the non-bookmark lines of one watch response, fed chunk by chunk. */
export class WatchLineCounter {
  /** Complete event lines seen so far (bookmarks excluded). */
  events = 0;
  /** The start of the current line, kept until it is long enough to tell a bookmark. */
  private head = Buffer.alloc(0);
  private headDone = false;
  private lineHasBytes = false;

  /** Feeds one chunk; a line split across chunks is counted once, when its newline arrives. */
  feed(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      this.take(chunk.subarray(start, end));
      if (this.lineHasBytes && !this.isBookmark()) this.events++;
      this.head = Buffer.alloc(0);
      this.headDone = false;
      this.lineHasBytes = false;
      start = end + 1;
    }
    this.take(chunk.subarray(start));
  }

  private take(part: Buffer): void {
    if (part.length === 0) return;
    this.lineHasBytes = true;
    if (this.headDone) return;
    this.head = Buffer.concat([this.head, part.subarray(0, BOOKMARK_PREFIX.length - this.head.length)]);
    this.headDone = this.head.length >= BOOKMARK_PREFIX.length;
  }

  private isBookmark(): boolean {
    return this.head.equals(BOOKMARK_PREFIX);
  }
}
