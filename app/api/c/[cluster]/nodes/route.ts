import { nodeList } from '@/server/detail/node-list';
import { clusterConnection, signedInRoute } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `{ items }`: every node's name, labels, taints, schedulability and allocatable (filters, grouping, what-if). */
export const GET = signedInRoute<{ cluster: string }>(async (_request, params) => Response.json(nodeList(await clusterConnection(params.cluster))));
