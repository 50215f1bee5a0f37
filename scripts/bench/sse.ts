/**
 * A Server-Sent Events client for the bench: node:http (so the byte counts are what crossed the
 * socket, with no transparent decompression), a small incremental parser, and arrival times.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';

/** One dispatched event. */
export interface SseEvent {
  event: string;
  data: string;
  /** UTF-8 bytes of the event's block on the wire, blank line included. */
  bytes: number;
}

/** Incremental SSE parser: feed text as it arrives, get whole events back. Comments are dropped. */
export class SseParser {
  private pending = '';

  /** Parses what `text` completes; a partial block waits for the next feed. */
  feed(text: string): SseEvent[] {
    this.pending += text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let end = this.pending.indexOf('\n\n'); end >= 0; end = this.pending.indexOf('\n\n', start)) {
      const block = this.pending.slice(start, end);
      start = end + 2;
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    this.pending = this.pending.slice(start);
    return events;
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, data: data.join('\n'), bytes: Buffer.byteLength(block, 'utf8') + 2 };
}

/** An open stream. */
export interface SseConnection {
  /** Total bytes received on the body so far. */
  bytes(): number;
  /** Stops reading the socket (the server then meets backpressure), until `resume`. */
  pause(): void;
  resume(): void;
  close(): void;
  /** Settles when the response ends or fails (never rejects). */
  closed: Promise<string>;
}

/** Opens `url` as an event stream; `onEvent` gets each event with its arrival time (performance.now()). */
export function openSse(url: string, onEvent: (event: SseEvent, at: number) => void, onOpen?: (status: number) => void): SseConnection {
  let received = 0;
  let req: ClientRequest | undefined;
  let response: IncomingMessage | undefined;
  let paused = false;
  const closed = new Promise<string>((resolve) => {
    req = request(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      response = res;
      if (paused) res.pause();
      onOpen?.(res.statusCode ?? 0);
      const decoder = new StringDecoder('utf8');
      const parser = new SseParser();
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        const at = performance.now();
        for (const event of parser.feed(decoder.write(chunk))) onEvent(event, at);
      });
      res.on('end', () => resolve(`ended (HTTP ${res.statusCode ?? 0})`));
      res.on('error', (error) => resolve(error.message));
    });
    req.on('error', (error) => resolve(error.message));
    req.end();
  });
  return {
    bytes: () => received,
    pause: () => {
      paused = true;
      response?.pause();
    },
    resume: () => {
      paused = false;
      response?.resume();
    },
    close: () => req?.destroy(),
    closed,
  };
}
