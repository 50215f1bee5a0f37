/**
 * Fan-out: the watches the dashboard holds open at the API server with one stream client, then with
 * a hundred. The counting proxy sees them, so the figure does not depend on the simulator's internals.
 */
import { sleep } from './net';
import { followStream, waitForSnapshot, type StreamClient } from './stream-watch';
import type { WatchProxy } from './watch-proxy';

/** What {@link measureFanout} measured. */
export interface FanoutResult {
  watchesWith1Client: number;
  watchesWith100Clients: number;
  /** Clients (of 100) that received a snapshot. */
  clientsWithSnapshot: number;
  /** Watch requests started while the 100 clients were connected (re-watches included). */
  watchRequestsDuring: number;
  byResource: string;
}

/** The number of open watches over every resource. */
export function totalOpen(open: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of open.values()) total += count;
  return total;
}

function describe(open: ReadonlyMap<string, number>): string {
  return [...open].map(([path, count]) => `${path}×${count}`).join(', ') || 'none';
}

/** Counts open watches with `first` as the only client, then with 99 more on `streamUrl`. */
export async function measureFanout(streamUrl: string, proxy: WatchProxy, log: (line: string) => void): Promise<FanoutResult> {
  await sleep(2_000); // let start-up re-watches settle
  const one = proxy.openWatches();
  log(`fanout: 1 client → open watches ${describe(one)}`);
  const startedBefore = proxy.watchRequests();
  const extra: StreamClient[] = Array.from({ length: 99 }, () => followStream(streamUrl));
  try {
    const received = await Promise.all(extra.map((client) => waitForSnapshot(client, 120_000)));
    await sleep(2_000);
    const hundred = proxy.openWatches();
    const clientsWithSnapshot = 1 + received.filter(Boolean).length;
    log(`fanout: 100 clients (${clientsWithSnapshot} with a snapshot) → open watches ${describe(hundred)}`);
    return {
      watchesWith1Client: totalOpen(one),
      watchesWith100Clients: totalOpen(hundred),
      clientsWithSnapshot,
      watchRequestsDuring: proxy.watchRequests() - startedBefore,
      byResource: describe(hundred),
    };
  } finally {
    for (const client of extra) client.connection.close();
  }
}
