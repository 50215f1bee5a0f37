import 'server-only';
import { type FieldCause } from './status-error';

/** Renders a value the way upstream's field errors quote it: strings quoted, the rest as JSON. */
function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** `field.Required`: "Required value[: detail]". */
export function required(field: string, detail = ''): FieldCause {
  return { reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value', field };
}

/** `field.Invalid`: `Invalid value: "x": detail`. */
export function invalidValue(field: string, value: unknown, detail: string): FieldCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${renderValue(value)}: ${detail}`, field };
}

/** `field.NotSupported`: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: unknown, supported: string[]): FieldCause {
  const list = supported.map((v) => JSON.stringify(v)).join(', ');
  return { reason: 'FieldValueNotSupported', message: `Unsupported value: ${renderValue(value)}: supported values: ${list}`, field };
}

/** `field.Forbidden`: "Forbidden: detail". */
export function forbidden(field: string, detail: string): FieldCause {
  return { reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field };
}
