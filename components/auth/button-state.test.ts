import { describe, expect, it } from 'vitest';
import type { AuthSession, CanIAnswer } from './auth-session';
import { actionButtonState, distinctReasons, gateView, type ButtonState } from './button-state';

const FORBIDDEN = 'daemonsets.apps "node-agent" is forbidden: User "viewer" cannot patch resource "daemonsets"';
const canI = (actions: CanIAnswer['actions']): CanIAnswer => ({ user: 'viewer', actions });

describe('actionButtonState', () => {
  it.each<[string, CanIAnswer | undefined, ButtonState]>([
    ['usable while can-i is loading or failed', undefined, { disabled: false }],
    ['usable when allowed', canI({ rollback: { allowed: true } }), { disabled: false }],
    ['disabled with the API server words when refused', canI({ rollback: { allowed: false, reason: FORBIDDEN } }), { disabled: true, reason: FORBIDDEN }],
    ['disabled with a generic reason when refused without one', canI({ rollback: { allowed: false } }), { disabled: true, reason: 'you may not rollback here' }],
    [
      'usable, with the note, when the cluster could not be asked',
      canI({ rollback: { allowed: true, reason: 'could not ask the cluster (timeout)' } }),
      { disabled: false, reason: 'could not ask the cluster (timeout)' },
    ],
    ['usable when the answer has no verdict for this action', canI({ restart: { allowed: false } }), { disabled: false }],
  ])('%s', (_name, answer, expected) => {
    expect(actionButtonState(answer, 'rollback')).toEqual(expected);
  });
});

describe('distinctReasons', () => {
  it('shows a reason shared by several buttons once, in button order', () => {
    const states: ButtonState[] = [{ disabled: true, reason: 'b' }, { disabled: false }, { disabled: true, reason: 'b' }, { disabled: true, reason: 'a' }];
    expect(distinctReasons(states)).toEqual(['b', 'a']);
  });
  it('is empty when no button has a reason', () => {
    expect(distinctReasons([{ disabled: false }])).toEqual([]);
  });
});

describe('gateView', () => {
  const session = (fields: Partial<AuthSession>): AuthSession => ({ authMode: 'token', signedIn: true, ...fields });
  it.each<[string, Parameters<typeof gateView>, ReturnType<typeof gateView>]>([
    ['local mode shows the page at once', ['local', undefined, undefined], { kind: 'content' }],
    ['local mode ignores a 401', ['local', undefined, 'Unauthorized'], { kind: 'content' }],
    ['token mode waits for the session', ['token', undefined, undefined], { kind: 'pending' }],
    ['token mode signed in shows the page', ['token', session({}), undefined], { kind: 'content' }],
    [
      'token mode not signed in asks for a token, with the server reason',
      ['token', session({ signedIn: false, signIn: 'not signed in' }), undefined],
      { kind: 'sign-in', message: 'not signed in' },
    ],
    [
      'a 401 after sign-in asks again, with its message',
      ['token', session({}), 'cluster "demo" did not accept this token'],
      { kind: 'sign-in', message: 'cluster "demo" did not accept this token' },
    ],
    ['a 401 while the session loads asks at once', ['token', undefined, 'expired'], { kind: 'sign-in', message: 'expired' }],
    [
      'proxy mode not signed in explains the proxy',
      ['proxy', session({ authMode: 'proxy', signedIn: false, signIn: 'sign in through the authenticating proxy' }), undefined],
      { kind: 'proxy-sign-in', message: 'sign in through the authenticating proxy' },
    ],
    ['a reasonless refusal still says why', ['token', session({ signedIn: false }), undefined], { kind: 'sign-in', message: 'not signed in' }],
  ])('%s', (_name, args, expected) => {
    expect(gateView(...args)).toEqual(expected);
  });
});
