import { describe, expect, it } from 'vitest';
import { budgetsFor, verdict } from './budgets';
import { emptyFigures, figureAt, figurePaths, type BenchFigures } from './figures';
import { formatMarkdownTable, formatTable, formatValue, tableRows } from './table';

function figures(nodes: number, fill: (f: BenchFigures) => void = () => {}): BenchFigures {
  const result = emptyFigures(nodes, 50);
  fill(result);
  return result;
}

describe('figures', () => {
  it('lists every contract key, null until measured', () => {
    const empty = emptyFigures(5000, 50);
    expect(figurePaths(empty)).toEqual([
      'server.firstSnapshotMs', 'server.rebuildMs', 'server.deltaP50Ms', 'server.deltaP99Ms', 'server.rssMB',
      'server.rssAfterChurnMB', 'server.snapshotBytes', 'browser.firstGridMs', 'browser.scrollFrameP95Ms',
      'browser.eventToPixelP50Ms', 'browser.eventToPixelP95Ms', 'fanout.watchesWith1Client', 'fanout.watchesWith100Clients',
      'question.daemonscopeMs', 'question.daemonscopeBytes', 'question.kubectlMs', 'question.kubectlBytes',
    ]);
    expect(figurePaths(empty).map((path) => figureAt(empty, path))).toEqual(Array(17).fill(null));
    expect(JSON.parse(JSON.stringify(empty)).server.rssMB).toBeNull();
  });
});

describe('verdict', () => {
  it.each([
    ['within an at-most budget', (f: BenchFigures): void => void (f.server.rebuildMs = 49.9), 'server.rebuildMs', 'ok'],
    ['exactly at the limit', (f: BenchFigures): void => void (f.server.rebuildMs = 50), 'server.rebuildMs', 'ok'],
    ['over an at-most budget', (f: BenchFigures): void => void (f.server.deltaP99Ms = 1.2), 'server.deltaP99Ms', 'over'],
    ['not measured', (): void => {}, 'server.rebuildMs', 'n/a'],
    ['no budget for the figure', (f: BenchFigures): void => void (f.browser.scrollFrameP95Ms = 16), 'browser.scrollFrameP95Ms', 'n/a'],
    ['fan-out equal', (f: BenchFigures): void => void Object.assign(f.fanout, { watchesWith1Client: 4, watchesWith100Clients: 4 }), 'fanout.watchesWith100Clients', 'ok'],
    ['fan-out grows', (f: BenchFigures): void => void Object.assign(f.fanout, { watchesWith1Client: 4, watchesWith100Clients: 400 }), 'fanout.watchesWith100Clients', 'over'],
    ['fan-out without the 1-client figure', (f: BenchFigures): void => void (f.fanout.watchesWith100Clients = 4), 'fanout.watchesWith100Clients', 'n/a'],
  ] as const)('%s', (_name, fill, path, expected) => {
    const f = figures(5000, fill);
    expect(verdict(f, path, budgetsFor(5000)[path])).toBe(expected);
  });

  it('applies the stretch budgets above 5,000 nodes', () => {
    const f = figures(65_000, (x) => void (x.server.rssMB = 1500));
    expect(verdict(f, 'server.rssMB', budgetsFor(65_000)['server.rssMB'])).toBe('ok');
    expect(verdict(f, 'server.rssMB', budgetsFor(5_000)['server.rssMB'])).toBe('over');
    expect(budgetsFor(65_000)['server.rebuildMs']).toBeUndefined();
    expect(budgetsFor(65_000)['server.firstSnapshotMs']?.text).toBe('≤ 30 s');
  });
});

describe('formatValue', () => {
  it.each([
    [null, 'null'],
    [812345, '812345'],
    [123.456, '123'],
    [12.345, '12.3'],
    [0.01234, '0.012'],
  ])('%s → %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('tables', () => {
  const f = figures(5000, (x) => {
    x.server.rebuildMs = 40;
    x.server.rssMB = 512.5;
  });

  it('judges each row and keeps columns aligned', () => {
    const text = formatTable(tableRows(f));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+budget\s+ok\?$/);
    expect(lines).toHaveLength(2 + 17);
    expect(text).toMatch(/server\.rebuildMs\s+40\s+≤ 50 ms\s+yes/);
    expect(text).toMatch(/server\.rssMB\s+513\s+≤ 400 MB\s+NO/);
    expect(text).toMatch(/server\.firstSnapshotMs\s+null\s+—\s+—/);
    const valueColumn = lines[0]?.indexOf('value');
    for (const line of lines.slice(2)) expect(line.charAt((valueColumn ?? 0) - 1)).toBe(' ');
  });

  it('renders Markdown with one row per figure', () => {
    const markdown = formatMarkdownTable(tableRows(f));
    expect(markdown.split('\n')).toHaveLength(2 + 17);
    expect(markdown).toContain('| server.rssMB | 513 | ≤ 400 MB | NO |');
  });
});
