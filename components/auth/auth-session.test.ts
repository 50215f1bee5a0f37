import { describe, expect, it } from 'vitest';
import { parseAuthSession, parseCanI } from './auth-session';

describe('parseAuthSession', () => {
  it.each<[string, unknown, ReturnType<typeof parseAuthSession>]>([
    ['local mode names the local user', { csrfToken: 'x', readOnly: false, authMode: 'local', user: 'local', signedIn: true }, { authMode: 'local', signedIn: true, user: 'local' }],
    [
      'token mode before sign-in carries the reason',
      { authMode: 'token', user: null, signedIn: false, signIn: 'not signed in: POST /api/session/login' },
      { authMode: 'token', signedIn: false, signIn: 'not signed in: POST /api/session/login' },
    ],
    ['token mode signed in: the session does not name the user', { authMode: 'token', user: null, signedIn: true }, { authMode: 'token', signedIn: true }],
    ['proxy mode names the proxy user', { authMode: 'proxy', user: 'vera', signedIn: true }, { authMode: 'proxy', signedIn: true, user: 'vera' }],
    ['a server without sign-in acts as local', { csrfToken: 'x', readOnly: false }, { authMode: 'local', signedIn: true }],
    ['an unknown mode is read as local', { authMode: 'oidc', signedIn: true }, { authMode: 'local', signedIn: true }],
    ['a body that is not an object', 'oops', { authMode: 'local', signedIn: true }],
    ['an empty user and reason are dropped', { authMode: 'proxy', user: '', signedIn: false, signIn: '' }, { authMode: 'proxy', signedIn: false }],
  ])('%s', (_name, body, expected) => {
    expect(parseAuthSession(body)).toEqual(expected);
  });
});

describe('parseCanI', () => {
  const refused = { allowed: false, reason: 'daemonsets.apps "a" is forbidden' };
  it.each<[string, unknown, ReturnType<typeof parseCanI>]>([
    [
      'every verdict, with reasons',
      { user: 'viewer', actions: { rollback: refused, pause: refused, resume: refused, restart: refused, 'delete-pod': { allowed: true } } },
      { user: 'viewer', actions: { rollback: refused, pause: refused, resume: refused, restart: refused, 'delete-pod': { allowed: true } } },
    ],
    ['an unknown action is ignored', { actions: { scale: { allowed: false } } }, { actions: {} }],
    [
      'a verdict without a boolean allowed is left out, not read as refused',
      { actions: { rollback: { allowed: 'no' }, restart: {} } },
      { actions: {} },
    ],
    ['no actions at all', { user: 'u' }, { user: 'u', actions: {} }],
    ['null', null, { actions: {} }],
  ])('%s', (_name, body, expected) => {
    expect(parseCanI(body)).toEqual(expected);
  });
});
