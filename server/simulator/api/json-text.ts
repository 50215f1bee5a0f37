import 'server-only';

/**
 * JSON text of API objects that remembers the text of immutable values. Stored objects are never
 * mutated in place once committed, and the interner makes a DaemonSet's pods share their container
 * list, tolerations, conditions and the like; so the text of either, once written, stays valid for as
 * long as the value lives (the cache holds it weakly). A stored object is then encoded once however
 * many lists and watchers it is sent to (upstream's watch cache keeps encoded objects for the same
 * reason), and the first encoding of a pod mostly concatenates the cached text of its shared parts.
 *
 * The output equals `JSON.stringify` for plain JSON data (objects, arrays, strings, finite numbers,
 * booleans, null; `undefined` properties left out, `undefined` array items written as null).
 */
export class JsonText {
  private readonly texts = new WeakMap<object, string>();
  private readonly keys = new Map<string, string>();

  /** `isImmutable(value)`: whether `value` will never change (a committed object or a shared subtree), so its text can be kept. */
  constructor(private readonly isImmutable: (value: object) => boolean) {}

  /** The JSON text of `value`. */
  stringify(value: unknown): string {
    return this.write(value) ?? 'null';
  }

  /** The text of a value, or undefined for a value JSON leaves out (undefined, a function). */
  private write(value: unknown): string | undefined {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'number':
        return Number.isFinite(value) ? String(value) : 'null';
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return this.writeObject(value);
      default:
        return undefined;
    }
  }

  private writeObject(value: object): string {
    if (!this.isImmutable(value)) return this.encode(value);
    let text = this.texts.get(value);
    if (text === undefined) {
      text = this.encode(value);
      // Built by concatenation, the text is a rope; reading a character flattens it in place once,
      // instead of on every later join or socket write.
      text.charCodeAt(0);
      this.texts.set(value, text);
    }
    return text;
  }

  private encode(value: object): string {
    if (Array.isArray(value)) {
      let text = '[';
      for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (this.write(value[i]) ?? 'null');
      return `${text}]`;
    }
    let text = '{';
    let first = true;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = this.write(record[key]);
      if (item === undefined) continue;
      text += (first ? '' : ',') + this.key(key) + item;
      first = false;
    }
    return `${text}}`;
  }

  /** `"key":`, cached: API objects use a few hundred distinct keys. */
  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = `${JSON.stringify(key)}:`;
      if (this.keys.size < 10_000) this.keys.set(key, text);
    }
    return text;
  }
}
