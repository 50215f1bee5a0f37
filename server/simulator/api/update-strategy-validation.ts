import 'server-only';
import { type DaemonSetUpdateStrategy, type IntOrString } from '@/lib/k8s-types';
import { type FieldCause } from './status-error';
import { invalidValue, notSupported, required } from './field-errors';

const PERCENT_RE = /^[0-9]+%$/;

/**
 * `ValidateDaemonSetUpdateStrategy` + `ValidateRollingUpdateDaemonSet` (pkg/apis/apps/validation/validation.go).
 * Kept here until lib/update-strategy.ts exports its own; the messages are upstream's.
 */
export function validateDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, path: string): FieldCause[] {
  const type = strategy?.type;
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') return [notSupported(`${path}.type`, type ?? '', ['OnDelete', 'RollingUpdate'])];
  const rollingUpdate = strategy?.rollingUpdate;
  if (!rollingUpdate) return [required(`${path}.rollingUpdate`)];
  const causes = [
    ...validateIntOrPercent(rollingUpdate.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`),
    ...validateIntOrPercent(rollingUpdate.maxSurge, `${path}.rollingUpdate.maxSurge`),
  ];
  const hasUnavailable = nonZero(rollingUpdate.maxUnavailable);
  const hasSurge = nonZero(rollingUpdate.maxSurge);
  if (hasUnavailable && hasSurge) {
    causes.push(invalidValue(`${path}.rollingUpdate.maxSurge`, rollingUpdate.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    causes.push(required(`${path}.rollingUpdate.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return causes;
}

function validateIntOrPercent(value: IntOrString | null | undefined, field: string): FieldCause[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return [invalidValue(field, value, 'must be an integer')];
    return value < 0 ? [invalidValue(field, value, 'must be greater than or equal to 0')] : [];
  }
  if (typeof value !== 'string' || !PERCENT_RE.test(value)) {
    return [invalidValue(field, value, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return Number(value.slice(0, -1)) > 100 ? [invalidValue(field, value, 'must not be greater than 100%')] : [];
}

/** `getIntOrPercentValue(v) != 0`: a malformed string counts as zero, as upstream's parse does. */
function nonZero(value: IntOrString | null | undefined): boolean {
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' && PERCENT_RE.test(value)) return Number(value.slice(0, -1)) !== 0;
  return false;
}
