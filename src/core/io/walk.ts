/**
 * Iterative walks over parsed data (no recursion: a hostile file may nest deeper than the call
 * stack). A place is rendered only when reported, from the chain of parent frames: building
 * every path eagerly costs O(depth²) characters on deep input.
 */

export interface Frame {
  value: Record<string, unknown> | unknown[];
  depth: number;
  parent: Frame | undefined;
  key: string | number;
}

const MAX_PLACE_CHARS = 160;

export const rootFrame = (value: Record<string, unknown> | unknown[]): Frame => ({ value, depth: 1, parent: undefined, key: '' });

/** `base.a[3].b` for the child `key` of `frame`; long places are cut with an ellipsis. */
export function placeOf(frame: Frame | undefined, key: string | number, base: string): string {
  const keys: (string | number)[] = [key];
  for (let f = frame; f && f.parent; f = f.parent) keys.push(f.key);
  let out = base;
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
    if (out.length > MAX_PLACE_CHARS) return `${out.slice(0, MAX_PLACE_CHARS)}…`;
  }
  return out;
}
