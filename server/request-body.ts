import 'server-only';
import { DaemonscopeError } from './errors';

/** The largest JSON request body read: real ones are under a few hundred bytes, anything near this is abuse. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

// text/plain and no type are what fetch and scripts send for a string body by default; the body is
// still parsed strictly as JSON. A form, multipart or HTML body is a client mistake worth naming.
const ACCEPTED_BODY_TYPES = new Set(['', 'application/json', 'text/plain']);

/**
 * A request's JSON body, or undefined when it is empty. Throws 413 past `limit` bytes (without
 * reading the rest), 415 for a non-JSON content type, 400 for bytes that are not UTF-8 or not JSON.
 */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.trim() === '') return undefined;
  assertJsonContentType(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DaemonscopeError('bad_request', 'request body is not valid JSON');
  }
}

function assertJsonContentType(request: Request): void {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_BODY_TYPES.has(type) && !type.endsWith('+json')) {
    throw new DaemonscopeError('unsupported_media_type', `request body must be JSON (content-type: application/json), got "${type.slice(0, 80)}"`);
  }
}

/** The body as text, refusing (413) once it passes `limit` bytes. */
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
