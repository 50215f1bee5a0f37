import type { ActionName, AuthMode, AuthSession, CanIAnswer } from './auth-session';

/** How one action button shows: usable or not, and the words beside it (and in its title). */
export interface ButtonState {
  disabled: boolean;
  reason?: string;
}

/**
 * A button's state from the can-i answer. No answer yet (loading, or the route failed) leaves the
 * button usable: the API server still decides when the user acts, so nothing is refused on a guess.
 * An allowed verdict with a reason ("could not ask the cluster…") stays usable and says so.
 */
export function actionButtonState(answer: CanIAnswer | undefined, action: ActionName): ButtonState {
  const verdict = answer?.actions[action];
  if (verdict === undefined) return { disabled: false };
  const disabled = !verdict.allowed;
  if (verdict.reason !== undefined) return { disabled, reason: verdict.reason };
  return disabled ? { disabled, reason: `you may not ${action} here` } : { disabled };
}

/** The distinct reasons of several buttons, in order, so one sentence shared by three buttons is shown once. */
export function distinctReasons(states: readonly ButtonState[]): string[] {
  return [...new Set(states.flatMap((state) => (state.reason === undefined ? [] : [state.reason])))];
}

/** What the cluster pages show: the page, a wait, a sign-in form (token mode) or the proxy's instructions. */
export type GateView =
  | { kind: 'content' }
  | { kind: 'pending' }
  | { kind: 'sign-in'; message: string }
  | { kind: 'proxy-sign-in'; message: string };

/**
 * Decides the gate from the server's mode, the session (undefined while it loads) and the message of a
 * 401 a data route answered since (the session cookie may be present but refused by the cluster).
 * `local` never waits, so the default mode shows the grid as fast as without sign-in.
 */
export function gateView(mode: AuthMode, session: AuthSession | undefined, refusal: string | undefined): GateView {
  if (mode === 'local') return { kind: 'content' };
  if (session === undefined) return refusal === undefined ? { kind: 'pending' } : signInView(mode, refusal);
  if (!session.signedIn) return signInView(mode, session.signIn ?? refusal ?? 'not signed in');
  return refusal === undefined ? { kind: 'content' } : signInView(mode, refusal);
}

function signInView(mode: AuthMode, message: string): GateView {
  return mode === 'proxy' ? { kind: 'proxy-sign-in', message } : { kind: 'sign-in', message };
}
