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
export function toleratesTaint(
  toleration: Toleration,
  taint: Taint,
  gates: EligibilityFeatureGates = {},
): boolean {
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
    if (toleration !== null && typeof toleration === 'object' && toleratesTaint(toleration, taint, gates))
      return toleration;
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
    (taint) =>
      taint !== null &&
      typeof taint === 'object' &&
      isSchedulingEffect(taint.effect) &&
      !tolerationsTolerateTaint(tolerations, taint, gates),
  );
}

/** A toleration reduced to what matching needs, with the feature gates already applied. */
interface CompiledToleration {
  readonly key: string;
  readonly effect: string;
  readonly mode: 'equal' | 'exists' | 'lt' | 'gt';
  readonly value: string;
  readonly bound: bigint | null;
}

/** Tolerations compiled once per DaemonSet; `all` when one of them tolerates every taint. */
export interface CompiledTolerations {
  readonly all: boolean;
  /** Tolerations with an empty key (they match any taint key). */
  readonly anyKey: readonly CompiledToleration[];
  /** The others, by taint key, so a taint is checked only against tolerations of its own key. */
  readonly byKey: ReadonlyMap<string, readonly CompiledToleration[]>;
}

function compileToleration(t: Toleration, gates: EligibilityFeatureGates): CompiledToleration | null {
  if (t === null || typeof t !== 'object') return null;
  const base = {
    key: String(t.key ?? ''),
    effect: String(t.effect ?? ''),
    value: String(t.value ?? ''),
    bound: null,
  };
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return { ...base, mode: 'equal' };
    case 'Exists':
      return { ...base, mode: 'exists' };
    case 'Lt':
    case 'Gt': {
      // Without the gate, or with a non-canonical value, it tolerates nothing and can be dropped.
      const bound =
        gates.TaintTolerationComparisonOperators === true ? parseCanonicalInt64(base.value) : null;
      return bound === null ? null : { ...base, mode: t.operator === 'Lt' ? 'lt' : 'gt', bound };
    }
    default:
      return null;
  }
}

/** Compiles a toleration list for `isTolerated`; same answers as `toleratesTaint` over the list. */
export function compileTolerations(
  tolerations: readonly Toleration[],
  gates: EligibilityFeatureGates = {},
): CompiledTolerations {
  const list: CompiledToleration[] = [];
  for (const t of tolerations) {
    const compiled = compileToleration(t, gates);
    if (compiled !== null) list.push(compiled);
  }
  const all = list.some((t) => t.key === '' && t.effect === '' && t.mode === 'exists');
  const byKey = new Map<string, CompiledToleration[]>();
  for (const t of list) {
    if (t.key === '') continue;
    const same = byKey.get(t.key);
    if (same === undefined) byKey.set(t.key, [t]);
    else same.push(t);
  }
  return { all, anyKey: list.filter((t) => t.key === ''), byKey };
}

function anyTolerates(list: readonly CompiledToleration[], taint: Taint, effect: string): boolean {
  for (const t of list) {
    if (t.effect !== '' && t.effect !== effect) continue;
    if (t.mode === 'exists') return true;
    if (t.mode === 'equal') {
      if (t.value === (taint.value ?? '')) return true;
      continue;
    }
    const taintValue = parseCanonicalInt64(String(taint.value ?? ''));
    if (
      taintValue !== null &&
      t.bound !== null &&
      (t.mode === 'lt' ? taintValue < t.bound : taintValue > t.bound)
    )
      return true;
  }
  return false;
}

/** True when some compiled toleration tolerates `taint`. */
export function isTolerated(tolerations: CompiledTolerations, taint: Taint): boolean {
  if (tolerations.all) return true;
  const effect = taint.effect ?? '';
  if (tolerations.anyKey.length > 0 && anyTolerates(tolerations.anyKey, taint, effect)) return true;
  const sameKey = tolerations.byKey.get(taint.key ?? '');
  return sameKey !== undefined && anyTolerates(sameKey, taint, effect);
}

/** A taint as `kubectl taint` spells it: `key=value:Effect`, or `key:Effect` without a value. */
export function formatTaint(taint: Taint): string {
  const value = taint.value ?? '';
  return `${taint.key ?? ''}${value === '' ? '' : `=${value}`}:${taint.effect ?? ''}`;
}
