/**
 * IAM condition operators over a RequestContext, in three-valued logic. Keys the export cannot
 * know make the result `unknown` and are listed, so the grant is shown as conditional with the
 * condition text rather than silently allowed or denied.
 */
import { hasOwn, isRecord } from '../../../io/safe-object';
import { parseTimestamp } from '../../../io/time';
import { keyState, type RequestContext } from './context';
import { and, type Tri } from './tri';
import { globMatch } from './wildcard';
import { substituteVariables } from './variables';

export interface ConditionResult {
  result: Tri;
  /** Keys whose value was unknown (or operators Blastmap does not evaluate). */
  unknownKeys: string[];
}

type Matcher = (requestValue: string, policyValue: string) => boolean | undefined;

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
const date = (s: string) => parseTimestamp(/^\d+(\.\d+)?$/.test(s) ? Number(s) : s);

function cmp<T>(parse: (s: string) => T | undefined, test: (a: T, b: T) => boolean): Matcher {
  return (r, p) => {
    const a = parse(r);
    const b = parse(p);
    if (a === undefined || b === undefined || (typeof a === 'number' && Number.isNaN(a)) || (typeof b === 'number' && Number.isNaN(b))) return undefined;
    return test(a, b);
  };
}

function ipv4ToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const ipInCidr: Matcher = (ip, cidr) => {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(base ?? '');
  if (a === undefined || b === undefined) return undefined;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
};

/** Positive operators; each negated operator is the negation of one of these. */
const POSITIVE: Record<string, Matcher> = {
  stringequals: (r, p) => r === p,
  stringequalsignorecase: (r, p) => r.toLowerCase() === p.toLowerCase(),
  stringlike: (r, p) => globMatch(p, r),
  numericequals: cmp(num, (a, b) => a === b),
  numericlessthan: cmp(num, (a, b) => a < b),
  numericlessthanequals: cmp(num, (a, b) => a <= b),
  numericgreaterthan: cmp(num, (a, b) => a > b),
  numericgreaterthanequals: cmp(num, (a, b) => a >= b),
  dateequals: cmp(date, (a, b) => a === b),
  datelessthan: cmp(date, (a, b) => a < b),
  datelessthanequals: cmp(date, (a, b) => a <= b),
  dategreaterthan: cmp(date, (a, b) => a > b),
  dategreaterthanequals: cmp(date, (a, b) => a >= b),
  bool: (r, p) => r.toLowerCase() === p.toLowerCase(),
  binaryequals: (r, p) => r === p,
  ipaddress: ipInCidr,
  arnequals: (r, p) => globMatch(p, r),
  arnlike: (r, p) => globMatch(p, r),
};
const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
  notipaddress: 'ipaddress',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

function toStrings(v: unknown): string[] {
  const arr = Array.isArray(v) ? v : [v];
  return arr.filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map((x) => String(x));
}

/** Evaluate one `{ Operator: { key: values } }` block: all keys of all operators must hold. */
export function evaluateConditions(block: unknown, ctx: RequestContext): ConditionResult {
  if (!isRecord(block)) return { result: true, unknownKeys: [] };
  let result: Tri = true;
  const unknownKeys: string[] = [];
  for (const [opRaw, entries] of Object.entries(block)) {
    // Not a condition AWS would evaluate (the importer ignores such statements): never "no condition".
    if (!isRecord(entries)) {
      unknownKeys.push(opRaw);
      result = and(result, 'unknown');
      continue;
    }
    for (const [key, raw] of Object.entries(entries)) {
      const r = evaluateOne(opRaw, key, toStrings(raw), ctx);
      if (r === 'unknown') unknownKeys.push(`${opRaw} ${key}`);
      result = and(result, r);
    }
  }
  return { result, unknownKeys };
}

function evaluateOne(opRaw: string, key: string, policyValuesRaw: string[], ctx: RequestContext): Tri {
  let op = opRaw.toLowerCase();
  let setOp: 'any' | 'all' | undefined;
  if (op.startsWith('forallvalues:')) [setOp, op] = ['all', op.slice('forallvalues:'.length)];
  else if (op.startsWith('foranyvalue:')) [setOp, op] = ['any', op.slice('foranyvalue:'.length)];
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);

  // Policy variables in values (`${aws:username}`) are substituted where the principal is known.
  const policyValues: string[] = [];
  for (const v of policyValuesRaw) {
    const s = substituteVariables(v, ctx);
    // A variable whose key the request lacks makes the condition false.
    if (s === null) return false;
    if (s === undefined) return 'unknown';
    policyValues.push(s);
  }
  const range = ctx.dateRanges?.get(key.toLowerCase());
  if (range && op.startsWith('date') && !setOp) return dateRangeResult(op, range, policyValues);
  const state = keyState(ctx, key);
  if (op === 'null') {
    const wantAbsent = policyValues.some((v) => v.toLowerCase() === 'true');
    // A key known only as a range of dates is present.
    if (range) return !wantAbsent;
    if (state.kind === 'unknown') return 'unknown';
    return (state.kind === 'absent') === wantAbsent;
  }
  // Operator names come from the policy: `constructor` must not find Object.prototype's.
  const negatedOf = hasOwn(NEGATED, op) ? NEGATED[op] : undefined;
  const positive = negatedOf ?? op;
  const matcher = hasOwn(POSITIVE, positive) ? POSITIVE[positive] : undefined;
  if (!matcher) return 'unknown';
  if (state.kind === 'unknown') return 'unknown';
  if (state.kind === 'absent') {
    if (ifExists || setOp === 'all') return true;
    return negatedOf !== undefined;
  }
  const matchesAny = (rv: string): Tri => {
    let r: Tri = false;
    for (const pv of policyValues) {
      const m = matcher(rv, pv);
      if (m === true) return true;
      if (m === undefined) r = 'unknown';
    }
    return r;
  };
  const test = (rv: string): Tri => {
    const m = matchesAny(rv);
    return negatedOf ? (m === 'unknown' ? m : !m) : m;
  };
  const results = state.values.map(test);
  if (setOp === 'all') return results.reduce<Tri>((acc, r) => and(acc, r), true);
  // Single-valued keys and ForAnyValue: true when any request value passes.
  return results.reduce<Tri>((acc, r) => (acc === true || r === true ? true : acc === 'unknown' || r === 'unknown' ? 'unknown' : false), false);
}

/**
 * A date comparison decided when it gives the same answer at both ends of the known range
 * (the comparisons are monotone in time; equality is not, so it stays unknown).
 */
function dateRangeResult(op: string, [min, max]: readonly [number, number], policyValues: string[]): Tri {
  if (op === 'dateequals' || op === 'datenotequals') return 'unknown';
  const matcher = hasOwn(POSITIVE, op) ? POSITIVE[op] : undefined;
  if (!matcher) return 'unknown';
  const at = (t: number): Tri => {
    const iso = new Date(t).toISOString();
    const results = policyValues.map((p) => matcher(iso, p));
    if (results.some((r) => r === true)) return true;
    return results.some((r) => r === undefined) ? 'unknown' : false;
  };
  const lo = at(min);
  const hi = at(max);
  return lo === hi ? lo : 'unknown';
}
