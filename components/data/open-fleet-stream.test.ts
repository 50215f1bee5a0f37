import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_TIMEOUT_MS, type StreamState } from './stream-state';
import { fleetStreamKey, openFleetStream } from './use-fleet-stream';

/** A stand-in for the browser's EventSource: records instances, lets the test emit events. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((message: { data: string }) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(name: string, listener: (message: { data: string }) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(name: string, data: unknown): void {
    if (this.readyState === FakeEventSource.CLOSED) return;
    for (const listener of this.listeners.get(name) ?? []) listener({ data: JSON.stringify(data) });
  }
}

const snapshot = (seq: number) => ({
  seq,
  rows: ['n1'],
  columns: [{ id: 0, namespace: 'ns', name: 'ds', uid: 'u', cells: 'R' }],
});
const delta = (seq: number) => ({ seq, deltas: [] });
const current = () => FakeEventSource.opened[FakeEventSource.opened.length - 1];

let queryClient: QueryClient;
let stop: () => void;
const state = () => queryClient.getQueryData<StreamState>(fleetStreamKey('demo'));

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal(
    'requestAnimationFrame',
    (callback: () => void) => setTimeout(callback, 16) as unknown as number,
  );
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => clearTimeout(handle));
  queryClient = new QueryClient();
  stop = openFleetStream(queryClient, 'demo', undefined);
  current()?.onopen?.();
  current()?.emit('snapshot', snapshot(5));
  vi.advanceTimersByTime(20);
});

afterEach(() => {
  stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('openFleetStream', () => {
  it('applies consecutive deltas on the same connection', () => {
    current()?.emit('delta', delta(6));
    current()?.emit('delta', delta(7));
    vi.advanceTimersByTime(20);
    expect(state()?.seq).toBe(7);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('closes and reopens the stream after a sequence gap, and the fresh snapshot heals it', () => {
    const first = current();
    first?.emit('delta', delta(8));
    vi.advanceTimersByTime(20);
    expect(first?.readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(state()).toMatchObject({ seq: 5, gap: { after: 5, got: 8 } });
    current()?.emit('snapshot', snapshot(9));
    vi.advanceTimersByTime(20);
    expect(state()).toMatchObject({ seq: 9, gap: undefined });
    expect(FakeEventSource.opened).toHaveLength(2);
  });

  it('heartbeats keep one connection; 45 s of silence marks it closed and reconnects', () => {
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(15_000);
      current()?.emit('heartbeat', { at: i });
    }
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(HEARTBEAT_TIMEOUT_MS + 5_000);
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.opened[0]?.readyState).toBe(FakeEventSource.CLOSED);
    vi.advanceTimersByTime(20);
    expect(state()).toMatchObject({ connection: 'closed', error: 'no event from the server for 45 s' });
  });
});
