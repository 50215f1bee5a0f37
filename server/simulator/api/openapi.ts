import 'server-only';
import { createHash } from 'node:crypto';
import { RESOURCE_KINDS } from '../store-types';
import { RESOURCES, type ResourceInfo } from './resources';

/**
 * A minimal OpenAPI v3 surface. kubectl 1.32 `create`/`apply` validate with `--validate=strict` by default: they
 * ask `/openapi/v3` whether the server accepts the `fieldValidation` query parameter on PATCH for the object's
 * GVK (cli-runtime `queryParamVerifierV3`), and on "yes" leave validation to the server. Without this they try
 * `/openapi/v2` and fail with "failed to download openapi". Schemas are omitted, so client-side apply falls back
 * to the built-in Go types for its strategic merge patch, exactly as for any built-in kind.
 */
function groupVersionPath(info: ResourceInfo): string {
  return info.group === '' ? `api/${info.version}` : `apis/${info.group}/${info.version}`;
}

const QUERY_PARAMS = ['fieldValidation', 'dryRun', 'fieldManager', 'pretty', 'force'].map((name) => ({
  name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

function operation(info: ResourceInfo, action: string): unknown {
  return {
    operationId: `${action}${info.objectKind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: info.group, version: info.version, kind: info.objectKind },
    parameters: QUERY_PARAMS,
    responses: { '200': { description: 'OK' } },
  };
}

function paths(infos: ResourceInfo[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const info of infos) {
    const base = `/${groupVersionPath(info)}${info.namespaced ? '/namespaces/{namespace}' : ''}/${info.kind}`;
    result[base] = { post: operation(info, 'post') };
    result[`${base}/{name}`] = { patch: operation(info, 'patch'), put: operation(info, 'put') };
  }
  return result;
}

function documentFor(gvPath: string): unknown {
  const infos = RESOURCE_KINDS.map((kind) => RESOURCES[kind]).filter((info) => groupVersionPath(info) === gvPath);
  if (infos.length === 0) return undefined;
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: paths(infos), components: { schemas: {} } };
}

const GROUP_VERSIONS = [...new Set(RESOURCE_KINDS.map((kind) => groupVersionPath(RESOURCES[kind])))];

/** `GET /openapi/v3` (the index) or `/openapi/v3/<gv path>`; undefined for anything else. */
export function openApiV3(path: string): unknown {
  if (path === '/openapi/v3') {
    const entries = GROUP_VERSIONS.map((gv) => {
      const hash = createHash('sha256').update(JSON.stringify(documentFor(gv))).digest('hex').slice(0, 32).toUpperCase();
      return [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` }];
    });
    return { paths: Object.fromEntries(entries) };
  }
  const prefix = '/openapi/v3/';
  return path.startsWith(prefix) ? documentFor(path.slice(prefix.length)) : undefined;
}
