/**
 * The ACL of a token: the rules of all its policies merged and matched the way Vault does it
 * (vault/acl.go: NewACL, AllowOperation, CheckAllowedFromNonExactPaths).
 *
 * - Rules with the same path in several policies merge: capabilities add up, but a `deny` in any
 *   of them leaves only `deny`.
 * - A request path is matched by one rule only, the most specific: an exact rule first; else the
 *   longest `*` prefix rule and the `+` (one segment) rules that match compete, and the winner is
 *   decided by Vault's priority order: the first wildcard or glob later in the path wins; then a
 *   rule not ending in `*` beats one that does; then fewer `+` segments; then the longer path; then
 *   the lexicographically greater one.
 * - LIST requests also try the path without its trailing `/`.
 *
 * Cost per request: one map lookup, one lookup per distinct prefix length, and the `+` rules whose
 * first segment fits. Nothing backtracks. Templated paths (`{{identity.entity.id}}`) are matched
 * as if the template could be anything in its segment, and such a match is conditional.
 */
import { CAP, type Capability, type PolicyRule } from './policy';

/** Where a rule comes from, for evidence. */
export interface RuleSource {
  policy: string;
  file: string;
  location: string;
  caps: Capability[];
  conditions?: string[];
}

export interface MergedRule {
  /** The path as written (trailing `*` included). */
  path: string;
  caps: number;
  sources: RuleSource[];
  conditions: string[];
  templated: boolean;
}

interface WcRule {
  rule: MergedRule;
  parts: string[];
  isPrefix: boolean;
  firstWild: number;
  wildcards: number;
  /** The path without its trailing `*` (what the length and order comparisons read). */
  wcPath: string;
}

export interface AclInput {
  policy: string;
  file: string;
  rule: PolicyRule;
}

const TEMPLATE = '{{';

function bits(caps: readonly Capability[]): number {
  let b = 0;
  for (const c of caps) b |= CAP[c];
  return b;
}

/** Vault's test for segment wildcards: `+` alone, or a segment starting with `+`. */
const hasSegmentWildcards = (p: string) => p === '+' || p.includes('/+') || p.startsWith('+/');

export class Acl {
  readonly root: boolean;
  private readonly exact = new Map<string, MergedRule>();
  private readonly prefix = new Map<string, MergedRule>();
  /** Distinct prefix lengths, longest first (longest-prefix lookup without scanning every prefix). */
  private readonly prefixLengths: number[];
  /** `+` and templated rules, by their first segment (`''` when it is a wildcard). */
  private readonly wc = new Map<string, WcRule[]>();
  private wcCount = 0;

  constructor(inputs: readonly AclInput[], root = false) {
    this.root = root;
    const wcByPath = new Map<string, MergedRule>();
    for (const { policy, file, rule } of inputs) {
      const templated = rule.path.includes(TEMPLATE);
      const segmentWild = hasSegmentWildcards(rule.path) || templated;
      const isPrefix = rule.path.endsWith('*');
      const key = segmentWild || !isPrefix ? rule.path : rule.path.slice(0, -1);
      const tree = segmentWild ? wcByPath : isPrefix ? this.prefix : this.exact;
      const source: RuleSource = { policy, file, location: `${rule.line ? `line ${rule.line}: ` : ''}path ${JSON.stringify(rule.path)}`, caps: rule.caps, ...(rule.conditions ? { conditions: rule.conditions } : {}) };
      const existing = tree.get(key);
      if (!existing) {
        tree.set(key, { path: rule.path, caps: bits(rule.caps), sources: [source], conditions: [...(rule.conditions ?? [])], templated });
        continue;
      }
      existing.sources.push(source);
      if (existing.caps & CAP.deny) continue;
      if (rule.caps.includes('deny')) {
        existing.caps = CAP.deny;
        continue;
      }
      existing.caps |= bits(rule.caps);
      for (const c of rule.conditions ?? []) if (!existing.conditions.includes(c)) existing.conditions.push(c);
    }
    this.prefixLengths = [...new Set([...this.prefix.keys()].map((k) => k.length))].sort((a, b) => b - a);
    for (const [full, rule] of wcByPath) {
      const isPrefix = full.endsWith('*');
      const wcPath = isPrefix ? full.slice(0, -1) : full;
      const parts = wcPath.split('/');
      const plus = full.indexOf('+');
      const tpl = full.indexOf(TEMPLATE);
      const firstWild = plus === -1 ? tpl : tpl === -1 ? plus : Math.min(plus, tpl);
      const wildcards = parts.filter((p) => p === '+' || p.includes(TEMPLATE)).length;
      const bucket = parts[0] === '+' || parts[0]!.includes(TEMPLATE) ? '' : parts[0]!;
      const list = this.wc.get(bucket) ?? [];
      list.push({ rule, parts, isPrefix, firstWild, wildcards, wcPath });
      this.wc.set(bucket, list);
      this.wcCount++;
    }
  }

  /** Every merged rule (for listing and for candidate search). */
  rules(): MergedRule[] {
    return [...this.exact.values(), ...this.prefix.values(), ...[...this.wc.values()].flat().map((w) => w.rule)];
  }

  /** The one rule that decides a request on `path` (undefined: no rule, denied). */
  match(rawPath: string, list = false): MergedRule | undefined {
    let path = rawPath;
    while (path.startsWith('/')) path = path.slice(1);
    const exact = this.exact.get(path) ?? (list ? this.exact.get(trimSlash(path)) : undefined);
    if (exact) return exact;
    if (list && path.endsWith('/')) {
      const found = this.nonExact(trimSlash(path));
      if (found) return found;
    }
    return this.nonExact(path);
  }

  private longestPrefix(path: string): [string, MergedRule] | undefined {
    for (const len of this.prefixLengths) {
      if (len > path.length) continue;
      const p = path.slice(0, len);
      const r = this.prefix.get(p);
      if (r) return [p, r];
    }
    return undefined;
  }

  private nonExact(path: string): MergedRule | undefined {
    const lp = this.longestPrefix(path);
    if (this.wcCount === 0) return lp?.[1];
    let best: Omit<WcRule, 'parts'> | undefined = lp ? { rule: lp[1], isPrefix: true, firstWild: lp[0].length, wildcards: 0, wcPath: lp[0] } : undefined;
    const parts = path.split('/');
    const consider = (list: WcRule[] | undefined) => {
      for (const w of list ?? []) if (matchesWc(w, parts) && (!best || lessThan(best, w))) best = w;
    };
    // A `+` rule's first segment is `+`, a template, or a literal the path's first segment must
    // equal (a literal first segment is never the last one of a prefix rule: `+*` is forbidden).
    consider(this.wc.get(parts[0]!));
    consider(this.wc.get(''));
    return best?.rule;
  }
}

const trimSlash = (p: string) => (p.endsWith('/') ? p.slice(0, -1) : p);

/** Vault's priority order: true when `a` is lower priority than `b`. */
function lessThan(a: Omit<WcRule, 'parts'>, b: Omit<WcRule, 'parts'>): boolean {
  if (a.firstWild !== b.firstWild) return a.firstWild < b.firstWild;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix;
  if (a.wildcards !== b.wildcards) return a.wildcards > b.wildcards;
  if (a.wcPath.length !== b.wcPath.length) return a.wcPath.length < b.wcPath.length;
  return a.wcPath < b.wcPath;
}

/** One `+` rule against the request's segments, as CheckAllowedFromNonExactPaths does it. */
function matchesWc(w: WcRule, parts: readonly string[]): boolean {
  if (parts.length < w.parts.length) return false;
  if (!w.isPrefix && parts.length !== w.parts.length) return false;
  const last = w.parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const acl = w.parts[i]!;
    const part = parts[i]!;
    if (acl === '+' || acl === part) continue;
    if (acl.includes(TEMPLATE)) {
      if (templateMatches(acl, part, w.isPrefix && i === last)) continue;
      return false;
    }
    if (w.isPrefix && i === last && part.startsWith(acl)) continue;
    return false;
  }
  return true;
}

/**
 * A segment with `{{...}}` placeholders: the literal text around them must match, and each
 * placeholder fills at least one character. `open`: the segment ends a prefix rule (`.../a{{x}}*`),
 * so the path's segment only has to start with it.
 */
function templateMatches(acl: string, part: string, open: boolean): boolean {
  const literals: string[] = [];
  let at = 0;
  for (;;) {
    const start = acl.indexOf(TEMPLATE, at);
    if (start === -1) break;
    const close = acl.indexOf('}}', start + 2);
    if (close === -1) return false;
    literals.push(acl.slice(at, start));
    at = close + 2;
  }
  const last = acl.slice(at);
  if (!literals.length) return open ? part.startsWith(last) : part === last;
  if (!part.startsWith(literals[0]!)) return false;
  let pos = literals[0]!.length;
  for (let i = 1; i < literals.length; i++) {
    const found = part.indexOf(literals[i]!, pos + 1);
    if (found === -1) return false;
    pos = found + literals[i]!.length;
  }
  if (open) return last === '' ? part.length > pos : part.indexOf(last, pos + 1) !== -1;
  return part.endsWith(last) && part.length - last.length > pos;
}

/** What one request may do under `rule`: the decision and why. */
export interface Decision {
  decision: 'allowed' | 'conditional' | 'no';
  rule?: MergedRule;
  why: string[];
}

/** Operations whose parameters Vault checks against allowed/denied/required parameters. */
const PARAMETER_OPS = new Set<Capability>(['read', 'create', 'update', 'patch']);

export function decideCapability(acl: Acl, path: string, cap: Capability): Decision {
  if (acl.root) return { decision: 'allowed', why: ['the root policy allows everything'] };
  const rule = acl.match(path, cap === 'list');
  if (!rule) return { decision: 'no', why: ['no policy path matches'] };
  if (rule.caps & CAP.deny) return { decision: 'no', rule, why: [`denied by path ${JSON.stringify(rule.path)}`] };
  if (!(rule.caps & CAP[cap])) return { decision: 'no', rule, why: [`path ${JSON.stringify(rule.path)} does not grant ${cap}`] };
  const why: string[] = [];
  for (const c of rule.conditions) {
    const parameters = /^(allowed|denied|required)_parameters/.test(c);
    if (!parameters || PARAMETER_OPS.has(cap)) why.push(`not evaluated: ${c}`);
  }
  if (rule.templated) why.push(`templated path ${JSON.stringify(rule.path)}: holds only for the identity whose name or metadata fills it`);
  return { decision: why.length ? 'conditional' : 'allowed', rule, why };
}

/** What `vault token capabilities PATH` prints for a token with this ACL (Vault's Capabilities). */
export function capabilitiesAt(acl: Acl, path: string): string[] {
  if (acl.root) return ['root'];
  const rule = acl.match(path, true);
  const caps = rule && !(rule.caps & CAP.deny) ? (Object.keys(CAP) as Capability[]).filter((c) => rule.caps & CAP[c]) : [];
  return caps.length ? caps : ['deny'];
}
