import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterEntry } from './types';

/** The cluster the dashboard runs in, when it runs in a pod (the service account's credentials). */
export function inClusterEntry(env: Record<string, string | undefined>): ClusterEntry | undefined {
  if (!env.KUBERNETES_SERVICE_HOST) return undefined;
  return {
    name: 'in-cluster',
    source: 'in-cluster',
    access: async () => {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      return { kc, now: Date.now };
    },
  };
}
