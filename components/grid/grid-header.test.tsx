import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_QUERY } from '../filters/url-state';
import { HeaderRow } from './grid-header';
import { buildGridView } from './grid-view';
import { snapshotOf } from './test-fleet';
import { columnHeads, visibleColumns } from './visible-columns';

const snapshot = snapshotOf(['a', 'b', 'c'], { 'obs/agent': 'NMF', 'kube-system/proxy': 'RRR' });
const view = buildGridView(snapshot, DEFAULT_VIEW_QUERY);

const render = (slots: { index: number; start: number }[]) =>
  renderToStaticMarkup(
    <HeaderRow
      rowCount={view.rows.length}
      columns={visibleColumns(slots, columnHeads(snapshot, view.columns), 220)}
      columnCounts={view.columnCounts}
      width={276}
      daemonSetHref={(namespace, name) => `/ds/${namespace}/${name}`}
    />,
  );

describe('HeaderRow', () => {
  it.each([
    {
      name: 'both columns, sorted by namespace/name',
      slots: [
        { index: 0, start: 0 },
        { index: 1, start: 28 },
      ],
      want: [
        ['2', 'kube-system/proxy', '/ds/kube-system/proxy'],
        ['3', 'obs/agent', '/ds/obs/agent'],
      ],
    },
    {
      name: 'only the second column in range',
      slots: [{ index: 1, start: 28 }],
      want: [['3', 'obs/agent', '/ds/obs/agent']],
    },
  ])('$name', ({ slots, want }) => {
    const html = render(slots);
    const headers = [
      ...html.matchAll(/aria-colindex="(\d+)"[^>]*><a[^>]*aria-label="([^"]*)"[^>]*href="([^"]*)"/g),
    ].map((match) => [match[1], match[2], match[3]]);
    expect(headers).toEqual(want);
    expect(html).toContain('Node (3)');
  });

  it('gives each header its problem count and its counts as the tooltip', () => {
    const html = render([
      { index: 0, start: 0 },
      { index: 1, start: 28 },
    ]);
    expect(html).toContain('title="kube-system/proxy — 3 Ready"');
    expect(html).toContain('title="obs/agent — 1 Failing, 1 Missing, 1 Not eligible"');
    const problems = [...html.matchAll(/tabular-nums[^"]*" title="[^"]*">(\d+)</g)].map((m) => m[1]);
    expect(problems).toEqual(['0', '2']);
  });
});
