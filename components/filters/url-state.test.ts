import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW_QUERY,
  decodeViewQuery,
  encodeViewQuery,
  stateSlug,
  viewHref,
  type ViewQuery,
} from './url-state';

const decode = (search: string) => decodeViewQuery(new URLSearchParams(search));

describe('decodeViewQuery', () => {
  it('reads an empty query string as the default view', () => {
    expect(decode('')).toEqual(DEFAULT_VIEW_QUERY);
  });

  it.each<[string, Partial<ViewQuery>]>([
    ['ns=kube-system', { namespace: 'kube-system' }],
    ['ds=fluent', { daemonSet: 'fluent' }],
    ['node=edge-', { node: 'edge-' }],
    ['label=role%3Dedge%2Czone', { label: 'role=edge,zone' }],
    ['taint=dedicated%3ANoSchedule', { taint: 'dedicated:NoSchedule' }],
    ['state=Failing,not-eligible,%20missing%20,failing', { states: ['failing', 'not-eligible', 'missing'] }],
    ['sort=problems', { sort: 'problems' }],
    ['sort=random', {}],
    ['group=topology.kubernetes.io%2Fzone', { groupBy: 'topology.kubernetes.io/zone' }],
    ['problems=1', { problemsOnly: true }],
    ['problems=yes', {}],
    [
      'cell=node-1%2Fkube-system%2Ffluent-bit',
      { cell: { node: 'node-1', daemonSet: 'kube-system/fluent-bit' } },
    ],
    ['cell=node-1%2Ffluent-bit', {}],
    ['cell=a%2F%2Fb', {}],
    ['cell=a%2Fb%2Fc%2Fd', {}],
  ])('%s', (search, expected) => {
    expect(decode(search)).toEqual({ ...DEFAULT_VIEW_QUERY, ...expected });
  });
});

describe('encodeViewQuery', () => {
  it('leaves defaults out', () => {
    expect(encodeViewQuery(DEFAULT_VIEW_QUERY)).toBe('');
    expect(viewHref('/c/demo', DEFAULT_VIEW_QUERY)).toBe('/c/demo');
  });

  it('writes parameters in a stable order', () => {
    const query: ViewQuery = {
      ...DEFAULT_VIEW_QUERY,
      problemsOnly: true,
      namespace: 'kube-system',
      states: ['failing', 'missing'],
      sort: 'problems',
    };
    expect(viewHref('/c/demo', query)).toBe(
      '/c/demo?ns=kube-system&state=failing%2Cmissing&sort=problems&problems=1',
    );
  });

  const token = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,10}[a-z0-9])?$/);
  const text = fc.string({ maxLength: 20 }).map((s) => s.trim());
  const viewQuery: fc.Arbitrary<ViewQuery> = fc.record({
    namespace: text,
    daemonSet: text,
    node: text,
    label: text,
    taint: text,
    states: fc.uniqueArray(
      fc.constantFrom(
        'ready',
        'updating',
        'progressing',
        'failing',
        'missing',
        'misscheduled',
        'not-eligible',
      ),
    ),
    sort: fc.constantFrom('name' as const, 'problems' as const),
    groupBy: text,
    problemsOnly: fc.boolean(),
    cell: fc.option(
      fc.record({ node: token, daemonSet: fc.tuple(token, token).map(([ns, name]) => `${ns}/${name}`) }),
      { nil: undefined },
    ),
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(viewQuery, (query) => {
        expect(decode(encodeViewQuery(query))).toEqual(query);
      }),
    );
  });
});

describe('stateSlug', () => {
  it.each([
    ['Not eligible', 'not-eligible'],
    ['Ready', 'ready'],
    [' Misscheduled ', 'misscheduled'],
  ])('%j → %j', (state, slug) => expect(stateSlug(state)).toBe(slug));
});
