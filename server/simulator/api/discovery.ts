import 'server-only';
import { RESOURCE_KINDS } from '../store-types';
import { RESOURCE_VERBS, RESOURCES, type ResourceInfo } from './resources';

/** What `/version` reports: a 1.32 server, so gcloud's kubectl dispatcher keeps kubectl 1.32. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T00:00:00Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** `GET /api`: the legacy core group's versions. */
export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(name: string): unknown {
  const version = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [version], preferredVersion: version };
}

/** `GET /apis`: the named groups (legacy discovery; kubectl accepts it in place of aggregated discovery). */
export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [groupEntry('apps')] };
}

/** `GET /apis/<group>`: one group, or undefined. */
export function apiGroup(name: string): unknown {
  return name === 'apps' ? { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(name) as object) } : undefined;
}

function resourceEntries(info: ResourceInfo): unknown[] {
  const main = {
    name: info.kind, singularName: info.singular, namespaced: info.namespaced, kind: info.objectKind, verbs: RESOURCE_VERBS,
    ...(info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}),
    ...(info.categories.length > 0 ? { categories: info.categories } : {}),
  };
  const subresources = info.subresources.map((sub) => sub.name === 'eviction'
    ? { name: `${info.kind}/eviction`, singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: sub.verbs }
    : { name: `${info.kind}/${sub.name}`, singularName: '', namespaced: info.namespaced, kind: info.objectKind, verbs: sub.verbs });
  return [main, ...subresources];
}

/** `GET /api/v1` or `/apis/<group>/<version>`: the APIResourceList, or undefined for an unknown group version. */
export function apiResourceList(group: string, version: string): unknown {
  const infos = RESOURCE_KINDS.map((kind) => RESOURCES[kind]).filter((info) => info.group === group && info.version === version);
  if (infos.length === 0) return undefined;
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`,
    resources: infos.flatMap(resourceEntries),
  };
}
