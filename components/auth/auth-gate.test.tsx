import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuthGate } from './auth-gate';
import { authSessionQuery } from './auth-queries';
import type { AuthMode, AuthSession } from './auth-session';

/** The gate's text for a server mode and a session already in the cache (undefined: still loading). */
function render(mode: AuthMode, session: AuthSession | undefined): string {
  const client = new QueryClient();
  if (session !== undefined) client.setQueryData(authSessionQuery().queryKey, session);
  const html = renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <AuthGate cluster="demo" mode={mode}>
        <p>the fleet page</p>
      </AuthGate>
    </QueryClientProvider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('AuthGate', () => {
  it.each<[string, AuthMode, AuthSession | undefined, string[], string[]]>([
    ['local mode: the page at once, no account bar', 'local', undefined, ['the fleet page'], ['Sign', 'Checking']],
    ['token mode, session loading: neither the page nor a form yet', 'token', undefined, ['Checking who is signed in'], ['the fleet page', 'Sign in']],
    [
      'token mode, not signed in: the form with the server reason, not the page',
      'token',
      { authMode: 'token', signedIn: false, signIn: 'not signed in: POST /api/session/login' },
      ['Sign in to Daemonscope', 'not signed in: POST /api/session/login', 'Kubernetes bearer token', 'Sign in'],
      ['the fleet page', 'Sign out'],
    ],
    ['token mode, signed in: the page with Sign out', 'token', { authMode: 'token', signedIn: true }, ['Signed in with a token', 'Sign out', 'the fleet page'], ['bearer token']],
    [
      'proxy mode, signed in: the proxy user, nothing to sign out of',
      'proxy',
      { authMode: 'proxy', signedIn: true, user: 'vera' },
      ['Signed in as vera (through the proxy)', 'the fleet page'],
      ['Sign out'],
    ],
    [
      'proxy mode, refused: the proxy instructions, no token form',
      'proxy',
      { authMode: 'proxy', signedIn: false, signIn: 'sign in through the authenticating proxy' },
      ['sign in through the authenticating proxy', "open it through the proxy's address"],
      ['the fleet page', 'bearer token'],
    ],
  ])('%s', (_name, mode, session, shown, hidden) => {
    const text = render(mode, session).replace(/&#x27;/g, "'");
    for (const words of shown) expect(text).toContain(words);
    for (const words of hidden) expect(text).not.toContain(words);
  });
});
