/**
 * `GET /api/c/{cluster}/cost` — what the DaemonSets cost the fleet, from the watch cache:
 * `{ daemonSets: [{ namespace, name, desiredNumberScheduled, perPod, total, problems }], total,
 * nodes: { count, summary: { [resource]: { max, median } }, top: [{ node, share }] } }`. Amounts are
 * canonical quantity strings (requests and limits × desired nodes); shares are fractions of each
 * node's allocatable that its daemon pods request. 503 while the first lists are still running.
 */
import { DaemonscopeError } from '@/server/errors';
import { fleetCostReport } from '@/server/hub/fleet-cost';
import { clusterConnection, signedInRoute } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = signedInRoute<{ cluster: string }>(async (_request, params) => {
  const connection = await clusterConnection(params.cluster);
  const unsynced = Object.entries(connection.hub.syncStates()).filter(([, state]) => state?.synced !== true);
  if (unsynced.length > 0) {
    const kinds = unsynced.map(([resource]) => resource).join(', ');
    throw new DaemonscopeError('unavailable', `cluster "${connection.name}" is still listing ${kinds}; retry in a moment`);
  }
  return Response.json(fleetCostReport(connection.hub));
});
