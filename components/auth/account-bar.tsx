'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuthMode } from './auth-session';
import { afterIdentityChange, signOut } from './auth-queries';

/** Who the dashboard acts as, in words: the mode decides whether the name came from a proxy or a token. */
export function signedInText(mode: AuthMode, user: string | undefined): string {
  if (mode === 'proxy') return user === undefined ? 'Signed in through the proxy' : `Signed in as ${user} (through the proxy)`;
  return user === undefined ? 'Signed in with a token' : `Signed in as ${user}`;
}

/**
 * The signed-in user above the cluster pages, with Sign out in token mode (a proxy session ends at the
 * proxy, so there is nothing here to sign out of).
 */
export function AccountBar(props: { mode: AuthMode; user: string | undefined; onSignedOut: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | undefined>(undefined);
  const leave = async () => {
    try {
      await signOut(queryClient);
      props.onSignedOut();
      await afterIdentityChange(queryClient);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 px-4 pt-2 text-sm">
      <span className="text-slate-600 dark:text-slate-400">{signedInText(props.mode, props.user)}</span>
      {props.mode === 'token' ? (
        <button
          type="button"
          onClick={() => void leave()}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Sign out
        </button>
      ) : null}
      {error === undefined ? null : <span role="alert">Could not sign out: {error}</span>}
    </div>
  );
}
