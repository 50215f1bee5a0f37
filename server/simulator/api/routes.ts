import 'server-only';
import { type ResourceKind, RESOURCE_KINDS } from '../store-types';
import { RESOURCES, type ResourceInfo } from './resources';

/** A request path resolved to a resource (`/apis/apps/v1/namespaces/ns/daemonsets/x/status`). */
export interface ResourceRoute {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function findKind(group: string, version: string, plural: string | undefined): ResourceInfo | undefined {
  if (plural === undefined) return undefined;
  const kind = RESOURCE_KINDS.find((candidate: ResourceKind) => candidate === plural);
  if (!kind) return undefined;
  const info = RESOURCES[kind];
  return info.group === group && info.version === version ? info : undefined;
}

/**
 * Resolves a REST path; undefined when the path names nothing this server serves (answered 404).
 * `/api/v1/namespaces/x/status` is the namespace's status, `/api/v1/namespaces/x/pods` its pods.
 */
export function parseResourcePath(pathname: string): ResourceRoute | undefined {
  const segments = pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1] ?? '';
    rest = segments.slice(3);
    return resolve(group, segments[2] ?? '', rest);
  } else {
    return undefined;
  }
  return resolve(group, 'v1', rest);
}

function resolve(group: string, version: string, rest: string[]): ResourceRoute | undefined {
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[1]) {
    const namespaced = findKind(group, version, rest[2]);
    if (namespaced?.namespaced) return withNameAndSub(namespaced, rest.slice(3), rest[1]);
    if (group !== '' || rest.length > 3) return undefined;
  }
  const info = findKind(group, version, rest[0]);
  if (!info) return undefined;
  // A namespaced kind listed across all namespaces (`/apis/apps/v1/daemonsets`) takes no name.
  if (info.namespaced) return rest.length === 1 ? { info } : undefined;
  return withNameAndSub(info, rest.slice(1));
}

function withNameAndSub(info: ResourceInfo, rest: string[], namespace?: string): ResourceRoute | undefined {
  if (rest.length > 2) return undefined;
  const [name, subresource] = rest;
  if (subresource !== undefined && !info.subresources.some((sub) => sub.name === subresource)) return undefined;
  return {
    info,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}
