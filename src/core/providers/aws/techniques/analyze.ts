/**
 * Runs every detector over every AWS principal: who is admin-equivalent, which escalation edges
 * exist (each with the permissions and statements behind it), and which paths need inventory.
 * Admin-equivalent principals get one edge to their account's admin node and no further
 * technique edges: from admin, everything in the account is reachable anyway.
 */
import type { ActionCatalogue } from '../catalogue/catalogue';
import type { AwsModel } from '../model';
import { TechniqueContext } from './context';
import { detectAdmin } from './admin';
import { detectGroupMemberEscalation, detectSelfEscalation } from './iam-self';
import { detectCrossAccountAssume, detectPrincipalAccess } from './iam-principal';
import { detectPassRole } from './passrole';
import { detectExistingResourcePaths } from './existing-resources';
import type { EscalationFinding, PotentialFinding } from './types';
import { pushTo } from '../../../io/multimap';

export interface IdentitySet {
  name: string;
  account: string;
  members: string[];
}

export interface TechniqueResults {
  admins: Map<string, EscalationFinding>;
  /** Identity sets that findings point at (every user / role of an account). */
  sets: Map<string, IdentitySet>;
  findings: EscalationFinding[];
  potential: PotentialFinding[];
  principals: number;
}

export function detectTechniques(model: AwsModel, catalogue: ActionCatalogue, principals = model.principals()): TechniqueResults {
  const tc = new TechniqueContext(model, catalogue);
  const admins = new Map<string, EscalationFinding>();
  const findings: EscalationFinding[] = [];
  const potential: PotentialFinding[] = [];
  for (const p of principals) {
    const admin = detectAdmin(tc, p);
    if (admin) {
      admins.set(p, admin);
      findings.push(admin);
      if (!admin.conditional) {
        findings.push(...detectCrossAccountAssume(tc, p));
        continue;
      }
    }
    const existing = detectExistingResourcePaths(tc, p);
    potential.push(...existing.potential);
    const own = [...detectSelfEscalation(tc, p), ...detectPrincipalAccess(tc, p), ...detectPassRole(tc, p), ...existing.findings];
    // One certain hop to admin makes every other edge of this principal redundant for
    // reachability (admin reaches all of the account): keep only the ways to admin.
    const toAdmin = (f: EscalationFinding) => f.target.startsWith('admin:');
    const certainSelf = own.some((f) => !f.conditional && toAdmin(f) && f.technique.category === 'self-escalation');
    const certainAdmin = own.some((f) => !f.conditional && toAdmin(f));
    const kept = certainSelf ? own.filter((f) => toAdmin(f) && f.technique.category === 'self-escalation') : certainAdmin ? own.filter(toAdmin) : own;
    findings.push(...capAlternatives(kept));
  }
  // Groups reached through iam:AddUserToGroup act with the group's own policies.
  for (const g of new Set(findings.filter((f) => model.node(f.target)?.kind === 'group').map((f) => f.target))) {
    const admin = detectAdmin(tc, g);
    if (admin) {
      admins.set(g, admin);
      findings.push(admin);
    } else findings.push(...capAlternatives(detectGroupMemberEscalation(tc, g)));
  }
  const sets = new Map<string, IdentitySet>();
  for (const f of findings) {
    if (sets.has(f.target)) continue;
    const defined = tc.sets.get(f.target);
    if (defined) {
      sets.set(f.target, defined);
      continue;
    }
    const m = /^(all-users|all-roles|roles-trusting|users-with-password|users-without-password|service-roles):aws:(\d{12})(?::(.+))?$/.exec(f.target);
    if (!m) continue;
    const [, type, account, service] = m as unknown as [string, string, string, string | undefined];
    const password = (enabled: boolean) => tc.users(account).filter((u) => model.node(u)?.attributes.passwordEnabled === enabled);
    const members =
      type === 'all-users'
        ? tc.users(account)
        : type === 'all-roles'
          ? tc.roles(account)
          : type === 'users-with-password'
            ? password(true)
            : type === 'users-without-password'
              ? password(false)
              : type === 'service-roles'
                ? tc.serviceRoles(account, service!)
                : tc.rolesTrustingAccount(account);
    const name = {
      'all-users': `Every user of account ${account}`,
      'all-roles': `Every role of account ${account}`,
      'roles-trusting': `Every role trusting account ${account}`,
      'users-with-password': `Users with a console password in account ${account}`,
      'users-without-password': `Users without a console password in account ${account}`,
      'service-roles': `Every role of account ${account} that ${service} can assume`,
    }[type]!;
    sets.set(f.target, { name, account, members });
  }
  return { admins, sets, findings, potential, principals: principals.length };
}

/** At most this many ways (vias) to the same target by the same technique are kept as edges. */
const MAX_ALTERNATIVES = 3;

function capAlternatives(all: EscalationFinding[]): EscalationFinding[] {
  // A conditional way is redundant next to a certain one over the same step (e.g. lambda-003
  // beside lambda-004 on the same function).
  const certain = new Set(all.filter((f) => !f.conditional).map((f) => `${f.target}|${f.via ?? ''}`));
  const findings = all.filter((f) => !f.conditional || !certain.has(`${f.target}|${f.via ?? ''}`));
  const groups = new Map<string, EscalationFinding[]>();
  for (const f of findings) {
    const key = `${f.technique.id}|${f.target}`;
    pushTo(groups, key, f);
  }
  const out: EscalationFinding[] = [];
  for (const list of groups.values()) {
    // Certain ways first, then conditional ones.
    const sorted = [...list].sort((a, b) => Number(a.conditional) - Number(b.conditional));
    const kept = sorted.slice(0, MAX_ALTERNATIVES);
    if (sorted.length > kept.length) kept[0] = { ...kept[0]!, notes: [...kept[0]!.notes, `${sorted.length - kept.length} more ways by the same technique not listed`] };
    out.push(...kept);
  }
  return out;
}
