import 'server-only';
import { z } from 'zod';
import { DaemonscopeError } from '../errors';
import { readJsonBody } from '../request-body';

/** The DaemonSet actions of `POST /api/c/{cluster}/daemonsets/{ns}/{name}/{action}`. */
export const DAEMONSET_ACTIONS = ['rollback', 'pause', 'resume', 'restart'] as const;
/** One of DAEMONSET_ACTIONS. */
export type DaemonSetAction = (typeof DAEMONSET_ACTIONS)[number];

/** Every mutation body: all fields optional, unknown fields refused (a typo must not be ignored). */
export const actionBodySchema = z
  .object({
    toRevision: z.number().int().min(0).optional(),
    resourceVersion: z.string().min(1).optional(),
    /** The spec generation the operator reviewed: status writes do not bump it, spec edits do. */
    generation: z.number().int().min(1).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** A parsed mutation body. */
export type ActionBody = z.infer<typeof actionBodySchema>;

/** Whether a path segment names a DaemonSet action. */
export function isDaemonSetAction(value: string): value is DaemonSetAction {
  return (DAEMONSET_ACTIONS as readonly string[]).includes(value);
}

/** Reads and validates a mutation body; an empty body is `{}`. Throws 400/413/415/422 with the fault. */
export async function parseActionBody(request: Request): Promise<ActionBody> {
  const json = await readJsonBody(request);
  if (json === undefined) return {};
  const parsed = actionBodySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new DaemonscopeError('invalid', `invalid request body: ${problems.join('; ')}`);
  }
  return parsed.data;
}
