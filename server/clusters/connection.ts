import 'server-only';
import type { FleetEvent } from '@/lib/fleet-model/types';
import { ClusterHub, type ClusterHubOptions } from '../hub/cluster-hub';
import { KubeWatch } from '../watch/watch-transport';
import { listAll, RESOURCE_SPECS, WATCHED_RESOURCES, type ResourceSpec } from '../watch/resources';
import { superviseWatch, type Keyed, type SupervisedWatch } from '../watch/supervisor';
import { makeKubeClient, type KubeClient } from './kube-http';
import type { ClusterAccess } from './types';
import { kubeConfigWithToken, type KubeIdentity } from './user-identity';

/** A live cluster: its REST client, its hub, and the watches feeding it. */
export interface ClusterConnection {
  name: string;
  client: KubeClient;
  hub: ClusterHub;
  now: () => number;
  /** A client acting as a dashboard user (their token, or impersonation), so the cluster's RBAC decides. */
  clientAs(identity: KubeIdentity): KubeClient;
  stop(): void;
}

/** Options shared by every connection. */
export interface ConnectOptions {
  progressDeadlineSeconds: number;
  backoff?: { initialMs: number; maxMs: number };
  watchdogMs?: number;
  /** Batching and per-client queue bounds of the hub (tests shrink them; the server keeps the defaults). */
  hub?: Pick<ClusterHubOptions, 'batchMs' | 'maxQueued'>;
}

/** Opens one supervised list+watch per resource kind into a new hub. Watches start at once. */
export function connectCluster(name: string, access: ClusterAccess, options: ConnectOptions): ClusterConnection {
  const client = makeKubeClient(access.kc);
  const hub = new ClusterHub({ ...options.hub, cluster: name, now: access.now, progressDeadlineSeconds: options.progressDeadlineSeconds });
  const watch = new KubeWatch(access.kc);
  const watches: SupervisedWatch<Keyed>[] = WATCHED_RESOURCES.map((resource) => {
    const spec = RESOURCE_SPECS[resource] as ResourceSpec<Keyed>;
    const supervised = superviseWatch<Keyed>({
      resource,
      path: spec.path,
      list: (signal, onPage, convert) => listAll(client, spec.path, signal, onPage, convert),
      watch,
      slim: spec.slim,
      keep: spec.keep,
      onEvent: (event) => hub.ingest({ kind: spec.fleetKind, type: event.type, object: event.object } as FleetEvent),
      onState: (state) => hub.setState(resource, state),
      backoff: options.backoff,
      watchdogMs: options.watchdogMs,
    });
    hub.setState(resource, supervised.state());
    return supervised;
  });
  for (const supervised of watches) void supervised.start();
  return {
    name,
    client,
    hub,
    now: access.now,
    clientAs(identity) {
      if (identity.kind === 'kubeconfig') return client;
      if (identity.kind === 'token') return makeKubeClient(kubeConfigWithToken(access.kc, identity.token));
      return makeKubeClient(access.kc, { user: identity.user, groups: identity.groups });
    },
    stop() {
      for (const supervised of watches) supervised.stop();
      hub.close();
    },
  };
}
