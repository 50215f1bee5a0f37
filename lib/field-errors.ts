/**
 * Field errors printed the way apimachinery prints them (`field.Error.ErrorBody`, `StatusError`
 * from `NewInvalid`), so a 422 from the simulated API server reads exactly like a real one.
 */
import type { FieldError } from './update-strategy';

const TYPE_TEXT: Readonly<Record<FieldError['type'], string>> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
};

/** The `details.causes[].reason` of each error type. */
export const CAUSE_REASON: Readonly<Record<FieldError['type'], string>> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
};

/** Go's rendering of a bad value: strings quoted, numbers and booleans bare, null for nothing. */
function valueText(error: FieldError): string {
  if (error.valueText !== undefined) return error.valueText;
  const { value } = error;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Upstream `ErrorBody`: `Invalid value: 1: may not be set…`, `Required value: detail`, `Required value`. */
export function fieldErrorBody(error: FieldError): string {
  const head = error.type === 'Required' ? TYPE_TEXT.Required : `${TYPE_TEXT[error.type]}: ${valueText(error)}`;
  return error.message ? `${head}: ${error.message}` : head;
}

/** Upstream `field.Error.Error()`: `<field>: <body>`. */
export function fieldErrorText(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}

/** A Kubernetes `Status` object for a 422 Invalid response. */
export interface InvalidStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Invalid';
  details: { name: string; group: string; kind: string; causes: { reason: string; message: string; field: string }[] };
  code: 422;
}

/**
 * Upstream `errors.NewInvalid`: message `<Kind>.<group> "<name>" is invalid: <errors>` (one error bare,
 * several in brackets joined by ", ", duplicates once), with one cause per error.
 */
export function invalidStatus(target: { group: string; kind: string; name: string }, errors: readonly FieldError[]): InvalidStatus {
  const texts = [...new Set(errors.map(fieldErrorText))];
  const qualified = target.group ? `${target.kind}.${target.group}` : target.kind;
  const summary = texts.length === 0 ? '' : `: ${texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`}`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${qualified} ${JSON.stringify(target.name)} is invalid${summary}`,
    reason: 'Invalid',
    details: {
      name: target.name,
      group: target.group,
      kind: target.kind,
      causes: errors.map((error) => ({ reason: CAUSE_REASON[error.type], message: fieldErrorBody(error), field: error.field })),
    },
    code: 422,
  };
}
