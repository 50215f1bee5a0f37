export const dynamic = 'force-dynamic';

/** Liveness: the process serves requests. */
export function GET(): Response {
  return Response.json({ status: 'ok' });
}
