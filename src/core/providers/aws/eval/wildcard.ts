/**
 * IAM wildcards: `*` is any run of characters (including none, and including `/` and `:`),
 * `?` is one character. Patterns come from attacker-controlled policies, so they are matched by
 * a two-pointer scan rather than a backtracking RegExp: a pattern such as `*a*a*a*a*a*z` against
 * a long name is O(pattern × name) at worst here, where a RegExp engine takes exponential time.
 * `${*}` / `${?}` (substituted as the private-use characters below) are literal `*` / `?`.
 */
const STAR = 42; // '*'
const QMARK = 63; // '?'
const LITERAL_STAR = 0xe000;
const LITERAL_QMARK = 0xe001;

export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (ignoreCase) {
    pattern = pattern.toLowerCase();
    value = value.toLowerCase();
  }
  // The scan compares plain patterns character by character too: no separate wildcard test (this
  // is the evaluator's hottest function).
  return scan(pattern, value);
}

/**
 * The classic greedy match: on a mismatch, the last `*` seen absorbs one more character and the
 * scan resumes after it. Only the last star needs revisiting: whatever an earlier star could
 * absorb, the last one can absorb too.
 */
function scan(p: string, v: string): boolean {
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
      const same = pc === QMARK || (pc === LITERAL_STAR ? vc === STAR : pc === LITERAL_QMARK ? vc === QMARK : pc === vc);
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
