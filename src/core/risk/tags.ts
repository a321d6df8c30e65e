/**
 * Tags and labels as key/value pairs, whatever shape the provider's importer kept them in: AWS
 * and GCP `[key, value][]`, Kubernetes labels as an object, Azure tags as pairs or as a list.
 */
import type { Attributes } from '../model/types';

export function tagPairs(a: Attributes): [string, string][] {
  const out: [string, string][] = [];
  for (const field of ['tags', 'labels']) {
    const v = a[field];
    if (Array.isArray(v)) {
      for (const t of v) {
        if (Array.isArray(t) && typeof t[0] === 'string') out.push([t[0], typeof t[1] === 'string' ? t[1] : String(t[1] ?? '')]);
        else if (typeof t === 'string') out.push([t, '']);
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        out.push([k, typeof x === 'string' ? x : String(x ?? '')]);
      }
    }
  }
  return out;
}

/** The owner named by a tag or label whose key is one of `keys` (without case), when non-empty. */
export function ownerOf(a: Attributes, keys: readonly string[]): { key: string; value: string } | undefined {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const [k, v] of tagPairs(a)) if (wanted.has(k.toLowerCase()) && v.trim() !== '') return { key: k, value: v };
  return undefined;
}
