import { z } from 'zod';
import { invalidToken, sessionCookie } from '@/server/auth/session-cookie';
import { sessionNames, tokenJudge } from '@/server/auth/session-name';
import { whoAmI } from '@/server/auth/who-am-i';
import { getRegistry } from '@/server/clusters/global-registry';
import { getConfig } from '@/server/config';
import { assertMutationAllowed } from '@/server/csrf';
import { DaemonscopeError } from '@/server/errors';
import { clusterConnection, route } from '@/server/http';
import { readJsonBody } from '@/server/request-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const loginBody = z.object({ token: z.string().min(1, 'token is required'), cluster: z.string().min(1).max(253).optional() }).strict();

async function parseLogin(request: Request): Promise<z.infer<typeof loginBody>> {
  // Size, content type and JSON syntax are checked like every other body (413, 415, 400).
  const parsed = loginBody.safeParse((await readJsonBody(request)) ?? {});
  if (!parsed.success) throw new DaemonscopeError('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  const problem = invalidToken(parsed.data.token);
  if (problem !== undefined) throw new DaemonscopeError('invalid', `token: ${problem}`);
  return parsed.data;
}

/**
 * Token mode: `{ token, cluster? }` is checked against the cluster (SelfSubjectReview) and kept, with
 * that cluster's name, in an HttpOnly, SameSite=Strict cookie; the answer names the user and never
 * contains the token.
 */
export const POST = route(async (request) => {
  if (getConfig().auth.mode !== 'token') throw new DaemonscopeError('not_found', 'sign-in is only for --auth-mode token');
  assertMutationAllowed(request);
  const body = await parseLogin(request);
  const clusterName = body.cluster ?? tokenJudge(getRegistry().entries, undefined);
  if (clusterName === undefined) throw new DaemonscopeError('unavailable', 'no cluster is configured to check the token against');
  const connection = await clusterConnection(clusterName);
  const kube = { kind: 'token' as const, token: body.token };
  let who;
  try {
    who = await whoAmI(connection.clientAs(kube), { kube, username: undefined, groups: [] });
  } catch (error) {
    if (error instanceof DaemonscopeError && error.code === 401) throw new DaemonscopeError('unauthorized', `cluster "${clusterName}" did not accept this token`);
    throw error;
  }
  const secure = new URL(request.url).protocol === 'https:';
  // The cookie remembers which cluster accepted the token, so GET /api/session asks that one who the user is.
  sessionNames().remember(clusterName, body.token, who.username);
  return Response.json(
    { user: who.username, groups: who.groups },
    { headers: { 'Set-Cookie': sessionCookie(body.token, secure, clusterName), 'Cache-Control': 'no-store' } },
  );
});
