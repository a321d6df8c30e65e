/**
 * AWS's documented evaluation logic for one request, from what an export tells:
 * explicit Deny anywhere wins; otherwise the request needs an Allow from the identity policies
 * (inside the permission boundary) or from the resource policy (naming the principal), and every
 * SCP level must allow it. Cross-account requests need both sides. KMS key policies and role
 * trust policies must allow the principal themselves (or delegate to the account). Conditions the
 * export cannot decide make the answer `conditional`, with the statements and keys listed.
 */
import type { CompiledPolicy, CompiledStatement, StatementRef } from './compile';
import { statementsFor } from './compile';
import type { PrincipalFacts, RequestContext } from './context';
import { principalMatches, type PrincipalMatch } from './principal-match';
import { statementApplies } from './statement-match';
import { and, not, or, type Tri } from './tri';

export interface PrincipalPolicies {
  id: string;
  facts: PrincipalFacts;
  ctx: RequestContext;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** Every SCP that applies to the principal's account (its own and its OUs' and root's). */
  scps: CompiledPolicy[];
  /** The same SCPs by level of the organization (account, each OU, root): every level must allow. */
  scpLevels: CompiledPolicy[][];
  /** Service-linked roles (and the management account) are not limited by SCPs. */
  scpExempt: boolean;
  /** Policies attached to the principal whose documents are not in the export. */
  missing: string[];
  /** Same for principals with the same identity policies (and missing documents). */
  identityKey?: string;
  /** Same for principals whose decisions are provably the same (see AwsModel). */
  shareKey?: string;
}

export interface ResourceSide {
  arn: string;
  account?: string;
  policy?: CompiledPolicy;
  /** KMS key policies and role trust: the resource policy itself must allow. */
  policyRequired: boolean;
}

export type DecisionKind = 'allowed' | 'denied' | 'conditional' | 'not allowed';
export type PolicySource = 'identity' | 'resource' | 'boundary' | 'scp';

export interface MatchedStatement {
  ref: StatementRef;
  source: PolicySource;
  /** true: applies; 'unknown': applies only if the listed condition keys hold. */
  result: Tri;
  unknownKeys: string[];
  principalMatch?: PrincipalMatch;
}

export interface Decision {
  principal: string;
  action: string;
  resource: string;
  decision: DecisionKind;
  allowedBy: MatchedStatement[];
  deniedBy: MatchedStatement[];
  /** Whether the boundary / SCPs let it through (absent when there are none). */
  boundary?: Tri;
  scp?: Tri;
  notes: string[];
}

function collect(policies: readonly (CompiledPolicy | undefined)[], source: PolicySource, service: string, action: string, resource: string, ctx: RequestContext, p: PrincipalFacts, out: MatchedStatement[]): void {
  for (const pol of policies) {
    if (!pol) continue;
    for (const st of statementsFor(pol, service)) collectOne(st, source, action, resource, ctx, p, out);
  }
}

function collectOne(st: CompiledStatement, source: PolicySource, action: string, resource: string, ctx: RequestContext, p: PrincipalFacts, out: MatchedStatement[]): void {
  let principalMatch: PrincipalMatch | undefined;
  if (source === 'resource') {
    principalMatch = principalMatches(st.principals, st.notPrincipals, p);
    if (principalMatch === 'none') return;
  }
  const m = statementApplies(st, action, resource, ctx);
  if (m.applies === false) return;
  out.push({ ref: st.ref, source, result: m.applies, unknownKeys: m.unknownKeys, principalMatch });
}

const anyOf = (xs: MatchedStatement[]): Tri => xs.reduce<Tri>((acc, m) => or(acc, m.result), false);

export function evaluate(pp: PrincipalPolicies, action: string, resource: string, res?: ResourceSide): Decision {
  const colon = action.indexOf(':');
  const service = (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
  const matched: MatchedStatement[] = [];
  collect(pp.identity, 'identity', service, action, resource, pp.ctx, pp.facts, matched);
  collect([pp.boundary], 'boundary', service, action, resource, pp.ctx, pp.facts, matched);
  if (!pp.scpExempt) collect(pp.scps, 'scp', service, action, resource, pp.ctx, pp.facts, matched);
  if (res?.policy) collect([res.policy], 'resource', service, action, resource, pp.ctx, pp.facts, matched);

  const allows = (src: PolicySource, filter: (m: MatchedStatement) => boolean = () => true) => matched.filter((m) => m.ref.effect === 'Allow' && m.source === src && filter(m));
  const deniedBy = matched.filter((m) => m.ref.effect === 'Deny');
  const deny = anyOf(deniedBy);
  const notes: string[] = [];

  let identity = anyOf(allows('identity'));
  if (identity !== true && pp.missing.length) {
    identity = or(identity, 'unknown');
    notes.push(`documents not in the export: ${pp.missing.join(', ')}`);
  }
  const boundary: Tri | undefined = pp.boundary ? anyOf(allows('boundary')) : undefined;
  // Deny-list guardrails come with AWS's default FullAWSAccess SCP, which exports of
  // list-targets-for-policy for the guardrail do not show: only when some known SCP allows
  // things (an allow-list strategy) must an SCP allow the request.
  // Each level whose SCPs allow something (an allow-list) must allow the request.
  const scpAllows = allows('scp');
  const levels = pp.scpExempt ? [] : pp.scpLevels.filter((level) => level.some((p) => p.statements.some((st) => st.effect === 'Allow')));
  const scp: Tri | undefined = levels.length
    ? levels.reduce<Tri>((acc, level) => and(acc, anyOf(scpAllows.filter((m) => level.some((p) => p.id === m.ref.policyId)))), true)
    : undefined;
  const exact = anyOf(allows('resource', (m) => m.principalMatch === 'exact' || m.principalMatch === 'public'));
  const delegated = anyOf(allows('resource', (m) => m.principalMatch === 'account'));
  const identityInBoundary = and(identity, boundary ?? true);
  const crossAccount = res?.account !== undefined && pp.facts.account !== undefined && res.account !== pp.facts.account;

  let granted: Tri;
  if (res?.policyRequired) {
    // Key policy / trust policy: the resource side must allow; a delegation to the account
    // root hands the decision to the principal's own IAM policies.
    granted = or(exact, and(delegated, identityInBoundary));
    if (!res.policy) notes.push(`no resource policy for ${res.arn} in the export`);
  } else if (crossAccount) {
    granted = and(identityInBoundary, or(exact, delegated));
    if (!res?.policy) notes.push(`cross-account: ${res?.arn} has no resource policy in the export`);
  } else {
    granted = or(identityInBoundary, exact);
  }
  const final = and(and(granted, scp ?? true), not(deny));
  const decision: DecisionKind = deny === true ? 'denied' : final === true ? 'allowed' : final === false ? 'not allowed' : 'conditional';
  return {
    principal: pp.id,
    action,
    resource,
    decision,
    allowedBy: matched.filter((m) => m.ref.effect === 'Allow' && m.source !== 'boundary' && m.source !== 'scp'),
    deniedBy,
    boundary,
    scp,
    notes,
  };
}
