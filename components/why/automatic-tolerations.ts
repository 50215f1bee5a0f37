import { defaultDaemonTolerations } from '@/lib/daemon-tolerations';
import type { Taint, Toleration } from '@/lib/k8s-types';
import { formatTaint, isSchedulingEffect, toleratesTaint } from '@/lib/taints';

/** A node taint that a toleration the DaemonSet controller adds on its own lets the pod through. */
export interface AutomaticToleration {
  taint: string;
  toleration: Toleration;
}

/**
 * Which of the node's NoSchedule/NoExecute taints are tolerated by the defaults every daemon pod gets
 * (not-ready, unreachable, pressure, unschedulable; network-unavailable only with hostNetwork), so an
 * operator sees why a NotReady or cordoned node still runs the DaemonSet.
 */
export function automaticTolerations(taints: readonly Taint[], hostNetwork: boolean): AutomaticToleration[] {
  const defaults = defaultDaemonTolerations({ hostNetwork });
  return taints.flatMap((taint) => {
    if (!isSchedulingEffect(taint.effect)) return [];
    const toleration = defaults.find((candidate) => toleratesTaint(candidate, taint));
    return toleration ? [{ taint: formatTaint(taint), toleration }] : [];
  });
}
