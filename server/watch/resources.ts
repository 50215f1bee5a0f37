import 'server-only';
import type { ControllerRevision, DaemonSet, Node, Pod } from '@/lib/k8s-types';
import type { KubeClient } from '../clusters/kube-http';
import { isDaemonSetOwned, slimControllerRevision, slimDaemonSet, slimNode, slimPod } from './slim';
import type { ConvertedList, Keyed, RawList } from './supervisor';

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
 * Lists a whole collection with limit/continue paging, converting each page's items as it arrives
 * (`convert` drops an item by answering undefined): at 200,000 pods the raw pages of a whole list
 * would be ~1 GB of heap at once, when only their projection is kept. The resourceVersion of a
 * paged list is the first page's (upstream's list is a consistent snapshot across continue tokens).
 */
export async function listAll<T = unknown>(
  client: KubeClient,
  path: string,
  signal: AbortSignal,
  onPage: () => void = () => {},
  convert: (raw: unknown) => T | undefined = (raw) => raw as T,
): Promise<ConvertedList<T>> {
  const items: T[] = [];
  let resourceVersion: string | undefined;
  let token: string | undefined;
  do {
    const page = await client<RawList>({ method: 'GET', path, query: { limit: String(PAGE_SIZE), continue: token }, signal });
    resourceVersion ??= page?.metadata?.resourceVersion;
    for (const raw of page?.items ?? []) {
      const item = convert(raw);
      if (item !== undefined) items.push(item);
    }
    onPage();
    token = page?.metadata?.continue || undefined;
  } while (token !== undefined);
  return { metadata: { resourceVersion }, items };
}
