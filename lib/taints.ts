/**
 * Taints and tolerations: `Toleration.ToleratesTaint` (kubernetes/api core/v1/toleration.go) and
 * `FindMatchingUntoleratedTaint` (component-helpers scheduling/corev1/helpers.go), §1.3 and §1.5.
 */
import type { Taint, Toleration } from './k8s-types';
import { parseCanonicalInt64 } from './go-int';

/** Feature gates that change eligibility; every gate defaults to off, as upstream. */
export interface EligibilityFeatureGates {
  /** KEP-5471 `Lt`/`Gt` toleration operators (alpha since 1.35). */
  readonly TaintTolerationComparisonOperators?: boolean;
}

/** The taint effects upstream defines. */
export const TaintEffect = {
  NoSchedule: 'NoSchedule',
  PreferNoSchedule: 'PreferNoSchedule',
  NoExecute: 'NoExecute',
} as const;

/** `Lt`: taint < toleration; `Gt`: taint > toleration; both values strict canonical int64. */
function comparesNumerically(toleration: Toleration, taint: Taint): boolean {
  const tolerationValue = parseCanonicalInt64(String(toleration.value ?? ''));
  const taintValue = parseCanonicalInt64(String(taint.value ?? ''));
  if (tolerationValue === null || taintValue === null) return false;
  return toleration.operator === 'Lt' ? taintValue < tolerationValue : taintValue > tolerationValue;
}

/**
 * Upstream's `ToleratesTaint`: effect empty or equal, key empty or equal, then by operator
 * (`""`/`Equal` compare values, `Exists` always, `Lt`/`Gt` only behind the gate, anything else never).
 * `tolerationSeconds` plays no part.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint, gates: EligibilityFeatureGates = {}): boolean {
  const effect = toleration.effect ?? '';
  if (effect !== '' && effect !== (taint.effect ?? '')) return false;
  const key = toleration.key ?? '';
  if (key !== '' && key !== (taint.key ?? '')) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt':
      return gates.TaintTolerationComparisonOperators === true && comparesNumerically(toleration, taint);
    default:
      return false;
  }
}

/** The first toleration in `tolerations` that tolerates `taint`, or undefined. */
export function findToleration(
  tolerations: readonly Toleration[],
  taint: Taint,
  gates: EligibilityFeatureGates = {},
): Toleration | undefined {
  for (const toleration of tolerations) {
    if (toleration !== null && typeof toleration === 'object' && toleratesTaint(toleration, taint, gates)) return toleration;
  }
  return undefined;
}

/** Upstream's `TolerationsTolerateTaint`. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[],
  taint: Taint,
  gates: EligibilityFeatureGates = {},
): boolean {
  return findToleration(tolerations, taint, gates) !== undefined;
}

/** True for the two effects the DaemonSet controller looks at (`PreferNoSchedule` never counts). */
export function isSchedulingEffect(effect: string | undefined): boolean {
  return effect === TaintEffect.NoSchedule || effect === TaintEffect.NoExecute;
}

/**
 * The node's taints with a NoSchedule or NoExecute effect that no toleration tolerates, in node order
 * (upstream's `FindMatchingUntoleratedTaint` stops at the first; explanations need all of them).
 */
export function untoleratedTaints(
  taints: readonly Taint[] | null | undefined,
  tolerations: readonly Toleration[],
  gates: EligibilityFeatureGates = {},
): Taint[] {
  if (!Array.isArray(taints)) return [];
  return taints.filter(
    (taint) => taint !== null && typeof taint === 'object' && isSchedulingEffect(taint.effect) && !tolerationsTolerateTaint(tolerations, taint, gates),
  );
}

/** A taint as `kubectl taint` spells it: `key=value:Effect`, or `key:Effect` without a value. */
export function formatTaint(taint: Taint): string {
  const value = taint.value ?? '';
  return `${taint.key ?? ''}${value === '' ? '' : `=${value}`}:${taint.effect ?? ''}`;
}
