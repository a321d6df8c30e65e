/**
 * Glob matching for permission patterns (AWS IAM actions and ARNs, Azure RBAC actions): `*` is
 * any run of characters (including none, and including `/` and `:`). Patterns come from
 * attacker-controlled policies and role definitions, so they are matched by a two-pointer scan
 * rather than a backtracking RegExp: a pattern such as `*a*a*a*a*a*z` against a long name is
 * O(pattern × name) at worst here, where a RegExp engine takes exponential time. Every provider
 * uses this one scan, so the linear-time guarantee (and any fix to it) holds for all of them.
 *
 * Case is the caller's business: lower-case both sides first to ignore it.
 */

/**
 * Which characters besides `*` are special:
 * - `star-only` (Azure RBAC): none; `?` and everything else is literal.
 * - `iam`: `?` is any one character, and LITERAL_STAR / LITERAL_QMARK (what IAM's `${*}` / `${?}`
 *   policy variables are substituted as) are a literal `*` / `?`.
 */
export type GlobSyntax = 'star-only' | 'iam';

/** Private-use code points standing for a literal `*` / `?` in an `iam` pattern. */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QMARK = '\uE001';

const STAR = 42; // '*'
const QMARK = 63; // '?'
const LITERAL_STAR_CODE = 0xe000;
const LITERAL_QMARK_CODE = 0xe001;

/** Can the pattern match only itself (no wildcard of its syntax in it)? Then a string compare or a Set will do. */
export function isLiteralPattern(pattern: string, syntax: GlobSyntax): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR || (syntax === 'iam' && (c === QMARK || c === LITERAL_STAR_CODE || c === LITERAL_QMARK_CODE))) return false;
  }
  return true;
}

export function globMatch(pattern: string, value: string, syntax: GlobSyntax): boolean {
  if (pattern === '*') return true;
  // The scan compares plain patterns character by character too: no separate wildcard test (this
  // is the AWS evaluator's hottest function).
  return scan(pattern, value, syntax === 'iam');
}

/**
 * The classic greedy match: on a mismatch, the last `*` seen absorbs one more character and the
 * scan resumes after it. Only the last star needs revisiting: whatever an earlier star could
 * absorb, the last one can absorb too.
 */
function scan(p: string, v: string, iam: boolean): boolean {
  const pn = p.length;
  const vn = v.length;
  let pi = 0;
  let vi = 0;
  let starP = -1;
  let starV = 0;
  while (vi < vn) {
    if (pi < pn) {
      const pc = p.charCodeAt(pi);
      if (pc === STAR) {
        starP = pi++;
        starV = vi;
        continue;
      }
      const vc = v.charCodeAt(vi);
      const same = iam ? pc === QMARK || (pc === LITERAL_STAR_CODE ? vc === STAR : pc === LITERAL_QMARK_CODE ? vc === QMARK : pc === vc) : pc === vc;
      if (same) {
        pi++;
        vi++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP + 1;
    vi = ++starV;
  }
  while (pi < pn && p.charCodeAt(pi) === STAR) pi++;
  return pi === pn;
}
