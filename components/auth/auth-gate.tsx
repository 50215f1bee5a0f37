'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { AccountBar } from './account-bar';
import { afterIdentityChange, authSessionQuery } from './auth-queries';
import type { AuthMode } from './auth-session';
import { gateView } from './button-state';
import { SignInForm } from './sign-in-form';
import { watchUnauthorized } from './watch-unauthorized';

/**
 * Wraps the cluster pages. In token and proxy modes it shows them only to a signed-in user: otherwise
 * (or once any data query answers 401) it shows the sign-in form, or the proxy's instructions, instead
 * of a page of 401 errors. `mode` is the server's, so local mode renders the page without waiting.
 */
export function AuthGate(props: { cluster: string; mode: AuthMode; children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ ...authSessionQuery(), enabled: props.mode !== 'local' });
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [user, setUser] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (props.mode === 'local') return undefined;
    // A 401 from any data route means the session is gone or refused, whatever /api/session last said.
    return watchUnauthorized(queryClient.getQueryCache(), setRefusal);
  }, [queryClient, props.mode]);
  const mode = session.data?.authMode ?? props.mode;
  // An unreadable session is not a refusal: the page shows its own errors, and a 401 still lands here.
  const view = session.isError && refusal === undefined ? { kind: 'content' as const } : gateView(mode, session.data, refusal);
  const onSignedIn = async (name: string | undefined) => {
    setUser(name);
    setRefusal(undefined);
    await afterIdentityChange(queryClient);
  };
  switch (view.kind) {
    case 'content':
      return (
        <>
          {mode === 'local' ? null : (
            <AccountBar mode={mode} user={user ?? session.data?.user} onSignedOut={() => setUser(undefined)} />
          )}
          {props.children}
        </>
      );
    case 'pending':
      return <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Checking who is signed in…</p>;
    case 'sign-in':
      return <SignInForm cluster={props.cluster} message={view.message} onSignedIn={(name) => void onSignedIn(name)} />;
    case 'proxy-sign-in':
      return (
        <section aria-label="Sign in" className="flex max-w-xl flex-col gap-2 p-4">
          <h1 className="text-lg font-semibold">Sign in to Daemonscope</h1>
          <p role="alert" className="text-sm">{view.message}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            This dashboard runs behind an authenticating proxy: open it through the proxy&apos;s address to sign in.
          </p>
        </section>
      );
  }
}
