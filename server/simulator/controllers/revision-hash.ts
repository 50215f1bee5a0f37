import 'server-only';
import type { PodTemplateSpec } from '@/lib/k8s-types';

/** The alphabet of upstream `rand.SafeEncodeString`: no vowels, no look-alike characters. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 32-bit FNV-1a over the UTF-16 code units of `text` (UTF-8 not needed: only determinism matters). */
function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The `controller-revision-hash` of a template. Upstream `controller.ComputeHash` runs FNV-32a over a
 * Go `%#v`-style dump of the template struct, which cannot be reproduced outside Go; we hash canonical
 * JSON instead. What carries over is the shape: the decimal hash mapped byte by byte through the safe
 * alphabet (`SafeEncodeString`), so values are ≤ 10 characters of `4-9bcdf` like real ones.
 */
export function computeTemplateHash(template: PodTemplateSpec | undefined, collisionCount: number | undefined): string {
  const input = canonicalJson(template ?? {}) + (collisionCount ? `#${collisionCount}` : '');
  const decimal = String(fnv32a(input));
  let encoded = '';
  for (let i = 0; i < decimal.length; i++) encoded += SAFE_ALPHABET[decimal.charCodeAt(i) % SAFE_ALPHABET.length] ?? '';
  return encoded;
}
