'use client';

import { CELL_CODES, CELL_STATE_NAMES } from '@/lib/cell-state';
import { stateSlug } from '../filters/url-state';
import { CELL_LOOKS } from './cell-style';
import type { StateCounts } from './grid-view';

/** The state legend, which doubles as the state filter: each entry toggles its state in the query. */
export function Legend(props: {
  totals: StateCounts;
  selected: readonly string[];
  onToggle: (slug: string) => void;
}) {
  return (
    <ul className="flex flex-wrap gap-2 text-xs" aria-label="Legend and state filter">
      {CELL_CODES.map((code, i) => {
        const name = CELL_STATE_NAMES[code];
        const slug = stateSlug(name);
        const look = CELL_LOOKS[code];
        const isOn = props.selected.includes(slug);
        return (
          <li key={code}>
            <button
              type="button"
              aria-pressed={isOn}
              title={`${name}: ${look.meaning}`}
              onClick={() => props.onToggle(slug)}
              className={`flex items-center gap-1.5 rounded border px-1.5 py-0.5 ${isOn ? 'border-slate-900 dark:border-white' : 'border-slate-200 dark:border-slate-700'}`}
            >
              <span
                aria-hidden="true"
                className={`inline-flex size-4 items-center justify-center rounded-sm ${look.className}`}
              >
                {look.glyph}
              </span>
              {name}
              <span className="text-slate-500 tabular-nums">{props.totals[i] ?? 0}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
