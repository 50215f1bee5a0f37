import { describe, expect, it } from 'vitest';
import type { Keyed, SupervisedEvent } from './supervisor';
import { UidLedger } from './uid-ledger';

const obj = (name: string, uid: string, resourceVersion = '7'): Keyed => ({ metadata: { name, namespace: 'ns', uid, resourceVersion } });

function ledgerWith(...objects: Keyed[]): { ledger: UidLedger<Keyed>; events: string[] } {
  const events: string[] = [];
  const ledger = new UidLedger<Keyed>((event: SupervisedEvent<Keyed>) => events.push(`${event.type} ${event.object.metadata?.name} ${event.object.metadata?.uid}`));
  for (const object of objects) ledger.upsert(object);
  events.length = 0;
  return { ledger, events };
}

describe('UidLedger.replaceRecreated (a relist after resourceVersions started over)', () => {
  it.each([
    ['same name, new uid, same resourceVersion: the old object leaves, the new one arrives', [obj('a', 'new')], ['DELETED a old', 'ADDED a new']],
    ['same uid: nothing (ListWatch reports real changes itself)', [obj('a', 'old', '8')], []],
    ['a name it never reported: nothing (ListWatch adds it)', [obj('b', 'x')], []],
  ])('%s', (_name, listed, expected) => {
    const { ledger, events } = ledgerWith(obj('a', 'old'));
    ledger.replaceRecreated(listed);
    expect(events).toEqual(expected);
  });
});
