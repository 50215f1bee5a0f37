/** What a soak runs against: the simulated cluster, the dashboard's stream, and a way to read its memory. */
import type { SseConnection, SseEvent } from '../bench/sse';

/** An open stream client. */
export type StreamHandle = Pick<SseConnection, 'bytes' | 'pause' | 'resume' | 'close' | 'closed'>;

/** The dashboard's memory at one moment, MB. */
export interface MemoryReading {
  rssMB: number;
  heapMB?: number;
}

/** The system under soak, however it runs (processes, or in process for the short test). */
export interface SoakStack {
  /** The simulated API server itself (the driver's flips and lists bypass the counting proxy). */
  simUrl: string;
  /** Watch events the dashboard has received from the API server so far, by resource path. */
  watchEvents(): Map<string, number>;
  /** Opens one stream client of the dashboard's fleet stream. */
  openStream(onEvent: (event: SseEvent, at: number) => void, onOpen: (status: number) => void): StreamHandle;
  /** The dashboard server's memory now; undefined once it is gone. */
  memory(): MemoryReading | undefined;
  /** What {@link memory} measures, for the report. */
  memorySource: string;
  /** Whether the dashboard server still runs. */
  alive(): boolean;
  close(): Promise<void>;
}

/** Total watch events over every resource. */
export function totalEvents(events: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of events.values()) total += count;
  return total;
}
