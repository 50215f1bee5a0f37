import 'server-only';
import { type KObject } from '../store-types';

/** Where a scan resumes: strictly after this namespace/name pair. */
export interface ScanCursor {
  namespace: string;
  name: string;
}

/**
 * One kind's objects, by namespace ('' for cluster-scoped) then name, with sorted key caches so that
 * paged lists (`limit`/`continue`) start at their cursor by binary search instead of rescanning.
 */
export class KindTable {
  private readonly byNamespace = new Map<string, Map<string, KObject>>();
  private sortedNamespaces: string[] | undefined;
  private readonly sortedNames = new Map<string, string[]>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  get(namespace: string, name: string): KObject | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  set(namespace: string, name: string, object: KObject): void {
    let names = this.byNamespace.get(namespace);
    if (!names) {
      names = new Map();
      this.byNamespace.set(namespace, names);
      this.sortedNamespaces = undefined;
    }
    if (!names.has(name)) {
      this.total++;
      this.sortedNames.delete(namespace);
    }
    names.set(name, object);
  }

  remove(namespace: string, name: string): void {
    const names = this.byNamespace.get(namespace);
    if (!names?.delete(name)) return;
    this.total--;
    this.sortedNames.delete(namespace);
    if (names.size === 0) {
      this.byNamespace.delete(namespace);
      this.sortedNamespaces = undefined;
    }
  }

  /** Objects in (namespace, name) order, optionally one namespace, optionally after a cursor. Read-only views. */
  *scan(namespace?: string, after?: ScanCursor): Generator<KObject> {
    const namespaces = namespace === undefined ? this.namespaces() : [namespace];
    let first = 0;
    if (after) {
      first = lowerBound(namespaces, after.namespace);
    }
    for (let n = first; n < namespaces.length; n++) {
      const ns = namespaces[n] ?? '';
      const names = this.byNamespace.get(ns);
      if (!names) continue;
      const sorted = this.names(ns, names);
      let i = 0;
      if (after && ns === after.namespace) {
        i = lowerBound(sorted, after.name);
        if (sorted[i] === after.name) i++;
      }
      for (; i < sorted.length; i++) {
        const object = names.get(sorted[i] ?? '');
        if (object) yield object;
      }
    }
  }

  private namespaces(): string[] {
    this.sortedNamespaces ??= [...this.byNamespace.keys()].sort(compare);
    return this.sortedNamespaces;
  }

  private names(namespace: string, names: Map<string, KObject>): string[] {
    let sorted = this.sortedNames.get(namespace);
    if (!sorted) {
      sorted = [...names.keys()].sort(compare);
      this.sortedNames.set(namespace, sorted);
    }
    return sorted;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index whose value is >= target. */
function lowerBound(sorted: string[], target: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
