import type { Taint } from '@/lib/k8s-types';

/**
 * The node taint filter, written the way `kubectl taint` spells a taint: `key`, `key=value`,
 * `key:Effect` or `key=value:Effect`. A node passes when one of its taints matches every given part.
 */

/** A parsed taint filter: each part present only when the operator typed it. */
export interface TaintMatcher {
  key: string;
  value?: string;
  effect?: string;
}

/** A parse result: the matcher (undefined for an empty text), or why the text is not a taint. */
export type TaintFilterParse = { ok: true; matcher: TaintMatcher | undefined } | { ok: false; error: string };

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Parses `key[=value][:Effect]`. */
export function parseTaintFilter(text: string): TaintFilterParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, matcher: undefined };
  const colon = trimmed.lastIndexOf(':');
  const head = colon >= 0 ? trimmed.slice(0, colon) : trimmed;
  const effect = colon >= 0 ? trimmed.slice(colon + 1) : undefined;
  if (effect !== undefined && !EFFECTS.some((known) => known === effect)) {
    return {
      ok: false,
      error: `unknown taint effect "${effect}" (use NoSchedule, PreferNoSchedule or NoExecute)`,
    };
  }
  const eq = head.indexOf('=');
  const key = (eq >= 0 ? head.slice(0, eq) : head).trim();
  if (key === '') return { ok: false, error: 'a taint filter needs a key' };
  const matcher: TaintMatcher = { key };
  if (eq >= 0) matcher.value = head.slice(eq + 1).trim();
  if (effect !== undefined) matcher.effect = effect;
  return { ok: true, matcher };
}

/** True when one of the node's taints matches the matcher (an undefined matcher matches every node). */
export function matchesTaintFilter(
  taints: readonly Taint[] | null | undefined,
  matcher: TaintMatcher | undefined,
): boolean {
  if (matcher === undefined) return true;
  return (taints ?? []).some(
    (taint) =>
      taint.key === matcher.key &&
      (matcher.value === undefined || (taint.value ?? '') === matcher.value) &&
      (matcher.effect === undefined || taint.effect === matcher.effect),
  );
}
