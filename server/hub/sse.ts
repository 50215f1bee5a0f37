import 'server-only';
import type { ClusterHub } from './cluster-hub';
import { encodeComment, encodeMessage } from './stream-protocol';

/**
 * Heartbeat events keep proxies from timing out an idle stream, and let the browser tell a quiet
 * stream from a half-open one (an SSE comment never reaches EventSource listeners).
 */
export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

/**
 * The Server-Sent Events response of one stream client: `: connected`, then whatever the hub queues
 * for it (snapshot, status, deltas, rollout), heartbeat events, and cleanup when the client goes away.
 */
export function sseResponse(hub: ClusterHub, daemonSet: string | undefined, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): Response {
  const subscription = hub.subscribe(daemonSet);
  const heartbeat = setInterval(() => subscription.queue.push(encodeMessage({ event: 'heartbeat', data: { at: hub.now() } })), heartbeatMs);
  heartbeat.unref?.();
  const stop = () => {
    clearInterval(heartbeat);
    subscription.close();
  };
  signal.addEventListener('abort', stop, { once: true });
  let connected = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!connected) {
        // The comment goes out first so the response headers are flushed at once.
        connected = true;
        controller.enqueue(encoder.encode(encodeComment('connected')));
        return;
      }
      const text = await subscription.queue.next();
      if (text === undefined) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(text));
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
