import 'server-only';
import { addDaemonPodTolerations } from '@/lib/daemon-tolerations';
import { WellKnown, type DaemonSet, type NodeAffinity, type Pod, type PodSpec } from '@/lib/k8s-types';
import { templateGeneration } from '@/lib/pod-state';

/** The alphabet upstream's generateName suffixes use. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic-per-sequence 5-character suffix, like the API server's generateName. */
export function nameSuffix(sequence: number): string {
  // Multiplying by a large odd constant spreads consecutive numbers over the suffix space.
  let n = Math.imul(sequence + 1, 0x9e3779b1) >>> 0;
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += SUFFIX_ALPHABET[n % SUFFIX_ALPHABET.length] ?? 'x';
    n = Math.floor(n / SUFFIX_ALPHABET.length);
  }
  return suffix;
}

/**
 * Upstream `ReplaceDaemonSetPodNodeNameNodeAffinity`: the pod's required node affinity becomes the
 * single term `metadata.name In [node]`; preferred terms are kept.
 */
export function pinToNode(affinity: PodSpec['affinity'], nodeName: string): NonNullable<PodSpec['affinity']> {
  const nodeAffinity: NodeAffinity = {
    ...affinity?.nodeAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
    },
  };
  return { ...affinity, nodeAffinity };
}

/**
 * The pod the DaemonSet controller creates for `nodeName` (upstream `CreatePodTemplate` + pinning):
 * template metadata and spec, the revision labels, the default daemon tolerations, and a controller
 * ownerReference. `name` is chosen by the caller (upstream uses generateName `<ds>-`).
 */
export function newDaemonPod(daemonSet: DaemonSet, nodeName: string, currentHash: string, name: string): Pod {
  const template = structuredClone(daemonSet.spec?.template ?? {});
  const generation = templateGeneration(daemonSet);
  const labels: Record<string, string> = { ...template.metadata?.labels, [WellKnown.controllerRevisionHash]: currentHash };
  if (generation !== undefined) labels[WellKnown.podTemplateGeneration] = generation;
  const spec = addDaemonPodTolerations({ ...template.spec });
  spec.affinity = pinToNode(spec.affinity, nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: daemonSet.metadata?.namespace,
      labels,
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: daemonSet.metadata?.name,
          uid: daemonSet.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
    status: { phase: 'Pending' },
  };
}
