/**
 * Azure RBAC action patterns: `*` is any run of characters (including `/`), everything else is
 * literal, and matching ignores case. Patterns come from attacker-controlled role definitions, so
 * they are matched by the same linear two-pointer scan as AWS's (providers/aws/eval/wildcard.ts,
 * mirrored here so the providers stay independent), never by a backtracking RegExp. Both
 * arguments must already be lower case.
 */
const STAR = 42; // '*'

export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const pn = pattern.length;
  const vn = action.length;
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < vn) {
    if (pi < pn) {
      const pc = pattern.charCodeAt(pi);
      if (pc === STAR) {
        starP = pi++;
        starV = vi;
        continue;
      }
      if (pc === action.charCodeAt(vi)) {
        pi++;
        vi++;
        continue;
      }
    }
    // Only the last star needs revisiting: it can absorb whatever an earlier one could.
    if (starP < 0) return false;
    pi = starP + 1;
    vi = ++starV;
  }
  while (pi < pn && pattern.charCodeAt(pi) === STAR) pi++;
  return pi === pn;
}

export const anyMatches = (patterns: readonly string[], action: string): boolean => patterns.some((p) => actionMatches(p, action));
