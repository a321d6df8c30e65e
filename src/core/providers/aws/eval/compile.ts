/**
 * Policy documents compiled once for evaluation: patterns lower-cased where IAM compares
 * case-insensitively, and statements indexed by the services their actions can touch, so a
 * question about `iam:PassRole` only looks at statements that can mention iam.
 */
import { normalizePolicy, type PolicyStatement, type PrincipalRef } from '../importers/policy-document';
import { pushTo } from '../../../io/multimap';
import { globMatch, isLiteralPattern } from '../../../io/glob';

export interface StatementRef {
  /** Graph id of the policy node (or the role, for a trust policy). */
  policyId: string;
  policyName: string;
  /** Sid or `#index`. */
  statement: string;
  effect: 'Allow' | 'Deny';
  /** Condition block as JSON text, when the statement has one. */
  condition?: string;
}

/**
 * A statement's action patterns, split for matching: literal names in a Set (one lookup), the
 * patterns with wildcards kept for the scan. Most statements list literal actions, and whether a
 * statement names an action is asked millions of times in an analysis.
 */
export interface ActionPatterns {
  exact: ReadonlySet<string>;
  globs: readonly string[];
}

export interface CompiledStatement {
  ref: StatementRef;
  effect: 'Allow' | 'Deny';
  /** Lower-cased, as written; `actionPatterns` / `notActionPatterns` are the same, split for matching. */
  actions?: string[];
  notActions?: string[];
  actionPatterns?: ActionPatterns;
  notActionPatterns?: ActionPatterns;
  resources?: string[];
  notResources?: string[];
  principals: PrincipalRef[];
  notPrincipals: PrincipalRef[];
  condition?: Record<string, unknown>;
}

export interface CompiledPolicy {
  id: string;
  name: string;
  statements: CompiledStatement[];
  byService: Map<string, CompiledStatement[]>;
  /** Statements whose actions can touch any service (`*`, `NotAction`, `*:Get*`). */
  anyService: CompiledStatement[];
  /** A service's statements followed by `anyService`, made once per service asked about. */
  withAnyService: Map<string, CompiledStatement[]>;
}

function servicesOf(st: PolicyStatement): Set<string> | 'any' {
  if (st.notActions.length || st.actions.length === 0) return 'any';
  const out = new Set<string>();
  for (const a of st.actions) {
    const colon = a.indexOf(':');
    const svc = colon < 0 ? a : a.slice(0, colon);
    if (/[*?]/.test(svc)) return 'any';
    out.add(svc.toLowerCase());
  }
  return out;
}

export function compilePolicy(id: string, name: string, document: unknown): CompiledPolicy | undefined {
  const parsed = normalizePolicy(document);
  if (!parsed.ok) return undefined;
  const policy: CompiledPolicy = { id, name, statements: [], byService: new Map(), anyService: [], withAnyService: new Map() };
  for (const st of parsed.document.statements) {
    const actions = st.actions.length ? st.actions.map((a) => a.toLowerCase()) : undefined;
    const notActions = st.notActions.length ? st.notActions.map((a) => a.toLowerCase()) : undefined;
    const compiled: CompiledStatement = {
      ref: { policyId: id, policyName: name, statement: st.id, effect: st.effect, condition: st.condition },
      effect: st.effect,
      actions,
      notActions,
      actionPatterns: actions && splitPatterns(actions),
      notActionPatterns: notActions && splitPatterns(notActions),
      resources: st.resources.length ? st.resources : undefined,
      notResources: st.notResources.length ? st.notResources : undefined,
      principals: st.principals,
      notPrincipals: st.notPrincipals,
      condition: st.conditionBlock,
    };
    policy.statements.push(compiled);
    const svcs = servicesOf(st);
    if (svcs === 'any') policy.anyService.push(compiled);
    else for (const s of svcs) pushTo(policy.byService, s, compiled);
  }
  return policy;
}

/** Statements of a policy that can concern an action of `service` (callers only read the list). */
export function statementsFor(policy: CompiledPolicy, service: string): CompiledStatement[] {
  const own = policy.byService.get(service);
  if (!own) return policy.anyService;
  if (!policy.anyService.length) return own;
  let both = policy.withAnyService.get(service);
  if (!both) policy.withAnyService.set(service, (both = [...own, ...policy.anyService]));
  return both;
}

function splitPatterns(patterns: readonly string[]): ActionPatterns {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    if (isLiteralPattern(p, 'iam')) exact.add(p);
    else globs.push(p);
  }
  return { exact, globs };
}

/** Does one of these (lower-cased) patterns match the lower-cased action? Both sides are lower-cased already. */
export function matchesAction(patterns: ActionPatterns, action: string): boolean {
  return patterns.exact.has(action) || patterns.globs.some((p) => globMatch(p, action, 'iam'));
}

/**
 * Does a statement's Action (or NotAction) name this action? `action` is lower-cased. A statement
 * with neither names nothing (the import already warned about it).
 */
export function namesAction(st: CompiledStatement, action: string): boolean {
  if (st.actionPatterns) return matchesAction(st.actionPatterns, action);
  return st.notActionPatterns !== undefined && !matchesAction(st.notActionPatterns, action);
}
