/**
 * Every parsed JSON file is cut to depth (depth.ts) and then scrubbed of secret values
 * (scrub-secrets.ts) before any importer sees it. Those two walks allocate a frame per object and
 * list (to name the place of what they find), which on a 100 MB export costs more than parsing
 * it. Nearly every export has nothing to cut or drop: one walk that allocates nothing proves it,
 * and only a document that has something takes the two reporting walks, so the places, counts
 * and their order are exactly theirs.
 */
import { limitDepth, type DepthCut } from './depth';
import { isSecretKey, scrubSecrets, type ScrubResult } from './scrub-secrets';

export interface Cleaned {
  cut: DepthCut;
  scrub: ScrubResult;
}

/** Cut `doc` (freshly parsed JSON, owned by the caller) to `maxDepth`, then drop its secret values. */
export function cleanParsed(doc: unknown, maxDepth: number, base: string): Cleaned {
  if (!needsCleaning(doc, maxDepth)) return { cut: { count: 0, places: [] }, scrub: { dropped: 0, places: [] } };
  const cut = limitDepth(doc, maxDepth, base);
  return { cut, scrub: scrubSecrets(doc, base) };
}

/**
 * True when `root` holds an object or list deeper than `maxDepth`, or a secret key whose value
 * the scrub would drop. Parsed JSON is a tree (no cycles), so the walk ends. `for…in` lists at
 * least the own enumerable keys the reporting walks read, so nothing they would find is missed.
 */
export function needsCleaning(root: unknown, maxDepth: number): boolean {
  if (typeof root !== 'object' || root === null) return false;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (typeof child !== 'object' || child === null) continue;
        if (depth >= maxDepth) return true;
        values.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    const rec = v as Record<string, unknown>;
    for (const key in rec) {
      const child = rec[key];
      if (child === null) continue;
      if (typeof child === 'object') {
        if (depth >= maxDepth || isSecretKey(key)) return true;
        values.push(child);
        depths.push(depth + 1);
      } else if (child !== '' && typeof child !== 'boolean' && isSecretKey(key)) return true;
    }
  }
  return false;
}

