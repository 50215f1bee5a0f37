/**
 * Interning for objects held by the hundred thousand: daemon pods repeat the same strings (namespace,
 * node name, timestamps written in the same second) and the same small sub-objects (one owner
 * reference per DaemonSet, one set of conditions per readiness second), and JSON.parse gives every
 * pod its own copy of each. A table maps a key to the one value handed out for it.
 *
 * Each table is bounded: past `capacity` keys it starts over, so a stream of ever new keys (churn
 * writes new timestamps forever) cannot grow it. Values already handed out stay valid; only the
 * sharing restarts. Shared objects are frozen: a writer would otherwise change every pod that
 * shares them.
 */

/** One bounded key → value table. */
export class SharedValues<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, made (and frozen, deeply) by `make` the first time. */
  get(key: string, make: () => V): V {
    return this.find(key) ?? this.put(key, make());
  }

  /** The value held for `key`, if any (with `put`, for callers that build without a closure). */
  find(key: string): V | undefined {
    return this.values.get(key);
  }

  /** Holds `value` (frozen, deeply) for `key` and returns it. */
  put(key: string, value: V): V {
    deepFreeze(value);
    if (this.values.size >= this.capacity) this.values.clear();
    this.values.set(key, value);
    return value;
  }

  /** Keys held now (tests). */
  size(): number {
    return this.values.size;
  }
}

/** One bounded table of strings: equal strings come back as one string object. */
export class SharedStrings {
  private readonly strings = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** `value` itself the first time, the first copy seen afterwards; anything but a string unchanged. */
  get<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size >= this.capacity) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** Strings held now (tests). */
  size(): number {
    return this.strings.size;
  }
}

/**
 * A key for a tuple of optional strings, or undefined when a part is anything else (such values are
 * not shared: malformed input is rare and keeping it verbatim keeps every reader's answer).
 */
export function tupleKey(parts: readonly unknown[]): string | undefined {
  let key = '';
  for (const part of parts) {
    const text = partKey(part);
    if (text === undefined) return undefined;
    key += text;
  }
  return key;
}

/**
 * One part of a tuple key: absent is `-`, a string is `s` + its text + NUL. A string that holds a NUL
 * itself is not keyed (it could run into the next part), so every key stands for one tuple only.
 */
export function partKey(part: unknown): string | undefined {
  if (part === undefined) return '-';
  if (typeof part !== 'string' || part.includes('\u0000')) return undefined;
  return `s${part}\u0000`;
}

function deepFreeze<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
