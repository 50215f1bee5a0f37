'use client';

import { skipToken, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiPath } from './fetch-json';
import { parseStreamEvent } from './parse-stream-event';
import {
  INITIAL_STREAM_STATE,
  reduceStream,
  streamResync,
  type StreamEvent,
  type StreamState,
} from './stream-state';

/**
 * The fleet's live grid in the browser: one EventSource per view feeds {@link reduceStream}, and the
 * result lives in the TanStack Query cache under {@link fleetStreamKey}. Events are applied once per
 * animation frame, so a burst of deltas during a big rollout costs one render, not hundreds. A
 * sequence gap or 45 s without any event (heartbeats come every 15 s) reopens the connection.
 */

const EVENT_NAMES = ['snapshot', 'delta', 'status', 'heartbeat', 'rollout'] as const;
const MAX_BACKOFF_MS = 30_000;

/** The query key of one stream (a DaemonSet view subscribes to its column only). */
export function fleetStreamKey(cluster: string, daemonSet?: string) {
  return ['fleet-stream', cluster, daemonSet ?? ''] as const;
}

/** The stream's URL: `/api/c/{cluster}/stream[?daemonset=ns/name]`. */
export function fleetStreamUrl(cluster: string, daemonSet?: string): string {
  const base = apiPath(cluster, 'stream');
  return daemonSet ? `${base}?${new URLSearchParams({ daemonset: daemonSet }).toString()}` : base;
}

/** How often the hook checks for a silent (half-open) stream. */
const SILENCE_CHECK_MS = 5_000;

function batchedDispatch(
  queryClient: QueryClient,
  key: ReturnType<typeof fleetStreamKey>,
  afterFlush: (state: StreamState) => void,
) {
  let queue: StreamEvent[] = [];
  let frame: number | undefined;
  const flush = () => {
    frame = undefined;
    const events = queue;
    queue = [];
    const next = queryClient.setQueryData<StreamState>(key, (state) =>
      events.reduce(reduceStream, state ?? INITIAL_STREAM_STATE),
    );
    if (next !== undefined) afterFlush(next);
  };
  return {
    dispatch(event: StreamEvent) {
      queue.push(event);
      frame ??= requestAnimationFrame(flush);
    },
    cancel() {
      if (frame !== undefined) cancelAnimationFrame(frame);
    },
  };
}

/** Feeds EventSource messages to `dispatch`, noting when anything at all arrived (`onHeard`). */
function listen(source: EventSource, dispatch: (event: StreamEvent) => void, onHeard: () => void): void {
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (message: MessageEvent<string>) => {
      onHeard();
      const parsed = parseStreamEvent(name, message.data, Date.now());
      if (parsed.ok) dispatch(parsed.event);
      else console.warn(`daemonscope: dropped a stream event: ${parsed.error}`);
    });
  }
}

/**
 * Opens the stream of one view into the query cache, reconnecting with backoff after an HTTP error
 * and at once after a sequence gap or 45 s of silence; returns the cleanup.
 */
export function openFleetStream(
  queryClient: QueryClient,
  cluster: string,
  daemonSet: string | undefined,
): () => void {
  const streamKey = fleetStreamKey(cluster, daemonSet);
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let connectedAt = Date.now();
  // Arrival of the last raw event: the cache only learns of events at the next animation frame,
  // which a hidden tab does not get, so silence is judged on this instead.
  let heardAt = 0;
  // A lost delta or a half-open stream: only a fresh connection (and its snapshot) repairs it.
  const resyncIfNeeded = (state: StreamState) => {
    const why = streamResync(state, Date.now(), connectedAt);
    if (why === undefined) return;
    if (why === 'silence')
      dispatch({ type: 'disconnected', at: Date.now(), error: 'no event from the server for 45 s' });
    source?.close();
    clearTimeout(retry);
    connect();
  };
  const { dispatch, cancel } = batchedDispatch(queryClient, streamKey, resyncIfNeeded);
  const connect = () => {
    connectedAt = Date.now();
    const opened = new EventSource(fleetStreamUrl(cluster, daemonSet));
    source = opened;
    opened.onopen = () => {
      attempt = 0;
      heardAt = Date.now();
      dispatch({ type: 'open', at: Date.now() });
    };
    listen(opened, dispatch, () => (heardAt = Date.now()));
    opened.onerror = () => {
      dispatch({ type: 'disconnected', at: Date.now() });
      // The browser retries by itself after a dropped connection, but not after an HTTP error
      // answer (CLOSED): then we reconnect ourselves, backing off with jitter.
      if (opened.readyState !== EventSource.CLOSED) return;
      opened.close();
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      retry = setTimeout(connect, delay);
    };
  };
  connect();
  const silenceCheck = setInterval(() => {
    const state = queryClient.getQueryData<StreamState>(streamKey);
    if (state !== undefined)
      resyncIfNeeded({ ...state, lastEventAt: Math.max(state.lastEventAt ?? 0, heardAt) });
  }, SILENCE_CHECK_MS);
  return () => {
    source?.close();
    clearTimeout(retry);
    clearInterval(silenceCheck);
    cancel();
  };
}

/** Subscribes to the cluster's stream while mounted and returns its current state. */
export function useFleetStream(cluster: string, daemonSet?: string): StreamState {
  const queryClient = useQueryClient();
  const key = fleetStreamKey(cluster, daemonSet);
  useEffect(() => openFleetStream(queryClient, cluster, daemonSet), [cluster, daemonSet, queryClient]);

  const { data } = useQuery<StreamState>({
    queryKey: key,
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  return data ?? INITIAL_STREAM_STATE;
}
