import 'server-only';
import { type KObject, type ResourceKind } from '../store-types';
import { type FieldRequirement, matchesFields, parseFieldSelector } from './field-selector';
import { type LabelRequirement, matchesRequirements, parseLabelSelector } from './label-selector';
import { badRequest } from './status-error';
import { type IncludeObject } from './tables/table';

/** The parsed query of a list or watch request. */
export interface ListQuery {
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  includeObject: IncludeObject;
}

/** Parses list/watch query parameters; malformed ones are a 400. */
export function parseListQuery(kind: ResourceKind, params: URLSearchParams, namespace: string | undefined): ListQuery {
  const limitText = params.get('limit');
  const limit = limitText === null || limitText === '' ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw badRequest(`invalid limit: ${limitText ?? ''}`);
  const include = params.get('includeObject') ?? 'Metadata';
  if (!['None', 'Metadata', 'Object'].includes(include)) throw badRequest(`invalid includeObject: ${include}`);
  const continueToken = params.get('continue') || undefined;
  const resourceVersion = params.get('resourceVersion') ?? undefined;
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    labels: parseLabelSelector(params.get('labelSelector') ?? ''),
    fields: parseFieldSelector(kind, params.get('fieldSelector') ?? ''),
    ...(limit ? { limit } : {}),
    ...(continueToken ? { continueToken } : {}),
    ...(resourceVersion !== undefined ? { resourceVersion } : {}),
    includeObject: include as IncludeObject,
  };
}

/** True when an object is in the query's namespace and matches its selectors. */
export function matchesQuery(query: ListQuery, object: KObject): boolean {
  if (query.namespace !== undefined && object.metadata.namespace !== query.namespace) return false;
  return matchesRequirements(query.labels, object.metadata.labels) && matchesFields(query.fields, object);
}

/** A continue token: where the previous page ended, and at which resourceVersion the list started. */
export interface ContinueToken {
  rv: string;
  namespace: string;
  name: string;
}

/** Encodes a continue token (opaque to clients, like upstream's base64 JSON). */
export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'sim/1', ...token })).toString('base64url');
}

/** Decodes a continue token; a malformed one is a 400 as upstream answers. */
export function decodeContinue(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<ContinueToken> & { v?: string };
    if (parsed.v === 'sim/1' && typeof parsed.rv === 'string' && typeof parsed.namespace === 'string' && typeof parsed.name === 'string') {
      return { rv: parsed.rv, namespace: parsed.namespace, name: parsed.name };
    }
  } catch {
    // fall through to the upstream message
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
