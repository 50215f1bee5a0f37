import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_QUERY, type ViewQuery } from '../filters/url-state';
import { applyDelta } from '@/lib/fleet-model/reducer';
import { buildGridView, nameOrderedRows, problemCount, selectedCodes, type NodeFacts } from './grid-view';
import { countsByCode, snapshotOf } from './test-fleet';

// Rows: a, b, (free slot), c, d. Columns sorted by key: kube-system/agent, kube-system/cni, monitoring/exporter.
const fleet = snapshotOf(['node-a', 'node-b', null, 'node-c', 'edge-d'], {
  'monitoring/exporter': 'RR.NM',
  'kube-system/cni': 'RU.FR',
  'kube-system/agent': 'RR.RX',
});
const facts = new Map<string, NodeFacts>([
  ['node-a', { labels: { role: 'worker', zone: 'a' } }],
  [
    'node-b',
    {
      labels: { role: 'worker', zone: 'b' },
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
    },
  ],
  ['node-c', { labels: { role: 'storage' } }],
  ['edge-d', { labels: { role: 'edge' }, taints: [{ key: 'edge', effect: 'NoExecute' }] }],
]);
const query = (patch: Partial<ViewQuery>): ViewQuery => ({ ...DEFAULT_VIEW_QUERY, ...patch });
const names = (rows: number[]) => rows.map((row) => fleet.rows[row]);
const keys = (columns: number[]) =>
  columns.map((id) => `${fleet.columns[id]?.namespace}/${fleet.columns[id]?.name}`);

describe('buildGridView', () => {
  it.each<[string, Partial<ViewQuery>, string[], string[]]>([
    [
      'no filter: every node by name, every DaemonSet by key',
      {},
      ['edge-d', 'node-a', 'node-b', 'node-c'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'namespace',
      { namespace: 'monitoring' },
      ['edge-d', 'node-a', 'node-b', 'node-c'],
      ['monitoring/exporter'],
    ],
    [
      'DaemonSet substring, case-insensitive',
      { daemonSet: 'CNI' },
      ['edge-d', 'node-a', 'node-b', 'node-c'],
      ['kube-system/cni'],
    ],
    [
      'node substring',
      { node: 'node-' },
      ['node-a', 'node-b', 'node-c'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'label equality',
      { label: 'role=worker' },
      ['node-a', 'node-b'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'label inequality',
      { label: 'role!=worker' },
      ['edge-d', 'node-c'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'label existence',
      { label: 'zone' },
      ['node-a', 'node-b'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'label absence',
      { label: '!zone' },
      ['edge-d', 'node-c'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'taint key',
      { taint: 'dedicated' },
      ['node-b'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'taint with effect',
      { taint: 'edge:NoExecute' },
      ['edge-d'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'state list keeps rows and columns holding those states',
      { states: ['failing'] },
      ['node-c'],
      ['kube-system/cni'],
    ],
    [
      'problems only',
      { problemsOnly: true },
      ['edge-d', 'node-b', 'node-c'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
    [
      'problems only with a state list intersects them',
      { problemsOnly: true, states: ['ready', 'missing'] },
      ['edge-d'],
      ['monitoring/exporter'],
    ],
    [
      'sort problems first: failing, then problem count, then name',
      { sort: 'problems' },
      ['node-c', 'edge-d', 'node-b', 'node-a'],
      ['kube-system/agent', 'kube-system/cni', 'monitoring/exporter'],
    ],
  ])('%s', (_name, patch, rows, columns) => {
    const view = buildGridView(fleet, query(patch), facts);
    expect(names(view.rows)).toEqual(rows);
    expect(keys(view.columns)).toEqual(columns);
    expect(view.errors).toEqual([]);
  });

  it('counts per row over shown columns and per column over shown rows', () => {
    const view = buildGridView(fleet, query({ node: 'node-' }), facts);
    expect(view.rowCounts.map(countsByCode)).toEqual([{ R: 3 }, { R: 2, U: 1 }, { R: 1, F: 1, N: 1 }]);
    expect(view.columnCounts.map(countsByCode)).toEqual([{ R: 3 }, { R: 1, U: 1, F: 1 }, { R: 2, N: 1 }]);
  });

  it('ignores a malformed label filter and says why', () => {
    const view = buildGridView(fleet, query({ label: 'role in (' }), facts);
    expect(view.rows).toHaveLength(4);
    expect(view.errors[0]).toMatch(/^label filter ignored: unable to parse requirement/);
  });

  it('ignores a malformed taint filter and says why', () => {
    const view = buildGridView(fleet, query({ taint: 'x:Sometimes' }), facts);
    expect(view.rows).toHaveLength(4);
    expect(view.errors).toEqual([
      'taint filter ignored: unknown taint effect "Sometimes" (use NoSchedule, PreferNoSchedule or NoExecute)',
    ]);
  });

  it('keeps every row while the node list has not arrived, and says so', () => {
    const view = buildGridView(fleet, query({ label: 'role=edge' }));
    expect(view.rows).toHaveLength(4);
    expect(view.errors).toEqual(['label and taint filters wait for the node list']);
  });

  it('handles an empty fleet', () => {
    const view = buildGridView({ rows: [], columns: [] }, query({ sort: 'problems', problemsOnly: true }));
    expect(view).toEqual({ rows: [], columns: [], rowCounts: [], columnCounts: [], errors: [] });
  });
});

describe('nameOrderedRows kept across deltas', () => {
  // A live delta changes cells, not rows: the name order computed before it still applies.
  const afterDelta = applyDelta(fleet, {
    cells: [
      [0, 0, 'F'],
      [1, 4, 'R'],
      [2, 1, 'M'],
    ],
  });

  it.each<[string, Partial<ViewQuery>]>([
    ['no filter', {}],
    ['node filter', { node: 'node-' }],
    ['label filter', { label: 'role=worker' }],
    ['sort problems first', { sort: 'problems' }],
    ['state filter', { states: ['failing', 'missing'] }],
    ['problems only, sorted by problems', { problemsOnly: true, sort: 'problems' }],
    ['malformed taint filter', { taint: 'x:Sometimes' }],
  ])('%s: the same view as a fresh build', (_name, patch) => {
    const kept = nameOrderedRows(fleet.rows, query(patch), facts);
    expect(afterDelta.rows).toBe(fleet.rows);
    expect(buildGridView(afterDelta, query(patch), facts, kept)).toEqual(
      buildGridView(afterDelta, query(patch), facts),
    );
  });

  it('sorts names numerically and drops free slots', () => {
    const rows = ['node-10', null, 'node-2', 'edge-1'];
    expect(nameOrderedRows(rows, query({}), undefined).ids).toEqual([3, 2, 0]);
  });
});

describe('selectedCodes', () => {
  it.each<[Partial<ViewQuery>, string[] | undefined]>([
    [{}, undefined],
    [{ states: ['not-eligible', 'bogus'] }, ['N']],
    [{ problemsOnly: true }, ['U', 'P', 'F', 'M', 'X']],
  ])('%j', (patch, expected) => {
    const codes = selectedCodes(query(patch));
    expect(codes === undefined ? undefined : [...codes]).toEqual(expected);
  });
});

describe('problemCount', () => {
  it('counts everything but Ready and Not eligible', () => {
    expect(problemCount([5, 1, 1, 1, 1, 1, 9])).toBe(5);
  });
});
