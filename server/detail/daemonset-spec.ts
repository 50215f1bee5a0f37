import 'server-only';
import type { DaemonSet, IntOrString, LabelSelector, NodeSelectorTerm, Toleration } from '@/lib/k8s-types';

/** The parts of a DaemonSet's spec an operator scans first. */
export interface DaemonSetSpecSummary {
  updateStrategy: string;
  maxUnavailable: IntOrString | null;
  maxSurge: IntOrString | null;
  minReadySeconds: number;
  revisionHistoryLimit: number;
  selector: LabelSelector | null;
  nodeSelector: Record<string, string>;
  requiredNodeAffinity: NodeSelectorTerm[] | null;
  tolerations: Toleration[];
  priorityClassName: string | null;
  hostNetwork: boolean;
  hostPID: boolean;
  images: { container: string; image: string; init: boolean }[];
}

/** A spec summary with the API server's defaults filled in where the object omits them. */
export function daemonSetSpecSummary(ds: DaemonSet): DaemonSetSpecSummary {
  const spec = ds.spec ?? {};
  const pod = spec.template?.spec ?? {};
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  const rolling = spec.updateStrategy?.rollingUpdate;
  const images = [
    ...(pod.initContainers ?? []).map((c) => ({ container: c.name ?? '', image: c.image ?? '', init: true })),
    ...(pod.containers ?? []).map((c) => ({ container: c.name ?? '', image: c.image ?? '', init: false })),
  ];
  return {
    updateStrategy: strategy,
    // Defaults from pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet.
    maxUnavailable: strategy === 'RollingUpdate' ? (rolling?.maxUnavailable ?? 1) : null,
    maxSurge: strategy === 'RollingUpdate' ? (rolling?.maxSurge ?? 0) : null,
    minReadySeconds: spec.minReadySeconds ?? 0,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    selector: spec.selector ?? null,
    nodeSelector: pod.nodeSelector ?? {},
    requiredNodeAffinity: pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? null,
    tolerations: pod.tolerations ?? [],
    priorityClassName: pod.priorityClassName ?? null,
    hostNetwork: pod.hostNetwork === true,
    hostPID: pod.hostPID === true,
    images,
  };
}
