/**
 * Where a principal can pass roles to a service (iam:PassRole with iam:PassedToService): the
 * roles of its account that trust the service, grouped by the statements that name them. Roles
 * named by exactly the same statements (and no condition reading the role) get the same
 * decision, so a group is evaluated once; a large group becomes one identity set ("every role
 * under role/app/analytics/ that lambda.amazonaws.com can assume") instead of an edge per role.
 * A CI deployer allowed to pass `role/app/<team>/*` thus costs one edge, not hundreds.
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import type { PermissionCheck } from './types';
import { serviceRolesId } from './types';
import { allowPatterns, groupTargets, SET_MIN } from './target-groups';

export interface PassTarget {
  /** A role, or an identity set of roles. */
  target: string;
  check: PermissionCheck;
  /** The set's roles (absent for a single role). */
  members?: string[];
  note?: string;
}

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
  const out: PassTarget[] = [];
  for (const members of groupTargets(tc, principal, 'iam:PassRole', candidates)) {
    if (members.length >= SET_MIN) {
      const check = tc.check(principal, 'iam:PassRole', members[0]!, context);
      if (!usable(check.decision)) continue;
      const patterns = allowPatterns(tc, principal, 'iam:PassRole', members[0]!);
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
