/**
 * Small builders for eligibility tests: nodes, taints, tolerations and DaemonSets in wire shape.
 * Used only by *.test.ts files.
 */
import type {
  DaemonSet,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodSpec,
  Taint,
  Toleration,
} from './k8s-types';

/** A node named `name` (default "node-1") with the given labels and taints. */
export function makeNode(
  opts: { name?: string; labels?: Record<string, string>; taints?: Taint[] } = {},
): Node {
  return {
    metadata: { name: opts.name ?? 'node-1', labels: opts.labels ?? {} },
    spec: { taints: opts.taints ?? [] },
  };
}

/** A taint `key[=value]:effect`; pass `value` '' for none. */
export function taint(key: string, value: string, effect: string): Taint {
  return value === '' ? { key, effect } : { key, value, effect };
}

/** A toleration from its four matching fields (omitted fields stay absent). */
export function toleration(fields: Toleration): Toleration {
  return { ...fields };
}

/** A DaemonSet "ds" in "default" whose pod template spec is `spec`. */
export function makeDaemonSet(spec: Partial<PodSpec> = {}, name = 'ds'): DaemonSet {
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'img' }], ...spec },
      },
    },
  };
}

/** A node-affinity expression. */
export function expr(key: string, operator: string, values?: string[]): NodeSelectorRequirement {
  return values === undefined ? { key, operator } : { key, operator, values };
}

/** A pod spec fragment with required node affinity over the given terms. */
export function requiredAffinity(terms: NodeSelectorTerm[] | null): Partial<PodSpec> {
  return {
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  };
}
