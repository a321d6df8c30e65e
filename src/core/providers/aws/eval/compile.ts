/**
 * Policy documents compiled once for evaluation: patterns lower-cased where IAM compares
 * case-insensitively, and statements indexed by the services their actions can touch, so a
 * question about `iam:PassRole` only looks at statements that can mention iam.
 */
import { normalizePolicy, type PolicyStatement, type PrincipalRef } from '../importers/policy-document';
import { pushTo } from '../../../io/multimap';
import { globMatch } from './wildcard';

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

export interface CompiledStatement {
  ref: StatementRef;
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
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
  const policy: CompiledPolicy = { id, name, statements: [], byService: new Map(), anyService: [] };
  for (const st of parsed.document.statements) {
    const compiled: CompiledStatement = {
      ref: { policyId: id, policyName: name, statement: st.id, effect: st.effect, condition: st.condition },
      effect: st.effect,
      actions: st.actions.length ? st.actions.map((a) => a.toLowerCase()) : undefined,
      notActions: st.notActions.length ? st.notActions.map((a) => a.toLowerCase()) : undefined,
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

/** Statements of a policy that can concern an action of `service`. */
export function statementsFor(policy: CompiledPolicy, service: string): CompiledStatement[] {
  const own = policy.byService.get(service);
  if (!own) return policy.anyService;
  return policy.anyService.length ? [...own, ...policy.anyService] : own;
}

/**
 * Does a statement's Action (or NotAction) name this action? `action` is lower-cased. A statement
 * with neither names nothing (the import already warned about it).
 */
export function namesAction(st: CompiledStatement, action: string): boolean {
  if (st.actions) return st.actions.some((p) => globMatch(p, action, true));
  return st.notActions !== undefined && !st.notActions.some((p) => globMatch(p, action, true));
}
