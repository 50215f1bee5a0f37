import { describe, expect, it } from 'vitest';
import { DaemonscopeError, errorResponse, fromApiStatus, notFound } from './errors';

describe('errorResponse', () => {
  it.each([
    ['not_found', 404, 'NotFound'],
    ['conflict', 409, 'Conflict'],
    ['forbidden', 403, 'Forbidden'],
    ['invalid', 422, 'Invalid'],
    ['unavailable', 503, 'ServiceUnavailable'],
  ] as const)('%s → %i %s as a Kubernetes Status', async (kind, code, reason) => {
    const response = errorResponse(new DaemonscopeError(kind, 'the message'));
    expect(response.status).toBe(code);
    expect(await response.json()).toEqual({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: 'the message' });
  });

  it('answers unknown errors with a generic 500 and logs the detail instead of sending it', async () => {
    const logged: unknown[] = [];
    const response = errorResponse(new Error('secret path /etc/kube/token'), (_m, e) => logged.push(e));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { message: string; reason: string };
    expect(body.reason).toBe('InternalError');
    expect(body.message).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});

describe('fromApiStatus', () => {
  it('keeps the API server message and reason', () => {
    const error = fromApiStatus(403, { kind: 'Status', reason: 'Forbidden', message: 'daemonsets.apps "x" is forbidden: User "bob" cannot patch' }, 'fallback');
    expect(error.toStatus()).toMatchObject({ code: 403, reason: 'Forbidden', message: 'daemonsets.apps "x" is forbidden: User "bob" cannot patch' });
  });

  it.each([
    [409, 'conflict'],
    [422, 'invalid'],
    [500, 'internal'],
    [502, 'unavailable'],
    [418, 'bad_request'],
  ] as const)('maps HTTP %i to %s', (status, kind) => {
    expect(fromApiStatus(status, undefined, 'fallback').kind).toBe(kind);
  });

  it('falls back to our message when the body is not a Status', () => {
    expect(fromApiStatus(404, 'not json', 'GET /x: HTTP 404').message).toBe('GET /x: HTTP 404');
  });

  it('notFound reads like the API server', () => {
    expect(notFound('daemonsets.apps', 'fluent-bit').message).toBe('daemonsets.apps "fluent-bit" not found');
  });
});
