import 'server-only';
import { basename } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { DaemonscopeError } from '../errors';
import type { ClusterEntry } from './types';

/** A KubeConfig with only one context current; client-node talks to the current context. */
function forContext(base: KubeConfig, context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(base.exportConfig());
  kc.setCurrentContext(context);
  return kc;
}

/** An entry that cannot connect, so the problem shows in the cluster list instead of a crash. */
function broken(name: string, message: string): ClusterEntry {
  return { name, source: 'kubeconfig', access: () => Promise.reject(new DaemonscopeError('unavailable', message)) };
}

/**
 * One cluster per context of a kubeconfig file, named by context (only `onlyContext` when given).
 * `load` reads the file; it is injected so tests can pass YAML directly.
 */
export function kubeconfigClusters(path: string, onlyContext?: string, load: (kc: KubeConfig, path: string) => void = (kc, p) => kc.loadFromFile(p)): ClusterEntry[] {
  const base = new KubeConfig();
  try {
    load(base, path);
  } catch (error) {
    return [broken(onlyContext ?? basename(path), `cannot read kubeconfig ${path}: ${error instanceof Error ? error.message : String(error)}`)];
  }
  const names = base.getContexts().map((context) => context.name);
  if (onlyContext !== undefined) {
    if (!names.includes(onlyContext)) return [broken(onlyContext, `context "${onlyContext}" not found in ${path} (it has: ${names.join(', ') || 'none'})`)];
    names.splice(0, names.length, onlyContext);
  }
  return names.map((name) => ({
    name,
    source: 'kubeconfig' as const,
    access: async () => {
      const kc = forContext(base, name);
      if (kc.getCurrentCluster() === null) throw new DaemonscopeError('unavailable', `context "${name}" names a cluster that is not in ${path}`);
      return { kc, now: Date.now };
    },
  }));
}
