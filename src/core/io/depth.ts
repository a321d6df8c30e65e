/**
 * JSON.parse accepts any nesting, but much that handles parsed data afterwards recurses
 * (JSON.stringify, structured clone to the UI, evidence rendering), and a hostile file nested
 * 100,000 levels deep would overflow the stack there. Parsed data is therefore cut at a depth no
 * real export approaches: each deeper value is replaced by a marker and its place reported.
 */
import { setOwn } from './safe-object';
import { placeOf, rootFrame, type Frame } from './walk';

/** Real exports nest about 15 levels (Kubernetes CRD schemas some more). */
export const MAX_DATA_DEPTH = 256;
/** A policy document nests 7 levels (Statement, Condition, operator, key, values). */
export const MAX_POLICY_DEPTH = 64;

export const TOO_DEEP_MARKER = '(nested too deep: dropped on import)';

export interface DepthCut {
  /** Values replaced by the marker. */
  count: number;
  /** Where the first few were, as paths from the root (`UserDetailList[0].X[0][0]…`). */
  places: string[];
}

const MAX_PLACES = 5;

/**
 * Cut `root` (in place: it must be freshly parsed data the caller owns) so that no object or
 * array lies deeper than `maxDepth` (the root is depth 1).
 */
export function limitDepth(root: unknown, maxDepth: number, base = ''): DepthCut {
  const cut: DepthCut = { count: 0, places: [] };
  if (typeof root !== 'object' || root === null) return cut;
  const stack: Frame[] = [rootFrame(root as Frame['value'])];
  while (stack.length) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i];
        if (typeof child !== 'object' || child === null) continue;
        if (frame.depth < maxDepth) stack.push({ value: child as Frame['value'], depth: frame.depth + 1, parent: frame, key: i });
        else {
          v[i] = TOO_DEEP_MARKER;
          note(cut, frame, i, base);
        }
      }
    } else {
      for (const key of Object.keys(v)) {
        const child = v[key];
        if (typeof child !== 'object' || child === null) continue;
        if (frame.depth < maxDepth) stack.push({ value: child as Frame['value'], depth: frame.depth + 1, parent: frame, key });
        else {
          setOwn(v, key, TOO_DEEP_MARKER);
          note(cut, frame, key, base);
        }
      }
    }
  }
  return cut;
}

function note(cut: DepthCut, frame: Frame, key: string | number, base: string): void {
  cut.count++;
  if (cut.places.length < MAX_PLACES) cut.places.push(placeOf(frame, key, base));
}

/** Warnings for a cut: each reported place, then how many more. */
export function depthWarnings(cut: DepthCut, maxDepth: number): string[] {
  const out = cut.places.map((p) => `${p || 'the document'}: nested deeper than ${maxDepth} levels; the deeper part was dropped`);
  if (cut.count > cut.places.length) out.push(`${cut.count - cut.places.length} more value(s) nested deeper than ${maxDepth} levels were dropped`);
  return out;
}
