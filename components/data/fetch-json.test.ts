import { describe, expect, it } from 'vitest';
import { ApiError, apiPath, toApiError } from './fetch-json';

describe('toApiError', () => {
  it.each([
    [
      409,
      { code: 409, reason: 'Conflict', message: 'the object has been modified' },
      409,
      'Conflict',
      'the object has been modified',
    ],
    [
      500,
      { code: 403, reason: 'Forbidden', message: 'daemonsets.apps "x" is forbidden' },
      403,
      'Forbidden',
      'daemonsets.apps "x" is forbidden',
    ],
    [404, { message: 'no such cluster' }, 404, '', 'no such cluster'],
    [502, undefined, 502, '', 'the server answered 502'],
    [500, 'oops', 500, '', 'the server answered 500'],
  ])('%i %j', (status, body, code, reason, message) => {
    const error = toApiError(status, body);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.reason, error.message]).toEqual([code, reason, message]);
  });
});

describe('apiPath', () => {
  it('escapes each segment', () => {
    expect(apiPath('demo', 'daemonsets', 'kube-system', 'fluent-bit')).toBe(
      '/api/c/demo/daemonsets/kube-system/fluent-bit',
    );
    expect(apiPath('a/b', 'nodes', '../x?y#z')).toBe('/api/c/a%2Fb/nodes/..%2Fx%3Fy%23z');
  });
});
