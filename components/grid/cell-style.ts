import { CELL_CODES, CELL_STATE_NAMES, type CellCode } from '@/lib/cell-state';

/**
 * How each cell state looks: a glyph and a colour from the Okabe–Ito palette, so that states stay
 * apart for colour-blind operators and in greyscale (the glyph carries the meaning on its own).
 */

/** Glyph, Tailwind classes and a legend blurb for one state. */
export interface CellLook {
  glyph: string;
  className: string;
  /** The fill used by the per-DaemonSet stacked bar (recharts takes a colour, not a class). */
  fill: string;
  meaning: string;
}

/** The look of every state, by wire code. */
export const CELL_LOOKS: Readonly<Record<CellCode, CellLook>> = {
  R: {
    glyph: '✓',
    fill: '#009E73',
    className: 'bg-[#009E73] text-white',
    meaning: 'current revision, available',
  },
  U: {
    glyph: '↻',
    fill: '#56B4E9',
    className: 'bg-[#56B4E9] text-slate-950',
    meaning: 'pod of an older revision',
  },
  P: {
    glyph: '◔',
    fill: '#0072B2',
    className: 'bg-[#0072B2] text-white',
    meaning: 'current revision, not ready yet',
  },
  F: {
    glyph: '✕',
    fill: '#D55E00',
    className: 'bg-[#D55E00] text-white',
    meaning: 'image pull, crash loop or failed',
  },
  M: { glyph: '!', fill: '#E69F00', className: 'bg-[#E69F00] text-slate-950', meaning: 'should run, no pod' },
  X: {
    glyph: '≠',
    fill: '#CC79A7',
    className: 'bg-[#CC79A7] text-slate-950',
    meaning: 'pod where it should not run',
  },
  N: {
    glyph: '·',
    fill: '#94A3B8',
    className: 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400',
    meaning: 'no pod, should not run',
  },
};

/** States an operator has to look at: everything but Ready and Not eligible. */
export const PROBLEM_CODES: readonly CellCode[] = ['U', 'P', 'F', 'M', 'X'];

/** The accessible name of a code (`Not eligible`), '' for a free slot or unknown character. */
export function stateName(code: string): string {
  return (CELL_STATE_NAMES as Readonly<Record<string, string>>)[code] ?? '';
}

// Char code → index in CELL_CODES (-1 elsewhere): counting 250,000 cells per frame wants no search.
const INDEX_BY_CHAR = new Int8Array(128).fill(-1);
CELL_CODES.forEach((code, i) => {
  INDEX_BY_CHAR[code.charCodeAt(0)] = i;
});

/** Index of a code in {@link CELL_CODES}, or -1 for anything else (a free slot). */
export function codeIndex(code: string): number {
  return code.length === 1 ? (INDEX_BY_CHAR[code.charCodeAt(0)] ?? -1) : -1;
}
