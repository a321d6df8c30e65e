/**
 * IAM conditions. Only time is decided, against the analysis date: `request.time < timestamp(T)`
 * (and `>`, `<=`, `>=`, either side), alone or joined with `&&`. One false time term makes the
 * whole conjunction false (the grant expired or has not started); anything else (resource.name,
 * tags, `||`, functions) leaves the grant conditional, shown with its expression, never guessed.
 */
export type ConditionState = 'always' | 'never' | 'conditional';

export interface ConditionResult {
  state: ConditionState;
  /** Why, in words (for evidence notes). */
  reason?: string;
}

const TIME_TERM = /^request\.time\s*(<=|>=|<|>)\s*timestamp\(\s*(["'])([^"']+)\2\s*\)$/;
const TIME_TERM_REVERSED = /^timestamp\(\s*(["'])([^"']+)\1\s*\)\s*(<=|>=|<|>)\s*request\.time$/;
const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** Split on a top-level operator (outside parentheses and strings). */
function splitTop(expr: string, op: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && expr.startsWith(op, i)) {
      parts.push(expr.slice(start, i));
      start = i + op.length;
      i += op.length - 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

/** Remove parentheses that wrap the whole expression. */
function unwrap(expr: string): string {
  let e = expr.trim();
  while (e.startsWith('(') && e.endsWith(')') && firstClosesAtEnd(e)) e = e.slice(1, -1).trim();
  return e;
}

/** True when the parenthesis opening `e` closes at its last character. */
function firstClosesAtEnd(e: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < e.length; i++) {
    const c = e[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === e.length - 1;
  }
  return false;
}

function timeTerm(term: string): { op: string; at: number; text: string } | undefined {
  const t = unwrap(term);
  let m = TIME_TERM.exec(t);
  if (m) {
    const at = Date.parse(m[3]!);
    return Number.isNaN(at) ? undefined : { op: m[1]!, at, text: m[3]! };
  }
  m = TIME_TERM_REVERSED.exec(t);
  if (m) {
    const at = Date.parse(m[2]!);
    return Number.isNaN(at) ? undefined : { op: FLIP[m[3]!]!, at, text: m[2]! };
  }
  return undefined;
}

export function evaluateCondition(expression: string, asOf: number): ConditionResult {
  const expr = unwrap(expression);
  if (!expr) return { state: 'conditional', reason: 'empty condition' };
  if (splitTop(expr, '||').length > 1) return { state: 'conditional', reason: 'condition with || is not evaluated' };
  let undecided = false;
  for (const term of splitTop(expr, '&&')) {
    const t = timeTerm(term);
    if (!t) {
      undecided = true;
      continue;
    }
    const holds = t.op === '<' ? asOf < t.at : t.op === '<=' ? asOf <= t.at : t.op === '>' ? asOf > t.at : asOf >= t.at;
    if (!holds) return { state: 'never', reason: t.op.startsWith('<') ? `expired on ${t.text}, before the analysis date` : `starts on ${t.text}, after the analysis date` };
  }
  return undecided ? { state: 'conditional', reason: 'condition not decided from the exports' } : { state: 'always', reason: 'time condition holds at the analysis date' };
}
