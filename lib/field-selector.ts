/**
 * The `?fieldSelector=` syntax, parsed as apimachinery's `fields.ParseSelector` does
 * (`pkg/fields/selector.go`): comma-separated `field=value`, `field==value`, `field!=value` terms,
 * with `\,`, `\=` and `\\` escapes in values.
 */
import type { Parsed } from './label-selector';

/** One field requirement; `==` is normalised to `=`. */
export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Upstream's `splitTerms`: split on commas that are not backslash-escaped (escapes kept). */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i += 1) {
    const c = selector.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

/** Upstream's `splitTerm`: the first operator occurrence splits the term; the left side has no escapes. */
function splitTerm(term: string): { lhs: string; op: (typeof termOperators)[number]; rhs: string } | null {
  for (let i = 0; i < term.length; i += 1) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return null;
}

/** Upstream's `UnescapeValue`: resolves `\\`, `\,`, `\=`; any other escape or a bare `,`/`=` is an error. */
export function unescapeFieldValue(s: string): Parsed<string> {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        return { ok: false, error: `invalid field selector: invalid escape sequence: \\${c}` };
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      return { ok: false, error: `invalid field selector: unescaped character in value: ${c}` };
    } else {
      out += c;
    }
  }
  if (inSlash) return { ok: false, error: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

/**
 * Parses a field selector string into its requirements (sorted as upstream sorts the terms).
 * The empty string yields no requirements (selects everything). Never throws.
 */
export function parseFieldSelectorString(selector: string): Parsed<readonly FieldRequirement[]> {
  const input = String(selector);
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(input).sort()) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (term === null)
      return { ok: false, error: `invalid selector: '${input}'; can't understand '${part}'` };
    const value = unescapeFieldValue(term.rhs);
    if (!value.ok) return value;
    requirements.push({ field: term.lhs, op: term.op === '!=' ? '!=' : '=', value: value.value });
  }
  return { ok: true, value: requirements };
}

/**
 * True when every requirement holds for `fields`; a field the object lacks reads as "" (upstream's
 * `fields.Set.Get`), so `x!=y` holds and `x=y` fails for an unknown field.
 */
export function fieldRequirementsMatch(
  requirements: readonly FieldRequirement[],
  fields: Readonly<Record<string, string>>,
): boolean {
  return requirements.every((r) => {
    const actual = Object.hasOwn(fields, r.field) ? (fields[r.field] ?? '') : '';
    return r.op === '=' ? actual === r.value : actual !== r.value;
  });
}
