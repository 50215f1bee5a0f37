import 'server-only';
import type { ControllerRevision, DaemonSet, Node, Pod } from '@/lib/k8s-types';
import type { KubeClient } from '../clusters/kube-http';
import { isDaemonSetOwned, slimControllerRevision, slimDaemonSet, slimNode, slimPod } from './slim';
import type { Keyed, RawList } from './supervisor';

/** The four resource kinds every cluster watches, by their plural REST name. */
export const WATCHED_RESOURCES = ['nodes', 'daemonsets', 'pods', 'controllerrevisions'] as const;
/** One of WATCHED_RESOURCES. */
export type WatchedResource = (typeof WATCHED_RESOURCES)[number];

/** How one resource kind is listed, watched and slimmed, and which FleetEvent kind it feeds. */
export interface ResourceSpec<T extends Keyed> {
  resource: WatchedResource;
  fleetKind: 'node' | 'daemonset' | 'pod' | 'controllerrevision';
  path: string;
  slim: (raw: unknown) => T;
  keep?: (object: T) => boolean;
}

/** The specs by resource, typed per kind. */
export const RESOURCE_SPECS = {
  nodes: { resource: 'nodes', fleetKind: 'node', path: '/api/v1/nodes', slim: slimNode } satisfies ResourceSpec<Node>,
  daemonsets: {
    resource: 'daemonsets',
    fleetKind: 'daemonset',
    path: '/apis/apps/v1/daemonsets',
    slim: slimDaemonSet,
  } satisfies ResourceSpec<DaemonSet>,
  // Every pod of the cluster is listed and only DaemonSet-owned ones are kept: the API has no
  // server-side filter on owner references.
  pods: { resource: 'pods', fleetKind: 'pod', path: '/api/v1/pods', slim: slimPod, keep: isDaemonSetOwned } satisfies ResourceSpec<Pod>,
  controllerrevisions: {
    resource: 'controllerrevisions',
    fleetKind: 'controllerrevision',
    path: '/apis/apps/v1/controllerrevisions',
    slim: slimControllerRevision,
  } satisfies ResourceSpec<ControllerRevision>,
} as const;

/** Pages of this size keep one list response (and the API server's work per request) bounded. */
const PAGE_SIZE = 500;

/**
 * Lists a whole collection with limit/continue paging. The resourceVersion of a paged list is the
 * first page's (upstream's list is a consistent snapshot across continue tokens). `each` maps every
 * item as its page arrives (undefined drops it): slimming page by page lets each raw page be collected
 * at once, instead of holding every raw object of a 700,000-pod list until the last page.
 */
export async function listAll(
  client: KubeClient, path: string, signal: AbortSignal, onPage: () => void = () => {}, each: (item: unknown) => unknown = (item) => item,
): Promise<RawList> {
  const items: unknown[] = [];
  let resourceVersion: string | undefined;
  let token: string | undefined;
  do {
    const page = await client<RawList>({ method: 'GET', path, query: { limit: String(PAGE_SIZE), continue: token }, signal });
    resourceVersion ??= page?.metadata?.resourceVersion;
    for (const item of page?.items ?? []) {
      const kept = each(item);
      if (kept !== undefined) items.push(kept);
    }
    onPage();
    token = page?.metadata?.continue || undefined;
  } while (token !== undefined);
  return { metadata: { resourceVersion }, items };
}
