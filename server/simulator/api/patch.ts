import 'server-only';
// fast-json-patch is CommonJS without named ESM exports under Node: use its default export.
import jsonPatch, { type Operation } from 'fast-json-patch';
import { cloneJson, isJsonObject, type JsonObject } from './json-value';
import { badRequest, StoreError } from './status-error';
import { applyStrategicMergePatch } from './strategic-merge';

/** The patch media types this server accepts. */
export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] as const;

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else (arrays too) replaces. */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(original) ? cloneJson(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function applyJsonPatch(original: JsonObject, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest('json patch must be a JSON array of operations');
  try {
    return jsonPatch.applyPatch(cloneJson(original), patch as Operation[], true, false).newDocument;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StoreError('Invalid', `the server rejected our request due to an error in our request: ${message ?? ''}`);
  }
}

/** Applies a patch of the given Content-Type; 415 for a type this server does not accept (e.g. server-side apply). */
export function applyPatchOfType(contentType: string | undefined, original: JsonObject, patch: unknown): JsonObject {
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  let result: unknown;
  switch (type) {
    case 'application/json-patch+json': result = applyJsonPatch(original, patch); break;
    case 'application/merge-patch+json': result = applyMergePatch(original, patch); break;
    case 'application/strategic-merge-patch+json': result = applyStrategicMergePatch(original, patch); break;
    default:
      throw new StoreError('UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
  }
  if (!isJsonObject(result) || !isJsonObject(result.metadata)) throw badRequest('the patch removed the object\'s metadata');
  return result;
}
