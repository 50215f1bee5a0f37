import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it.each([
    ['one event', ['event: snapshot\ndata: {"seq":1}\n\n'], [{ event: 'snapshot', data: '{"seq":1}', bytes: 33 }]],
    ['comments are skipped', [': connected\n\n: heartbeat\n\n'], []],
    ['default event name', ['data: x\n\n'], [{ event: 'message', data: 'x', bytes: 9 }]],
    ['split across chunks', ['event: delta\nda', 'ta: {"seq":2}\n', '\n'], [{ event: 'delta', data: '{"seq":2}', bytes: 30 }]],
    ['multi-line data joins with newlines', ['data: a\ndata: b\n\n'], [{ event: 'message', data: 'a\nb', bytes: 17 }]],
    ['CRLF line ends (counted as normalised LF text)', ['event: status\r\ndata: {}\r\n\r\n'], [{ event: 'status', data: '{}', bytes: 24 }]],
    ['a block without data is not dispatched', ['event: ping\n\n'], []],
  ])('%s', (_name, chunks, expected) => {
    const parser = new SseParser();
    expect(chunks.flatMap((chunk) => parser.feed(chunk))).toEqual(expected);
  });

  it('counts multi-byte characters as bytes', () => {
    const [event] = new SseParser().feed('data: é\n\n');
    expect(event?.bytes).toBe(10);
  });

  it('keeps events in order across many feeds', () => {
    const parser = new SseParser();
    const text = Array.from({ length: 50 }, (_, i) => `event: delta\ndata: {"seq":${i}}\n\n`).join('');
    const events = [];
    for (let i = 0; i < text.length; i += 7) events.push(...parser.feed(text.slice(i, i + 7)));
    expect(events.map((event) => JSON.parse(event.data).seq)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
