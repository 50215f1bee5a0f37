import 'server-only';
import { getConfig, type ServerConfig } from '../config';
import { demoEntry } from './demo';
import { inClusterEntry } from './in-cluster';
import { kubeconfigClusters } from './kubeconfig';
import { ClusterRegistry } from './registry';
import type { ClusterEntry } from './types';

/** The clusters a configuration offers, in the order the UI lists them: demo first, then kubeconfig contexts, then in-cluster. */
export function clusterEntries(config: ServerConfig, env: Record<string, string | undefined>): ClusterEntry[] {
  const entries: ClusterEntry[] = [];
  if (config.demo) entries.push(demoEntry(config));
  if (config.kubeconfigPath !== undefined) entries.push(...kubeconfigClusters(config.kubeconfigPath, config.context));
  const inCluster = inClusterEntry(env);
  if (inCluster !== undefined && config.context === undefined) entries.push(inCluster);
  // Two sources may name a cluster alike; the first one wins so URLs stay unambiguous.
  return entries.filter((entry, index) => entries.findIndex((other) => other.name === entry.name) === index);
}

const globalKey = Symbol.for('daemonscope.cluster-registry');
type RegistryGlobal = { [globalKey]?: ClusterRegistry };

/** The process-wide registry, created on first use from one globalThis slot (hot reload keeps it). */
export function getRegistry(): ClusterRegistry {
  const holder = globalThis as RegistryGlobal;
  if (holder[globalKey] === undefined) {
    const config = getConfig();
    holder[globalKey] = new ClusterRegistry(clusterEntries(config, process.env), { progressDeadlineSeconds: config.progressDeadlineSeconds });
  }
  return holder[globalKey];
}

/** Replaces the process-wide registry (tests); returns the previous one. */
export function setRegistry(registry: ClusterRegistry | undefined): ClusterRegistry | undefined {
  const holder = globalThis as RegistryGlobal;
  const previous = holder[globalKey];
  holder[globalKey] = registry;
  return previous;
}
