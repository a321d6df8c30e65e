/** Reading the action lists of resource-policy grants (`grants` edges), provider-neutrally. */

/**
 * Does a grant's action list cover `action`? `yes`, `no`, or `maybe` (a pattern with a wildcard
 * inside, or NotAction: not decided here, so the grantee is kept as conditional).
 */
export function covers(actions: unknown, action: string): 'yes' | 'no' | 'maybe' {
  if (!Array.isArray(actions)) return 'maybe';
  const want = action.toLowerCase();
  let answer: 'no' | 'maybe' = 'no';
  for (const raw of actions) {
    if (typeof raw !== 'string') continue;
    const x = raw.toLowerCase();
    if (x === '*' || x === want) return 'yes';
    const star = x.indexOf('*');
    if (star === x.length - 1 && !x.includes('?') && want.startsWith(x.slice(0, -1))) return 'yes';
    if (x.startsWith('notaction ') || star >= 0 || x.includes('?')) answer = 'maybe';
  }
  return answer;
}
