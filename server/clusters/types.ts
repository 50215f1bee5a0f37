import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';

/** Where a cluster comes from, as `GET /api/clusters` reports it. */
export type ClusterSource = 'demo' | 'kubeconfig' | 'in-cluster';

/** What connecting to a cluster yields: credentials and the clock its timestamps follow. */
export interface ClusterAccess {
  kc: KubeConfig;
  /** Epoch ms as the cluster sees it (the demo cluster may run faster than wall time). */
  now: () => number;
}

/** A cluster the dashboard offers; connecting is deferred to first use. */
export interface ClusterEntry {
  name: string;
  source: ClusterSource;
  /** Resolves credentials (and starts the embedded demo on first call); throws with a message to show. */
  access: () => Promise<ClusterAccess>;
}
