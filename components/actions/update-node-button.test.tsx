import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { canIQuery } from '../auth/auth-queries';
import type { CanIAnswer } from '../auth/auth-session';
import { sessionQuery, type Session } from '../data/queries';
import {
  UpdateNodeButton,
  UpdateNodeReason,
  updateNodeAccess,
  useUpdateNodeAccess,
  type UpdateNodeAccess,
} from './update-node-button';

const FORBIDDEN =
  'pods is forbidden: User "viewer" cannot delete resource "pods" in API group "" in the namespace "kube-system"';
const UNASKED = 'could not ask the cluster (timeout); the API server decides when you act';
const READ_WRITE: Session = { csrfToken: 'csrf', readOnly: false };
const READ_ONLY: Session = { csrfToken: 'csrf', readOnly: true };
const deletePod = (verdict: NonNullable<CanIAnswer['actions']['delete-pod']>): CanIAnswer => ({
  user: 'viewer',
  actions: { 'delete-pod': verdict },
});

describe('updateNodeAccess', () => {
  it.each<[string, Session | undefined, CanIAnswer | undefined, UpdateNodeAccess]>([
    ['hidden while the session is unread', undefined, undefined, { isShown: false }],
    [
      'hidden in read-only mode, whatever can-i says',
      READ_ONLY,
      deletePod({ allowed: true }),
      { isShown: false },
    ],
    [
      'usable while can-i is unanswered: the API server decides',
      READ_WRITE,
      undefined,
      { isShown: true, state: { disabled: false } },
    ],
    [
      'usable when deleting pods is allowed',
      READ_WRITE,
      deletePod({ allowed: true }),
      { isShown: true, state: { disabled: false } },
    ],
    [
      'disabled with the API server words when RBAC refuses',
      READ_WRITE,
      deletePod({ allowed: false, reason: FORBIDDEN }),
      { isShown: true, state: { disabled: true, reason: FORBIDDEN } },
    ],
    [
      'usable, with the note, when the cluster could not be asked',
      READ_WRITE,
      deletePod({ allowed: true, reason: UNASKED }),
      { isShown: true, state: { disabled: false, reason: UNASKED } },
    ],
    [
      'judged by delete-pod, not by the DaemonSet PATCH verdict',
      READ_WRITE,
      { actions: { restart: { allowed: false, reason: 'no patch' }, 'delete-pod': { allowed: true } } },
      { isShown: true, state: { disabled: false } },
    ],
  ])('%s', (_name, session, canI, expected) => {
    expect(updateNodeAccess(session, canI)).toEqual(expected);
  });
});

/** The list row's actions as the DaemonSet screen composes them: the reason once, then the node's button. */
function Row() {
  const access = useUpdateNodeAccess('demo', 'kube-system', 'cni-agent');
  return (
    <>
      <UpdateNodeReason id="why-not" access={access} />
      {access.isShown ? (
        <UpdateNodeButton
          cluster="demo"
          namespace="kube-system"
          name="cni-agent"
          node="worker-07"
          state={access.state}
          reasonId="why-not"
          isStillOld={() => true}
        />
      ) : null}
    </>
  );
}

/** The rendered row with the session and can-i answers already in the cache, read back as plain fields. */
function render(session: Session | undefined, canI: CanIAnswer | undefined) {
  const client = new QueryClient();
  if (session !== undefined) client.setQueryData(sessionQuery().queryKey, session);
  if (canI !== undefined) client.setQueryData(canIQuery('demo', 'kube-system', 'cni-agent').queryKey, canI);
  const html = renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <Row />
    </QueryClientProvider>,
  );
  const decode = (text: string | undefined) => text?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const button = /<button([^>]*)>Update this node<\/button>/.exec(html);
  const attributes = button?.[1] ?? '';
  const attribute = (name: string) => decode(new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1]);
  return {
    hasButton: button !== null,
    name: attribute('aria-label'),
    disabled: /\sdisabled=""/.test(attributes),
    title: attribute('title'),
    describedBy: attribute('aria-describedby'),
    reason: decode(/<p id="why-not"[^>]*>(.*?)<\/p>/.exec(html)?.[1]?.replace('<!-- -->', '')),
  };
}

describe('UpdateNodeButton on the DaemonSet screen', () => {
  it('is absent in read-only mode', () => {
    expect(render(READ_ONLY, deletePod({ allowed: true }))).toMatchObject({
      hasButton: false,
      reason: undefined,
    });
  });

  it('is disabled with the reason as title and description when RBAC refuses deleting pods', () => {
    expect(render(READ_WRITE, deletePod({ allowed: false, reason: FORBIDDEN }))).toEqual({
      hasButton: true,
      name: 'Update this node: worker-07',
      disabled: true,
      title: FORBIDDEN,
      describedBy: 'why-not',
      reason: `Update this node: ${FORBIDDEN}`,
    });
  });

  it('is usable, with nothing to explain, when allowed or not yet judged', () => {
    const usable = {
      hasButton: true,
      name: 'Update this node: worker-07',
      disabled: false,
      title: undefined,
      describedBy: undefined,
      reason: undefined,
    };
    expect(render(READ_WRITE, deletePod({ allowed: true }))).toEqual(usable);
    expect(render(READ_WRITE, undefined)).toEqual(usable);
  });
});
