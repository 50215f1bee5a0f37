import { describe, expect, it } from 'vitest';
import { WatchLineCounter } from './watch-lines';

const added = '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n';
const bookmark = '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}\n';

/** Feeds `text` cut into the given chunk sizes (the rest as one last chunk). */
function count(text: string, sizes: number[] = []): number {
  const counter = new WatchLineCounter();
  const bytes = Buffer.from(text);
  let at = 0;
  for (const size of sizes) {
    counter.feed(bytes.subarray(at, at + size));
    at += size;
  }
  counter.feed(bytes.subarray(at));
  return counter.events;
}

describe('WatchLineCounter', () => {
  it.each([
    ['no bytes', '', [], 0],
    ['one event', added, [], 1],
    ['three events in one chunk', added.repeat(3), [], 3],
    ['a bookmark is not an event', bookmark, [], 0],
    ['events around a bookmark', added + bookmark + added, [], 2],
    ['an event split in the middle', added, [10], 1],
    ['a bookmark split inside its prefix', bookmark, [5, 3], 0],
    ['one byte at a time', added + bookmark + added, Array.from({ length: (added + bookmark + added).length }, () => 1), 2],
    ['a line without its newline yet is not counted', added + '{"type":"MODIFIED"', [], 1],
    ['blank lines are not events', `\n${added}\n`, [], 1],
    ['a short line that cannot be a bookmark', '{}\n', [], 1],
  ])('%s', (_name, text, sizes, expected) => {
    expect(count(text, sizes)).toBe(expected);
  });
});
