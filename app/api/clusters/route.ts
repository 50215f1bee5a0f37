import { getRegistry } from '@/server/clusters/global-registry';
import { signedInRoute } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `[{ name, source, reachable, message? }]`, demo first; connects clusters not yet connected. */
export const GET = signedInRoute(async () => Response.json(await getRegistry().list()));
