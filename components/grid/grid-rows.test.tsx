import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GroupRow, NodeCells, NodeRowHeader, type NodeCellsProps } from './grid-rows';
import { snapshotOf } from './test-fleet';
import { columnHeads, rowCodes, visibleCells, visibleColumns } from './visible-columns';

const snapshot = snapshotOf(['node-a', 'node-b'], { 'kube-system/proxy': 'RF', 'obs/agent': 'NM' });
const columns = visibleColumns(
  [
    { index: 0, start: 0 },
    { index: 1, start: 28 },
  ],
  columnHeads(snapshot, [0, 1]),
  220,
);
const cells = visibleCells(snapshot, columns);

const rowOf = (overrides: Partial<NodeCellsProps>): NodeCellsProps => ({
  id: 'grid-cells-5',
  node: 'node-b',
  row: 4,
  top: 100,
  width: 276,
  columns,
  codes: rowCodes(cells, 1),
  focusCol: -1,
  selectedCol: -1,
  ...overrides,
});

// The attributes of each gridcell in document order, as [name, value] pairs.
const cellsOf = (html: string) =>
  [...html.matchAll(/<div role="gridcell"([^>]*)>/g)].map((match) =>
    Object.fromEntries([...(match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );

describe('NodeCells', () => {
  it.each([
    {
      name: 'no focus, no selection',
      focusCol: -1,
      selectedCol: -1,
      tab: ['-1', '-1'],
      sel: ['false', 'false'],
    },
    {
      name: 'focus on the second column',
      focusCol: 1,
      selectedCol: -1,
      tab: ['-1', '0'],
      sel: ['false', 'false'],
    },
    {
      name: 'selection on the first column',
      focusCol: -1,
      selectedCol: 0,
      tab: ['-1', '-1'],
      sel: ['true', 'false'],
    },
  ])('$name', ({ focusCol, selectedCol, tab, sel }) => {
    const cells = cellsOf(renderToStaticMarkup(<NodeCells {...rowOf({ focusCol, selectedCol })} />));
    expect(cells.map((cell) => cell['aria-label'])).toEqual([
      'node-b kube-system/proxy: Failing',
      'node-b obs/agent: Missing',
    ]);
    expect(cells.map((cell) => cell['aria-colindex'])).toEqual(['2', '3']);
    expect(cells.map((cell) => [cell['data-row'], cell['data-col']])).toEqual([
      ['4', '0'],
      ['4', '1'],
    ]);
    expect(cells.map((cell) => cell.tabindex)).toEqual(tab);
    expect(cells.map((cell) => cell['aria-selected'])).toEqual(sel);
  });

  it('draws each cell from the row’s codes, in column order', () => {
    const html = renderToStaticMarkup(
      <NodeCells {...rowOf({ node: 'node-a', codes: rowCodes(cells, 0) })} />,
    );
    expect(cellsOf(html).map((cell) => cell['aria-label'])).toEqual([
      'node-a kube-system/proxy: Ready',
      'node-a obs/agent: Not eligible',
    ]);
  });
});

describe('NodeRowHeader', () => {
  it('is the row: its header, and the cells box it owns by id', () => {
    const cellsHtml = renderToStaticMarkup(<NodeCells {...rowOf({})} />);
    const headerHtml = renderToStaticMarkup(
      <NodeRowHeader
        node="node-b"
        rowIndex={6}
        top={76}
        problems={2}
        countsTitle="1 Failing, 1 Missing"
        href="/c/demo/nodes/node-b"
        cellsId="grid-cells-5"
      />,
    );
    expect(headerHtml).toMatch(/^<div role="row" aria-rowindex="6" aria-owns="grid-cells-5"/);
    expect(headerHtml).toMatch(/role="rowheader".*title="1 Failing, 1 Missing">2<\/span>/);
    expect(headerHtml).not.toContain('role="gridcell"');
    // The owned box is presentational, so its cells are the row's children in the accessibility tree.
    expect(cellsHtml).toMatch(/^<div id="grid-cells-5" role="none"/);
  });
});

describe('GroupRow', () => {
  it('names the group its toggle flips, for the grid’s delegated click handler', () => {
    const html = renderToStaticMarkup(
      <GroupRow
        groupBy="zone"
        value="eu-1a"
        size={3}
        counts={[1, 0, 0, 2, 0, 0, 0]}
        isExpanded={false}
        rowIndex={2}
        top={132}
      />,
    );
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*data-group-toggle="eu-1a"/);
    expect(html).toContain('zone=eu-1a · 3 nodes');
  });
});
