import { describe, expect, it } from 'vitest';
import { fieldErrorBody, invalidStatus } from './field-errors';
import type { FieldError } from './update-strategy';

const surge: FieldError = {
  field: 'spec.updateStrategy.rollingUpdate.maxSurge',
  type: 'Invalid',
  message: 'may not be set when maxUnavailable is non-zero',
  value: 1,
  valueText: '1',
};
const required: FieldError = { field: 'spec.updateStrategy.rollingUpdate', type: 'Required', message: '' };

describe('fieldErrorBody', () => {
  it.each([
    { error: surge, body: 'Invalid value: 1: may not be set when maxUnavailable is non-zero' },
    { error: required, body: 'Required value' },
    { error: { field: 'f', type: 'Invalid', message: 'bad', value: 'x y' } as FieldError, body: 'Invalid value: "x y": bad' },
    { error: { field: 'f', type: 'Invalid', message: 'bad' } as FieldError, body: 'Invalid value: null: bad' },
  ])('$body', ({ error, body }) => {
    expect(fieldErrorBody(error)).toBe(body);
  });
});

describe('invalidStatus', () => {
  it('one error: bare message, one cause', () => {
    const status = invalidStatus({ group: 'apps', kind: 'DaemonSet', name: 'agent' }, [surge]);
    expect(status.message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    );
    expect(status.details.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: 1: may not be set when maxUnavailable is non-zero', field: surge.field },
    ]);
    expect(status).toMatchObject({ kind: 'Status', code: 422, reason: 'Invalid', status: 'Failure' });
  });

  it('several errors: bracketed, comma-joined, duplicates once', () => {
    const status = invalidStatus({ group: 'apps', kind: 'DaemonSet', name: 'a' }, [required, surge, required]);
    expect(status.message).toBe(
      `DaemonSet.apps "a" is invalid: [spec.updateStrategy.rollingUpdate: Required value, ${surge.field}: Invalid value: 1: may not be set when maxUnavailable is non-zero]`,
    );
    expect(status.details.causes).toHaveLength(3);
  });

  it('core kinds have no group suffix', () => {
    expect(invalidStatus({ group: '', kind: 'Pod', name: 'p' }, []).message).toBe('Pod "p" is invalid');
  });
});
