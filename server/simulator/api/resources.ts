import 'server-only';
import { type ResourceKind } from '../store-types';

/** How the API serves one resource: the facts discovery, URLs, errors and tables need. */
export interface ResourceInfo {
  kind: ResourceKind;
  /** '' for the core group. */
  group: string;
  version: string;
  /** The object's `kind`, e.g. DaemonSet. */
  objectKind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources served under `<kind>/<sub>`. */
  subresources: { name: string; verbs: string[] }[];
}

const WRITE_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Every resource of the simulated cluster, in discovery order. */
export const RESOURCES: Record<ResourceKind, ResourceInfo> = {
  namespaces: {
    kind: 'namespaces', group: '', version: 'v1', objectKind: 'Namespace', singular: 'namespace', namespaced: false,
    shortNames: ['ns'], categories: [], subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  },
  nodes: {
    kind: 'nodes', group: '', version: 'v1', objectKind: 'Node', singular: 'node', namespaced: false,
    shortNames: ['no'], categories: [], subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  },
  pods: {
    kind: 'pods', group: '', version: 'v1', objectKind: 'Pod', singular: 'pod', namespaced: true,
    shortNames: ['po'], categories: ['all'],
    subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }, { name: 'eviction', verbs: ['create'] }],
  },
  events: {
    kind: 'events', group: '', version: 'v1', objectKind: 'Event', singular: 'event', namespaced: true,
    shortNames: ['ev'], categories: [], subresources: [],
  },
  daemonsets: {
    kind: 'daemonsets', group: 'apps', version: 'v1', objectKind: 'DaemonSet', singular: 'daemonset', namespaced: true,
    shortNames: ['ds'], categories: ['all'], subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  },
  controllerrevisions: {
    kind: 'controllerrevisions', group: 'apps', version: 'v1', objectKind: 'ControllerRevision', singular: 'controllerrevision',
    namespaced: true, shortNames: [], categories: [], subresources: [],
  },
};

/** The verbs of a top-level resource. */
export const RESOURCE_VERBS = WRITE_VERBS;

/** `apps/v1` or `v1`. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The name upstream error messages use: `daemonsets.apps`, `pods`. */
export function qualifiedResource(kind: ResourceKind): string {
  const info = RESOURCES[kind];
  return info.group === '' ? kind : `${kind}.${info.group}`;
}

/** The kind upstream Invalid messages use: `DaemonSet.apps`, `Pod`. */
export function qualifiedKind(kind: ResourceKind): string {
  const info = RESOURCES[kind];
  return info.group === '' ? info.objectKind : `${info.objectKind}.${info.group}`;
}
