/** The bench's printed table: figure, value, budget, verdict; plain text and Markdown. */
import { budgetsFor, verdict, type Verdict } from './budgets';
import { figureAt, figurePaths, type BenchFigures, type FigurePath } from './figures';

/** One line of the table. */
export interface TableRow {
  figure: FigurePath;
  value: string;
  budget: string;
  verdict: Verdict;
}

/** A figure's value as text: integers plainly, fractions to three significant decimals, null as "null". */
export function formatValue(value: number | null): string {
  if (value === null) return 'null';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(1) : value.toFixed(3);
}

/** The rows of the table for these figures, judged against the budgets of their fleet size. */
export function tableRows(figures: BenchFigures): TableRow[] {
  const budgets = budgetsFor(figures.nodes);
  return figurePaths(figures).map((figure) => {
    const budget = budgets[figure];
    return { figure, value: formatValue(figureAt(figures, figure)), budget: budget?.text ?? '—', verdict: verdict(figures, figure, budget) };
  });
}

const HEADER = ['figure', 'value', 'budget', 'ok?'] as const;

function cellsOf(row: TableRow): string[] {
  return [row.figure, row.value, row.budget, row.verdict === 'ok' ? 'yes' : row.verdict === 'over' ? 'NO' : '—'];
}

/** A fixed-width text table for the terminal. */
export function formatTable(rows: readonly TableRow[]): string {
  const lines = [[...HEADER], ...rows.map(cellsOf)];
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => [...(line[column] ?? '')].length)));
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
  const render = (line: string[]) => line.map((cell, column) => pad(cell, widths[column] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(lines[0] ?? []), rule, ...lines.slice(1).map(render)].join('\n');
}

/** The same table as GitHub Markdown (for BENCHMARKS.md). */
export function formatMarkdownTable(rows: readonly TableRow[]): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const lines = rows.map((row) => `| ${cellsOf(row).map(escape).join(' | ')} |`);
  return [`| ${HEADER.join(' | ')} |`, '|---|---:|---|---|', ...lines].join('\n');
}
