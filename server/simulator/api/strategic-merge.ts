import 'server-only';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value';
import { badRequest } from './status-error';

/**
 * Merge keys of the lists this cluster's kinds declare `patchStrategy:"merge"` for (k8s.io/api core/v1, apps/v1,
 * meta/v1). A list field not named here is atomic (replaced whole), as `tolerations`, node `taints`, `args` are.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  addresses: 'type',
  resourceClaims: 'name',
};

/** Lists of scalars merged as sets (`patchStrategy:"merge"` on a []string). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList/';

/** Applies a strategic merge patch (`application/strategic-merge-patch+json`) to a JSON object. */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown): JsonObject {
  if (!isJsonObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  const merged = mergeMap(original, patch);
  if (merged === undefined) throw badRequest('a strategic merge patch may not delete the whole object');
  return merged;
}

function mergeMap(original: JsonObject, patch: JsonObject): JsonObject | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  const result: JsonObject = directive === 'replace' ? {} : cloneJson(original);
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge') {
    throw badRequest(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) result[field] = current.filter((item) => !value.some((v) => jsonEqual(v, item)));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = mergeValue(key, result[key], value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER) || !Array.isArray(order)) continue;
    const field = key.slice(SET_ORDER.length);
    const list = result[field];
    if (Array.isArray(list)) result[field] = applyElementOrder(list, order, MERGE_KEYS[field]);
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}

function mergeValue(field: string, current: unknown, value: unknown): unknown {
  if (isJsonObject(value)) {
    return mergeMap(isJsonObject(current) ? current : {}, value);
  }
  if (Array.isArray(value)) {
    const mergeKey = MERGE_KEYS[field];
    if (mergeKey !== undefined && value.every(isJsonObject)) return mergeList(Array.isArray(current) ? current : [], value, mergeKey);
    if (MERGED_PRIMITIVE_LISTS.has(field)) {
      const base = Array.isArray(current) ? [...current] : [];
      for (const item of value) if (!base.some((b) => jsonEqual(b, item))) base.push(item);
      return base;
    }
    return stripDirectives(value);
  }
  return value;
}

function mergeList(current: unknown[], patch: JsonObject[], mergeKey: string): unknown[] {
  if (patch.some((item) => item.$patch === 'replace')) {
    return patch.filter((item) => item.$patch !== 'replace').map((item) => stripDirectives(item));
  }
  const result = cloneJson(current);
  for (const item of patch) {
    const key = item[mergeKey];
    const index = result.findIndex((existing) => isJsonObject(existing) && jsonEqual(existing[mergeKey], key));
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index < 0) {
      result.push(stripDirectives(item));
      continue;
    }
    const existing = result[index];
    const merged = mergeMap(isJsonObject(existing) ? existing : {}, item);
    if (merged === undefined) result.splice(index, 1);
    else result[index] = merged;
  }
  return result;
}

/**
 * `$setElementOrder/<field>` (what client-side apply sends): the listed elements take that order, elements
 * the patch does not list (set by others on the server) follow in their existing order.
 */
function applyElementOrder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const identity = (item: unknown): unknown => (mergeKey !== undefined && isJsonObject(item) ? item[mergeKey] : item);
  const rank = (item: unknown): number => order.findIndex((entry) => jsonEqual(identity(entry), identity(item)));
  const listed = list.filter((item) => rank(item) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...listed, ...list.filter((item) => rank(item) < 0)];
}

/** A patch value inserted as new content keeps no directive keys (and no null-valued keys). */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$') || item === null) continue;
    result[key] = stripDirectives(item);
  }
  return result;
}
