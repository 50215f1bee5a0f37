import { getRegistry } from '@/server/clusters/global-registry';
import { route } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `[{ name, source, reachable, message? }]`, demo first; connects clusters not yet connected. */
export const GET = route(async () => Response.json(await getRegistry().list()));
