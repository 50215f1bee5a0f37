import { describe, expect, it } from 'vitest';
import { ApiError } from './fetch-json';
import { daemonSetActionUrl, parseActionAnswer, podDeleteUrl } from './mutations';

describe('parseActionAnswer', () => {
  it('reads an answer', () => {
    expect(
      parseActionAnswer({
        ok: true,
        kubectl: 'kubectl rollout undo daemonset/x -n y',
        dryRun: true,
        result: { toRevision: 2 },
      }),
    ).toEqual({
      kubectl: 'kubectl rollout undo daemonset/x -n y',
      dryRun: true,
      result: { toRevision: 2 },
    });
  });

  it('turns an error body into an ApiError', () => {
    expect(() =>
      parseActionAnswer({ code: 409, reason: 'Conflict', message: 'the object has been modified' }),
    ).toThrow(ApiError);
    expect(() => parseActionAnswer(null)).toThrow('the server answered 200');
  });
});

describe('action URLs', () => {
  it('escapes names', () => {
    expect(daemonSetActionUrl('demo', 'kube-system', 'cni', 'rollback')).toBe(
      '/api/c/demo/daemonsets/kube-system/cni/rollback',
    );
    expect(podDeleteUrl('demo', 'kube-system', 'cni-x/y')).toBe(
      '/api/c/demo/pods/kube-system/cni-x%2Fy/delete',
    );
  });
});
