import { isLabelKey, isLabelValue, labelValue, type Labels } from '@/lib/labels';

/**
 * The node label filter typed into the search box, in the shape operators already know from
 * `kubectl get nodes -l`: comma-separated `key=value`, `key==value`, `key!=value`, `key`, `!key`.
 */

/** One parsed term of a label filter. */
export type LabelTerm =
  | { op: 'equals'; key: string; value: string }
  | { op: 'notEquals'; key: string; value: string }
  | { op: 'exists'; key: string }
  | { op: 'notExists'; key: string };

/** A parse result: the terms, or the reason the text is not a filter. */
export type LabelFilterParse = { ok: true; terms: LabelTerm[] } | { ok: false; error: string };


/** Parses a comma-separated label filter; an empty text is the filter that matches every node. */
export function parseLabelFilter(text: string): LabelFilterParse {
  const terms: LabelTerm[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const term = parseTerm(part);
    if (typeof term === 'string') return { ok: false, error: term };
    terms.push(term);
  }
  return { ok: true, terms };
}

function parseTerm(part: string): LabelTerm | string {
  if (part.startsWith('!')) {
    const key = part.slice(1).trim();
    return checkKey(key) ?? { op: 'notExists', key };
  }
  const notEq = part.indexOf('!=');
  if (notEq >= 0) return withValue('notEquals', part.slice(0, notEq), part.slice(notEq + 2));
  const eq = part.indexOf('=');
  if (eq >= 0) {
    const rest = part.slice(eq + 1);
    return withValue('equals', part.slice(0, eq), rest.startsWith('=') ? rest.slice(1) : rest);
  }
  return checkKey(part) ?? { op: 'exists', key: part };
}

function withValue(op: 'equals' | 'notEquals', rawKey: string, rawValue: string): LabelTerm | string {
  const key = rawKey.trim();
  const value = rawValue.trim();
  const keyError = checkKey(key);
  if (keyError) return keyError;
  if (!isLabelValue(value)) return `"${value}" is not a valid label value`;
  return { op, key, value };
}

function checkKey(key: string): string | undefined {
  if (key === '') return 'a label filter term has an empty key';
  if (!isLabelKey(key)) return `"${key}" is not a valid label key`;
  return undefined;
}

/** True when the labels satisfy every term (a missing label is "not equal" to any value, as in kubectl). */
export function matchesLabelFilter(labels: Labels, terms: readonly LabelTerm[]): boolean {
  return terms.every((term) => {
    const value = labelValue(labels, term.key);
    switch (term.op) {
      case 'equals':
        return value === term.value;
      case 'notEquals':
        return value !== term.value;
      case 'exists':
        return value !== undefined;
      case 'notExists':
        return value === undefined;
    }
  });
}
