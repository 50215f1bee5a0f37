import 'server-only';
import { z } from 'zod';
import { DaemonscopeError } from '../errors';

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

/** The largest mutation body read: real ones are under 100 bytes, anything near this is abuse. */
export const MAX_ACTION_BODY_BYTES = 16 * 1024;

/** Reads and validates a mutation body; an empty body is `{}`. Throws 400/413/415/422 with the fault. */
export async function parseActionBody(request: Request): Promise<ActionBody> {
  const text = await readBodyText(request, MAX_ACTION_BODY_BYTES);
  if (text.trim() === '') return {};
  assertJsonContentType(request);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DaemonscopeError('bad_request', 'request body is not valid JSON');
  }
  const parsed = actionBodySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new DaemonscopeError('invalid', `invalid request body: ${problems.join('; ')}`);
  }
  return parsed.data;
}

// text/plain and no type are what fetch and scripts send for a string body by default; the body is
// still parsed strictly as JSON. A form, multipart or HTML body is a client mistake worth naming.
const ACCEPTED_BODY_TYPES = new Set(['', 'application/json', 'text/plain']);

function assertJsonContentType(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_BODY_TYPES.has(type) && !type.endsWith('+json')) {
    throw new DaemonscopeError('unsupported_media_type', `request body must be JSON (content-type: application/json), got "${type.slice(0, 80)}"`);
  }
}

/** The body as text, refusing (413) once it passes `limit` bytes without reading the rest. */
async function readBodyText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new DaemonscopeError('too_large', `request body is larger than ${limit} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new DaemonscopeError('bad_request', 'request body is not valid UTF-8');
  }
}
