'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { signIn } from './auth-queries';

const FIELD =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-900';

/**
 * Token mode's sign-in: a Kubernetes bearer token, checked by `cluster` (SelfSubjectReview) and kept by
 * the server in an HttpOnly cookie. The field is cleared whatever the answer, so the token does not
 * linger in the page.
 */
export function SignInForm(props: { cluster: string; message: string; onSignedIn: (user: string | undefined) => void }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);
  const hintId = useId();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (token.trim() === '') {
      setError('Paste a bearer token first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await signIn(queryClient, token.trim(), props.cluster));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setToken('');
      setBusy(false);
    }
  };
  return (
    <section aria-label="Sign in" className="flex max-w-xl flex-col gap-3 p-4">
      <h1 className="text-lg font-semibold">Sign in to Daemonscope</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{props.message}</p>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span>Kubernetes bearer token</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-describedby={hintId}
            className={FIELD}
          />
        </label>
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          Cluster {props.cluster} checks the token; actions then run as you, so its RBAC decides what you may do.
          For example: <code>kubectl create token NAME -n NAMESPACE</code>.
        </p>
        <button
          type="submit"
          disabled={isBusy}
          className="self-start rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
        {error === undefined ? null : (
          <p role="alert" className="text-sm text-[#D55E00]">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
