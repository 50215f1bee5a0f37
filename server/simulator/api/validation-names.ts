import 'server-only';
import { type KObject } from '../store-types';
import { type FieldCause } from './status-error';
import { invalidValue, required } from './field-errors';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
const LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Upstream's message for a bad DNS-1123 subdomain (`apimachinery pkg/util/validation`). */
export const SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
  + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
  + `'${DNS1123_SUBDOMAIN}')`;

const LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
  + `and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`;

/** Validates metadata.name (subdomain, or label for namespaces), labels and the name's presence. */
export function validateObjectMeta(object: KObject, nameIsLabel: boolean): FieldCause[] {
  const causes: FieldCause[] = [];
  const name: unknown = object.metadata.name;
  if (name !== undefined && typeof name !== 'string') {
    causes.push(invalidValue('metadata.name', name, 'must be a string'));
  } else if (!name) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  } else if (nameIsLabel ? !(LABEL_RE.test(name) && name.length <= 63) : !(SUBDOMAIN_RE.test(name) && name.length <= 253)) {
    causes.push(invalidValue('metadata.name', name, nameIsLabel ? LABEL_MESSAGE : SUBDOMAIN_MESSAGE));
  }
  causes.push(...validateLabels(object.metadata.labels, 'metadata.labels'));
  const annotations: unknown = object.metadata.annotations;
  if (annotations !== undefined && annotations !== null
    && (typeof annotations !== 'object' || Array.isArray(annotations) || Object.values(annotations).some((v) => typeof v !== 'string'))) {
    causes.push(invalidValue('metadata.annotations', annotations, 'must be a map of strings'));
  }
  return causes;
}

/** Label keys are qualified names (optional DNS prefix), values ≤ 63 chars of the label-value alphabet. */
export function validateLabels(labels: unknown, field: string): FieldCause[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [invalidValue(field, labels, 'must be a map of strings')];
  const causes: FieldCause[] = [];
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : '';
    const local = slash >= 0 ? key.slice(slash + 1) : key;
    if ((slash >= 0 && !SUBDOMAIN_RE.test(prefix)) || !QUALIFIED_NAME_RE.test(local) || local.length > 63) {
      causes.push(invalidValue(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE_RE.test(value)) {
      causes.push(invalidValue(field, value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
    }
  }
  return causes;
}
