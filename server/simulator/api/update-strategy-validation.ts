import 'server-only';
import { fieldErrorBody, CAUSE_REASON } from '@/lib/field-errors';
import { type DaemonSetUpdateStrategy } from '@/lib/k8s-types';
import { validateDaemonSetUpdateStrategy as validateStrategy } from '@/lib/update-strategy';
import { type FieldCause } from './status-error';

/**
 * `ValidateDaemonSetUpdateStrategy` (pkg/apis/apps/validation/validation.go), from lib/update-strategy.ts,
 * rendered as Status causes: the message is upstream's `field.Error.ErrorBody`.
 */
export function validateDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): FieldCause[] {
  return validateStrategy(strategy).map((error) => ({
    reason: CAUSE_REASON[error.type],
    message: fieldErrorBody(error),
    field: error.field,
  }));
}
