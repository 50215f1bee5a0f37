import 'server-only';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { parseRetryAfterSeconds } from './retry-after';

/**
 * The watch request ListWatch makes, over node:http(s) with the kubeconfig's credentials. client-node's
 * own Watch throws away a refused watch's response (only the status code survives), so a 429's
 * Retry-After and the Status message never reach the supervisor; this one keeps both. Otherwise it
 * behaves as client-node's: it resolves once a 200's head is in (a refusal or a network error calls
 * `done` first, then resolves), streams JSON lines to `callback`, ends a silent connection after `inactivityMs`
 * with a TimeoutError (ListWatch resumes from its resourceVersion at once), and calls `done` once.
 */

/** A watch the API server refused (non-200), with what it said. */
export class WatchRequestError extends Error {
  override name = 'WatchRequestError';

  constructor(
    message: string,
    /** The HTTP status; ListWatch relists on 410 by this field. */
    readonly statusCode: number,
    /** From the Retry-After header, or the Status's `details.retryAfterSeconds`. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }
}

type Callback = (phase: string, object: unknown, raw: unknown) => void;
type Done = (error: unknown) => void;

/** A client-node-compatible `Watch` (see the module comment). */
export class KubeWatch {
  constructor(
    private readonly kc: KubeConfig,
    private readonly inactivityMs = 30_000,
  ) {}

  async watch(path: string, query: Record<string, unknown>, callback: Callback, done: Done): Promise<AbortController> {
    const cluster = this.kc.getCurrentCluster();
    if (cluster === null) throw new Error('No currently active cluster');
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    url.searchParams.set('watch', 'true');
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    const options: RequestOptions = {};
    await this.kc.applyToHTTPSOptions(options);
    // client-node puts the kubeconfig's Authorization (token, exec plugin output) in `headers`, as an object.
    const base: OutgoingHttpHeaders = options.headers !== undefined && !Array.isArray(options.headers) ? (options.headers as OutgoingHttpHeaders) : {};
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (error: unknown): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      controller.abort();
      done(error);
    };
    const resetTimer = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), this.inactivityMs);
      timer.unref?.();
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    await new Promise<void>((resolve) => {
      resetTimer();
      const req = send(url, { ...options, method: 'GET', headers: { ...base, Accept: 'application/json' }, signal: controller.signal }, (res) => {
        if (res.statusCode === 200) {
          resolve();
          streamLines(res, callback, resetTimer, finish);
          return;
        }
        // As client-node's: a refusal reaches `done` before the watch resolves, so the caller never takes it for a connection.
        readRefusal(res, (error) => {
          finish(error);
          resolve();
        });
      });
      req.on('error', (error) => {
        finish(error);
        resolve();
      });
      req.end();
    });
    return controller;
  }
}

/** Feeds each JSON line of a 200 watch response to `callback`; a line that is not JSON is skipped. */
function streamLines(res: IncomingMessage, callback: Callback, onData: () => void, finish: Done): void {
  res.setEncoding('utf8');
  let buffer = '';
  res.on('data', (chunk: string) => {
    onData();
    buffer += chunk;
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\n');
      if (line.trim() === '') continue;
      let event: { type?: unknown; object?: unknown };
      try {
        event = JSON.parse(line) as { type?: unknown; object?: unknown };
      } catch {
        continue;
      }
      callback(String(event.type), event.object, event);
    }
  });
  res.on('end', () => finish(null));
  res.on('close', () => finish(null));
  // Node's own word for a reset mid-stream is a bare "aborted": say what broke.
  res.on('error', (error) => finish(new Error(`watch connection lost (${error.message})`)));
}

/** Reads a refused watch's Status (bounded) and reports it as a WatchRequestError. */
function readRefusal(res: IncomingMessage, finish: Done): void {
  const status = res.statusCode ?? 0;
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    if (text.length < 64 * 1024) text += chunk;
  });
  res.on('error', finish);
  res.on('end', () => {
    const body = parseStatus(text);
    const header = res.headers['retry-after'];
    const retryAfterSeconds = parseRetryAfterSeconds(typeof header === 'string' ? header : undefined, Date.now()) ?? body.retryAfterSeconds;
    finish(new WatchRequestError(body.message ?? `watch refused: HTTP ${status}`, status, retryAfterSeconds));
  });
}

function parseStatus(text: string): { message?: string; retryAfterSeconds?: number } {
  try {
    const status = JSON.parse(text) as { message?: unknown; details?: { retryAfterSeconds?: unknown } };
    const retry = status.details?.retryAfterSeconds;
    return {
      ...(typeof status.message === 'string' && status.message !== '' ? { message: status.message } : {}),
      ...(typeof retry === 'number' && retry >= 0 ? { retryAfterSeconds: retry } : {}),
    };
  } catch {
    return text.trim() === '' ? {} : { message: text.trim().slice(0, 500) };
  }
}
