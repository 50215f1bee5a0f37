/**
 * The tolerations the DaemonSet controller adds to every daemon pod (§1.4): upstream's
 * `AddOrUpdateDaemonPodTolerations` (pkg/controller/daemon/util/daemonset_util.go) with the merge rule
 * of `AddOrUpdateTolerationInPodSpec` (pkg/apis/core/v1/helper/helpers.go).
 */
import type { PodSpec, Toleration } from './k8s-types';

/** Well-known node taint keys, as upstream spells them. */
export const TaintKey = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  unschedulable: 'node.kubernetes.io/unschedulable',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

const exists = (key: string, effect: 'NoSchedule' | 'NoExecute'): Toleration =>
  Object.freeze({ key, operator: 'Exists', effect });

/** The defaults, in the order upstream adds them (network-unavailable only for hostNetwork pods). */
const alwaysAdded: readonly Toleration[] = Object.freeze([
  exists(TaintKey.notReady, 'NoExecute'),
  exists(TaintKey.unreachable, 'NoExecute'),
  exists(TaintKey.diskPressure, 'NoSchedule'),
  exists(TaintKey.memoryPressure, 'NoSchedule'),
  exists(TaintKey.pidPressure, 'NoSchedule'),
  exists(TaintKey.unschedulable, 'NoSchedule'),
]);
const hostNetworkOnly = exists(TaintKey.networkUnavailable, 'NoSchedule');

/** The default daemon tolerations for a pod spec (7 with `hostNetwork: true`, else 6). */
export function defaultDaemonTolerations(
  spec: Pick<PodSpec, 'hostNetwork'> | null | undefined,
): readonly Toleration[] {
  return spec?.hostNetwork === true ? [...alwaysAdded, hostNetworkOnly] : alwaysAdded;
}

/** What merging one default did: appended, replaced a user toleration (dropping its tolerationSeconds), or found it already there. */
export type DefaultTolerationOutcome = 'added' | 'replaced' | 'present';

/** One default toleration and what merging it into the template's list did. */
export interface AppliedDefaultToleration {
  readonly toleration: Toleration;
  readonly outcome: DefaultTolerationOutcome;
}

/** Upstream's `Toleration.MatchToleration`: same key, effect, operator and value (exact strings). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/** Deep equality for tolerations that already match: only `tolerationSeconds` can differ (null = absent). */
function sameSeconds(a: Toleration, b: Toleration): boolean {
  return (a.tolerationSeconds ?? null) === (b.tolerationSeconds ?? null);
}

/**
 * `AddOrUpdateTolerationInPodSpec`: every toleration matching the default's key/effect/operator/value
 * is replaced by the default, unless the first such one is already deep-equal (then nothing changes);
 * with no match the default is appended.
 */
export function addOrUpdateToleration(
  tolerations: readonly Toleration[],
  toleration: Toleration,
): { tolerations: Toleration[]; outcome: DefaultTolerationOutcome } {
  const merged: Toleration[] = [];
  let replaced = false;
  for (const existing of tolerations) {
    if (existing !== null && typeof existing === 'object' && sameToleration(toleration, existing)) {
      if (sameSeconds(toleration, existing)) return { tolerations: [...tolerations], outcome: 'present' };
      merged.push({ ...toleration });
      replaced = true;
      continue;
    }
    merged.push(existing);
  }
  if (!replaced) merged.push({ ...toleration });
  return { tolerations: merged, outcome: replaced ? 'replaced' : 'added' };
}

/** The template's tolerations merged with the defaults, plus what each default did. */
export function mergeDaemonTolerations(spec: PodSpec | null | undefined): {
  tolerations: Toleration[];
  applied: AppliedDefaultToleration[];
} {
  let tolerations: Toleration[] = Array.isArray(spec?.tolerations) ? [...spec.tolerations] : [];
  const applied: AppliedDefaultToleration[] = [];
  for (const toleration of defaultDaemonTolerations(spec)) {
    const step = addOrUpdateToleration(tolerations, toleration);
    tolerations = step.tolerations;
    applied.push({ toleration, outcome: step.outcome });
  }
  return { tolerations, applied };
}

/**
 * Upstream's `AddOrUpdateDaemonPodTolerations`, without mutating: a copy of `spec` whose tolerations
 * include the defaults. The simulated controller applies it to every pod it creates.
 */
export function addDaemonPodTolerations<T extends PodSpec>(spec: T): T {
  return { ...spec, tolerations: mergeDaemonTolerations(spec).tolerations };
}
