import { getRegistry } from '@/server/clusters/global-registry';
import { route } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness: every cluster's watches have synced, or the cluster is reported unreachable. */
export const GET = route(async () => {
  const { ready, clusters, waiting } = await getRegistry().ready();
  return Response.json({ ready, waiting, clusters }, { status: ready ? 200 : 503 });
});
