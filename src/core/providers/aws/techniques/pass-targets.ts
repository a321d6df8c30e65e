/**
 * Where a principal can pass roles to a service (iam:PassRole with iam:PassedToService): the
 * roles of its account that trust the service, grouped by the statements that name them. Roles
 * named by exactly the same statements (and no condition reading the role) get the same
 * decision, so a group is evaluated once; a large group becomes one identity set ("every role
 * under role/app/analytics/ that lambda.amazonaws.com can assume") instead of an edge per role.
 * A CI deployer allowed to pass `role/app/<team>/*` thus costs one edge, not hundreds.
 */
import { statementsFor, type CompiledStatement } from '../eval/compile';
import { substituteVariables } from '../eval/variables';
import { globMatch } from '../eval/wildcard';
import type { TechniqueContext } from './context';
import { usable } from './context';
import type { PermissionCheck } from './types';
import { serviceRolesId } from './types';

export interface PassTarget {
  /** A role, or an identity set of roles. */
  target: string;
  check: PermissionCheck;
  /** The set's roles (absent for a single role). */
  members?: string[];
  note?: string;
}

/** Groups smaller than this are drawn role by role. */
export const SERVICE_SET_MIN = 10;

const cache = new WeakMap<TechniqueContext, Map<string, PassTarget[]>>();

export function passTargets(tc: TechniqueContext, principal: string, service: string): PassTarget[] {
  const pp = tc.model.principalPolicies(principal);
  let byKey = cache.get(tc);
  if (!byKey) cache.set(tc, (byKey = new Map()));
  // Principals with the same policies pass the same roles (roles have no resource policy for it).
  const key = `${pp.shareKey}|${service}`;
  let targets = byKey.get(key);
  if (!targets) byKey.set(key, (targets = compute(tc, principal, service)));
  return targets.map((t) => (t.check.decision.principal === principal ? t : { ...t, check: { ...t.check, decision: { ...t.check.decision, principal } } }));
}

function compute(tc: TechniqueContext, principal: string, service: string): PassTarget[] {
  const pp = tc.model.principalPolicies(principal);
  const account = pp.facts.account;
  const context = { 'iam:PassedToService': [service] };
  const roles = tc.serviceRoles(account, service);
  if (!account || !roles.length) return [];
  const named = tc.candidates(principal, 'iam:PassRole', 'role');
  const candidates = named === 'all' ? roles : roles.filter((r) => named.has(r));
  const statements = passStatements(tc, principal);
  const groups = new Map<string, string[]>();
  for (const role of candidates) {
    let sig = '';
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i]!;
      if (!matches(st, role, pp.ctx)) continue;
      // A condition on the role (its tags) can tell roles apart: no sharing then.
      sig += st.ref.condition !== undefined && /resource/i.test(st.ref.condition) ? `${i}@${role},` : `${i},`;
    }
    const g = groups.get(sig);
    if (g) g.push(role);
    else groups.set(sig, [role]);
  }
  const out: PassTarget[] = [];
  for (const [sig, members] of groups) {
    if (members.length >= SERVICE_SET_MIN && !sig.includes('@')) {
      const check = tc.check(principal, 'iam:PassRole', members[0]!, context);
      if (!usable(check.decision)) continue;
      const patterns = [...new Set(sig.split(',').filter(Boolean).flatMap((i) => (statements[Number(i)]!.effect === 'Allow' ? (statements[Number(i)]!.resources ?? ['*']) : [])))];
      const label = patterns.length === 1 && patterns[0] === '*' ? '' : `:${patterns.join(',')}`;
      const target = `${serviceRolesId(account, service)}${label}`;
      tc.sets.set(target, { name: `Roles of account ${account} that ${service} can assume${label ? `, named by ${patterns.join(', ')}` : ''}`, account, members });
      out.push({ target, check, members, note: `covers every role of the account that ${service} can assume${label ? ` and ${patterns.join(', ')} names` : ''} (one edge to the set instead of one per role)` });
      continue;
    }
    for (const role of members) {
      const check = tc.check(principal, 'iam:PassRole', role, context);
      if (usable(check.decision)) out.push({ target: role, check });
    }
  }
  return out;
}

/** Statements that name iam:PassRole in the principal's identity policies, boundary and SCPs. */
function passStatements(tc: TechniqueContext, principal: string): CompiledStatement[] {
  const pp = tc.model.principalPolicies(principal);
  const policies = [...pp.identity, ...(pp.boundary ? [pp.boundary] : []), ...(pp.scpExempt ? [] : pp.scps)];
  return policies.flatMap((pol) => statementsFor(pol, 'iam').filter((st) => (st.actions ? st.actions.some((a) => globMatch(a, 'iam:passrole', true)) : !st.notActions!.some((a) => globMatch(a, 'iam:passrole', true)))));
}

function matches(st: CompiledStatement, role: string, ctx: Parameters<typeof substituteVariables>[1]): boolean {
  const patterns = st.resources ?? st.notResources;
  if (!patterns) return true;
  const hit = patterns.some((r) => {
    const p = substituteVariables(r, ctx);
    return p !== null && p !== undefined && globMatch(p, role);
  });
  return st.resources ? hit : !hit;
}
