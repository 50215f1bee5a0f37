import { describe, expect, it } from 'vitest';
import type { NodeFacts } from './grid-view';
import { COLLAPSE_GROUPS_ABOVE, NO_LABEL, buildRowItems, type RowItem } from './row-items';

const names = ['a', 'b', 'c', 'd'];
const facts = new Map<string, NodeFacts>([
  ['a', { labels: { zone: 'z2' } }],
  ['b', { labels: { zone: 'z1' } }],
  ['c', {}],
  ['d', { labels: { zone: 'z2' } }],
]);
const base = {
  rows: [0, 1, 2, 3],
  rowCounts: [
    [1, 0],
    [0, 1],
    [1, 1],
    [2, 0],
  ],
  rowNames: names,
  facts,
  toggled: new Set<string>(),
};
const shape = (items: RowItem[]) =>
  items.map((item) =>
    item.kind === 'group'
      ? `[${item.value} ${item.size} ${item.isExpanded ? 'open' : 'closed'}]`
      : names[item.row],
  );

describe('buildRowItems', () => {
  it('lists nodes in order when not grouping', () => {
    expect(shape(buildRowItems({ ...base, groupBy: '' }))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('groups by label value, unlabelled last, expanded for a small fleet', () => {
    expect(shape(buildRowItems({ ...base, groupBy: 'zone' }))).toEqual([
      '[z1 1 open]',
      'b',
      '[z2 2 open]',
      'a',
      'd',
      `[${NO_LABEL} 1 open]`,
      'c',
    ]);
  });

  it('sums the counts of a group', () => {
    const group = buildRowItems({ ...base, groupBy: 'zone' }).find(
      (item) => item.kind === 'group' && item.value === 'z2',
    );
    expect(group?.counts).toEqual([3, 0]);
  });

  it('collapses a toggled group', () => {
    expect(shape(buildRowItems({ ...base, groupBy: 'zone', toggled: new Set(['z2']) }))).toEqual([
      '[z1 1 open]',
      'b',
      '[z2 2 closed]',
      `[${NO_LABEL} 1 open]`,
      'c',
    ]);
  });

  it('starts collapsed above the threshold, and a toggle opens a group', () => {
    const many = Array.from({ length: COLLAPSE_GROUPS_ABOVE + 1 }, (_, i) => i);
    const input = {
      rows: many,
      rowCounts: many.map(() => [1]),
      rowNames: many.map((i) => `n${i}`),
      facts: undefined,
      groupBy: 'zone',
    };
    expect(shape(buildRowItems({ ...input, toggled: new Set() }))).toEqual([
      `[${NO_LABEL} ${many.length} closed]`,
    ]);
    expect(buildRowItems({ ...input, toggled: new Set([NO_LABEL]) })).toHaveLength(many.length + 1);
  });

  it('numbers focusable nodes in display order, skipping collapsed ones', () => {
    const items = buildRowItems({ ...base, groupBy: 'zone', toggled: new Set(['z1']) });
    expect(items.flatMap((item) => (item.kind === 'node' ? [item.index] : []))).toEqual([0, 1, 2]);
    expect(items.flatMap((item) => (item.kind === 'node' ? [names[item.row]] : []))).toEqual(['a', 'd', 'c']);
  });
});
