import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CanIAnswer } from '../auth/auth-session';
import { ActionButtons } from './action-bar';

const FORBIDDEN = 'daemonsets.apps "node-agent" is forbidden: User "viewer" cannot patch resource "daemonsets"';
const refused = { allowed: false, reason: FORBIDDEN };

// No DOM in the unit tests: the static markup is read with patterns, entities decoded.
const decode = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attribute = (attributes: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return match?.[1] === undefined ? null : decode(match[1]);
};

/** The buttons as rendered: accessible name, disabled, title, and the text of the element that describes it. */
function buttons(canI: CanIAnswer | undefined, isOnDelete = false) {
  const html = renderToStaticMarkup(<ActionButtons canI={canI} isOnDelete={isOnDelete} onAction={() => undefined} />);
  const byId = new Map([...html.matchAll(/<p id="([^"]+)"[^>]*>([^<]*)<\/p>/g)].map((m) => [m[1], decode(m[2] ?? '')]));
  return [...html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)].map(([, attributes = '', name]) => {
    const describedBy = attribute(attributes, 'aria-describedby');
    return {
      name,
      disabled: /\sdisabled=""/.test(attributes),
      title: attribute(attributes, 'title'),
      description: describedBy === null ? null : (byId.get(describedBy) ?? 'missing'),
    };
  });
}

const usable = (name: string) => ({ name, disabled: false, title: null, description: null });
const refusedButton = (name: string) => ({ name, disabled: true, title: FORBIDDEN, description: FORBIDDEN });

describe('ActionButtons', () => {
  it.each<[string, CanIAnswer | undefined, boolean, ReturnType<typeof buttons>]>([
    ['every button is usable while can-i is unanswered', undefined, false, [usable('Roll back'), usable('Pause rollout'), usable('Restart')]],
    [
      'every button is usable when can-i allows all (local mode)',
      { user: 'local', actions: { rollback: { allowed: true }, pause: { allowed: true }, resume: { allowed: true }, restart: { allowed: true } } },
      false,
      [usable('Roll back'), usable('Pause rollout'), usable('Restart')],
    ],
    [
      'refused buttons are disabled, keep their names, and carry the reason as title and description',
      { user: 'viewer', actions: { rollback: refused, pause: refused, resume: refused, restart: refused } },
      false,
      [refusedButton('Roll back'), refusedButton('Pause rollout'), refusedButton('Restart')],
    ],
    [
      'OnDelete shows Resume rollout, judged by the resume verdict',
      { actions: { rollback: { allowed: true }, pause: { allowed: true }, resume: refused, restart: { allowed: true } } },
      true,
      [usable('Roll back'), refusedButton('Resume rollout'), usable('Restart')],
    ],
  ])('%s', (_name, canI, isOnDelete, expected) => {
    expect(buttons(canI, isOnDelete)).toEqual(expected);
  });

  it('shows a reason shared by several buttons once', () => {
    const html = renderToStaticMarkup(
      <ActionButtons canI={{ actions: { rollback: refused, pause: refused, restart: refused } }} isOnDelete={false} onAction={() => undefined} />,
    );
    expect(html.split('cannot patch resource').length - 1).toBe(4); // three titles and one visible sentence
  });
});
