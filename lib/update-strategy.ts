/**
 * A DaemonSet's update strategy: the API server's defaults (pkg/apis/apps/v1/defaults.go), its
 * validation (pkg/apis/apps/validation/validation.go `ValidateDaemonSetUpdateStrategy`) with upstream's
 * messages, and the budgets the controller resolves from it.
 */
import type { DaemonSet, DaemonSetUpdateStrategy, IntOrString } from './k8s-types';
import { goAtoi } from './intstr';
import { resolveBudgets } from './rolling-update';

/** One field error as upstream's `field.Error` carries it; `message` is the detail only. */
export interface FieldError {
  field: string;
  type: 'Required' | 'Invalid' | 'NotSupported';
  message: string;
  /** The offending value (Invalid and NotSupported only). */
  value?: unknown;
  /** How upstream prints `value` in the message, where it differs from a plain Go `%q`/`%v`. */
  valueText?: string;
}

const STRATEGY_PATH = 'spec.updateStrategy';
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/**
 * `SetDefaults_DaemonSet` for the strategy: type RollingUpdate, and for RollingUpdate maxUnavailable 1
 * and maxSurge 0 where unset. Returns a new object; the API server applies this before validating.
 */
export function defaultDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): DaemonSetUpdateStrategy {
  const type = strategy?.type || 'RollingUpdate';
  if (type !== 'RollingUpdate') return { ...strategy, type };
  const rollingUpdate = strategy?.rollingUpdate ?? {};
  return {
    ...strategy,
    type,
    rollingUpdate: { ...rollingUpdate, maxUnavailable: rollingUpdate.maxUnavailable ?? 1, maxSurge: rollingUpdate.maxSurge ?? 0 },
  };
}

/** `validation.IsValidPercent`. */
function isValidPercent(value: string): boolean {
  return /^[0-9]+%$/.test(value);
}

/** Upstream `getPercentValue`: the number of a valid percent string (Atoi clamps huge ones). */
function percentValue(value: IntOrString | null | undefined): bigint | undefined {
  if (typeof value !== 'string' || !isValidPercent(value)) return undefined;
  return BigInt(value.slice(0, -1));
}

/** Upstream `getIntOrPercentValue` ≠ 0; an unset value is the internal zero value, a bad string reads as 0. */
function isNonZero(value: IntOrString | null | undefined): boolean {
  const percent = percentValue(value);
  if (percent !== undefined) return percent !== 0n;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const parsed = goAtoi(value);
    return 'value' in parsed && parsed.value !== 0;
  }
  return false;
}

/** An Invalid error on an int-or-string; upstream prints the value through `IntOrString.String()` (unquoted). */
function invalidIntOrString(field: string, value: unknown, message: string): FieldError {
  return { field, type: 'Invalid', message, value, valueText: String(value) };
}

/** Go's `%#v` of the internal strategy struct, as the NotSupported message shows it. */
function goStrategyText(strategy: DaemonSetUpdateStrategy | undefined): string {
  // A non-nil pointer prints as its address upstream; any address reads the same to a person.
  const pointer = strategy?.rollingUpdate ? '0xc000010000' : 'nil';
  return `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(strategy?.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(${pointer})}`;
}

/** `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` for one field. */
function validateIntOrPercent(value: IntOrString | null | undefined, field: string): FieldError[] {
  if (value === null || value === undefined) return []; // the internal zero value: int 0
  if (typeof value === 'string') {
    if (!isValidPercent(value)) return [invalidIntOrString(field, value, PERCENT_MESSAGE)];
    return (percentValue(value) ?? 0n) > 100n ? [invalidIntOrString(field, value, 'must not be greater than 100%')] : [];
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value < 0 ? [invalidIntOrString(field, value, 'must be greater than or equal to 0')] : [];
  }
  // Upstream's literal text, doubled percent sign included (it is not a format string there).
  return [invalidIntOrString(field, value, "must be an integer or percentage (e.g '5%%')")];
}

/**
 * Upstream `ValidateDaemonSetUpdateStrategy` on an (already defaulted) strategy, paths from `spec`:
 * OnDelete passes; RollingUpdate needs `rollingUpdate`, non-negative int-or-percent values ≤ 100%,
 * and exactly one of maxSurge / maxUnavailable non-zero; any other type is NotSupported.
 */
export function validateDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): FieldError[] {
  const type = strategy?.type ?? '';
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') {
    return [
      {
        field: STRATEGY_PATH,
        type: 'NotSupported',
        message: 'supported values: "RollingUpdate", "OnDelete"',
        value: strategy ?? {},
        valueText: goStrategyText(strategy),
      },
    ];
  }
  const rollingUpdate = strategy?.rollingUpdate;
  if (rollingUpdate === null || rollingUpdate === undefined) {
    return [{ field: `${STRATEGY_PATH}.rollingUpdate`, type: 'Required', message: '' }];
  }
  const path = `${STRATEGY_PATH}.rollingUpdate`;
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errors = [...validateIntOrPercent(maxUnavailable, `${path}.maxUnavailable`), ...validateIntOrPercent(maxSurge, `${path}.maxSurge`)];
  const hasUnavailable = isNonZero(maxUnavailable);
  const hasSurge = isNonZero(maxSurge);
  if (hasUnavailable && hasSurge) {
    errors.push(invalidIntOrString(`${path}.maxSurge`, maxSurge, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errors.push({ field: `${path}.maxUnavailable`, type: 'Required', message: 'cannot be 0 when maxSurge is 0' });
  }
  return errors;
}

/**
 * The budgets the controller uses this sync (upstream `updatedDesiredNodeCounts`): 0/0 for OnDelete
 * and other non-RollingUpdate types, else {@link resolveBudgets}. Throws on malformed values.
 */
export function resolveRollingUpdate(ds: DaemonSet, desiredNumberScheduled: number): { maxSurge: number; maxUnavailable: number } {
  const strategy = defaultDaemonSetUpdateStrategy(ds.spec?.updateStrategy);
  if (strategy.type !== 'RollingUpdate') return { maxSurge: 0, maxUnavailable: 0 };
  const { maxSurge, maxUnavailable } = resolveBudgets(strategy.rollingUpdate?.maxSurge, strategy.rollingUpdate?.maxUnavailable, desiredNumberScheduled);
  return { maxSurge, maxUnavailable };
}
