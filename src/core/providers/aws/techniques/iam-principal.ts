/**
 * Principal access (pathfinding.cloud iam-002-004, 006, 012, 014-021, sts-001): act as another
 * user or role, by minting its credentials, rewriting its trust, or assuming it; and the
 * composites that first make that other principal administrator.
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import { intersect, NONE, union, type Candidates } from './targets';
import { allowPatterns, contentHash, groupTargets, SET_MIN } from './target-groups';
import { accountTrustingRolesId, adminNodeId, allRolesId, allUsersId, usersByPasswordId, type EscalationFinding, type PermissionCheck, type TechniqueInfo, techniqueOf } from './types';

const T = techniqueOf('principal-access');
export const PRINCIPAL_TECHNIQUES = {
  createAccessKey: T('iam-002', 'iam:CreateAccessKey for another user'),
  createAndDeleteAccessKey: T('iam-003', 'iam:CreateAccessKey + iam:DeleteAccessKey for a user with two keys'),
  createLoginProfile: T('iam-004', 'iam:CreateLoginProfile for a user without a password'),
  updateLoginProfile: T('iam-006', 'iam:UpdateLoginProfile for a user with a password'),
  updateAssumeRolePolicy: T('iam-012', 'iam:UpdateAssumeRolePolicy: trust oneself, then assume'),
  attachRolePolicyAssume: T('iam-014', 'iam:AttachRolePolicy + sts:AssumeRole'),
  attachUserPolicyKey: T('iam-015', 'iam:AttachUserPolicy + iam:CreateAccessKey'),
  createPolicyVersionAssume: T('iam-016', 'iam:CreatePolicyVersion + sts:AssumeRole'),
  putRolePolicyAssume: T('iam-017', 'iam:PutRolePolicy + sts:AssumeRole'),
  putUserPolicyKey: T('iam-018', 'iam:PutUserPolicy + iam:CreateAccessKey'),
  attachRolePolicyTrust: T('iam-019', 'iam:AttachRolePolicy + iam:UpdateAssumeRolePolicy'),
  createPolicyVersionTrust: T('iam-020', 'iam:CreatePolicyVersion + iam:UpdateAssumeRolePolicy'),
  putRolePolicyTrust: T('iam-021', 'iam:PutRolePolicy + iam:UpdateAssumeRolePolicy'),
  assumeRole: T('sts-001', 'sts:AssumeRole'),
};

function finding(p: string, technique: TechniqueInfo, target: string, checks: PermissionCheck[], via?: string, notes: string[] = [], prerequisiteUnknown = false): EscalationFinding | undefined {
  if (!checks.every((c) => usable(c.decision))) return undefined;
  return { technique, source: p, target, via, checks, conditional: prerequisiteUnknown || checks.some((c) => c.decision.decision !== 'allowed'), notes };
}

/** Access keys a user holds, from the credential report (undefined when not imported). */
function keyCount(tc: TechniqueContext, user: string): number | undefined {
  let n = 0;
  let known = tc.model.node(user)?.attributes.credentialReport === true;
  tc.model.graph.forEachInEdge(user, (_, a, source) => {
    if (a.kind !== 'credentialOf') return;
    if (tc.model.node(source)?.kind === 'accessKey') {
      n++;
      known = true;
    }
  });
  return known ? n : undefined;
}

export function detectPrincipalAccess(tc: TechniqueContext, p: string): EscalationFinding[] {
  const account = tc.model.node(p)?.account;
  if (!account) return [];
  const admin = adminNodeId(account);
  const out: EscalationFinding[] = [];
  const push = (f: EscalationFinding | undefined) => f && out.push(f);
  const mayOn = (type: string) => (...actions: string[]) => actions.every((a) => tc.mayAllow(p, a, `arn:aws:iam::${account}:${a === 'iam:CreatePolicyVersion' ? 'policy' : type}/`));
  detectUserAccess(tc, p, account, admin, push, mayOn('user'));
  detectRoleAccess(tc, p, account, admin, push, mayOn('role'));
  return out;
}

/**
 * An account administrator's reach beyond its account: roles of other accounts whose trust lets
 * it (its account, or it by name) assume them. Within its own account it reaches everything anyway.
 */
export function detectCrossAccountAssume(tc: TechniqueContext, p: string): EscalationFinding[] {
  const account = tc.model.node(p)?.account;
  const out: EscalationFinding[] = [];
  for (const r of tc.assumeCandidates(p)) {
    if (tc.model.node(r)?.account === account) continue;
    const assume = tc.check(p, 'sts:AssumeRole', r);
    const f = usable(assume.decision) ? finding(p, PRINCIPAL_TECHNIQUES.assumeRole, r, [assume]) : undefined;
    if (f) out.push(f);
  }
  return out;
}

type Push = (f: EscalationFinding | undefined) => void;
const NO_ROLES: ReadonlySet<string> = new Set();
type May = (...actions: string[]) => boolean;
const ALL_USERS_NOTE = 'covers every user of the account (one edge to the set instead of one per user)';

function detectUserAccess(tc: TechniqueContext, p: string, account: string, admin: string, push: Push, may: May): void {
  if (!(may('iam:CreateAccessKey') || may('iam:CreateLoginProfile') || may('iam:UpdateLoginProfile'))) return;
  const users = tc.users(account);
  const rep = users[0] === p ? users[1] : users[0];
  if (!rep) return;
  // One edge to every user only if it holds for every user: a user already holding two keys
  // also needs iam:DeleteAccessKey, so then the set is used only with uniform DeleteAccessKey.
  const anyFullUser = tc.someUserWith(account, 'two-keys', (y) => keyCount(tc, y) === 2);
  const keyAll = tc.uniform(p, 'iam:CreateAccessKey', 'user', rep);
  const u: Record<'key' | 'login' | 'update' | 'attach' | 'put', PermissionCheck | undefined> = {
    key: keyAll && (!anyFullUser || tc.uniform(p, 'iam:DeleteAccessKey', 'user', rep)) ? keyAll : undefined,
    login: tc.uniform(p, 'iam:CreateLoginProfile', 'user', rep),
    update: tc.uniform(p, 'iam:UpdateLoginProfile', 'user', rep),
    attach: tc.uniform(p, 'iam:AttachUserPolicy', 'user', rep),
    put: tc.uniform(p, 'iam:PutUserPolicy', 'user', rep),
  };
  const all = allUsersId(account);
  if (u.key) push(finding(p, PRINCIPAL_TECHNIQUES.createAccessKey, all, [u.key], undefined, [ALL_USERS_NOTE, 'users that already hold two access keys also need iam:DeleteAccessKey']));
  // CreateLoginProfile works on users without a password, UpdateLoginProfile on users with one.
  // With a credential report, each goes to the set of users in that state; without, to every
  // user, conditionally (which users have a password is unknown).
  const reported = tc.someUserWithPassword(account, true) || tc.someUserWithPassword(account, false);
  const loginTarget = (withPassword: boolean) => (reported ? usersByPasswordId(account, withPassword) : all);
  const loginNotes = reported ? [] : ['which users have a password is unknown (no credential report)'];
  if (u.login) push(finding(p, PRINCIPAL_TECHNIQUES.createLoginProfile, loginTarget(false), [u.login], undefined, ['users without a password', ...loginNotes], !reported));
  if (u.update) push(finding(p, PRINCIPAL_TECHNIQUES.updateLoginProfile, loginTarget(true), [u.update], undefined, ['users with a password', ...loginNotes], !reported));
  if (u.key && u.attach) push(finding(p, PRINCIPAL_TECHNIQUES.attachUserPolicyKey, admin, [u.attach, u.key], 'any user of the account'));
  if (u.key && u.put) push(finding(p, PRINCIPAL_TECHNIQUES.putUserPolicyKey, admin, [u.put, u.key], 'any user of the account'));
  if (u.key && u.login && u.update && (u.attach || !may('iam:AttachUserPolicy')) && (u.put || !may('iam:PutUserPolicy'))) return;

  // Decided once, outside the per-user loop: that loop runs for every user of the account.
  const doKey = !u.key && may('iam:CreateAccessKey');
  const doDelete = may('iam:DeleteAccessKey');
  const doAttach = may('iam:AttachUserPolicy');
  const doPut = may('iam:PutUserPolicy');
  const doLogin = !u.login && may('iam:CreateLoginProfile');
  const doUpdate = !u.update && may('iam:UpdateLoginProfile');
  // Only the users some Allow statement can name are evaluated (a policy scoped to
  // user/${aws:username} names the principal alone).
  const named = (action: string, yes: boolean) => (yes ? tc.candidates(p, action, 'user') : NONE);
  const keyTargets = named('iam:CreateAccessKey', doKey);
  const grouped = doKey && !doAttach && !doPut ? keySets(tc, p, account, keyTargets, push) : new Set<string>();
  const loop = union(keyTargets, named('iam:CreateLoginProfile', doLogin), named('iam:UpdateLoginProfile', doUpdate));
  for (const y of tc.targets.inOrder(account, 'user', loop, p)) {
    if (doKey && !grouped.has(y)) {
      const create = tc.check(p, 'iam:CreateAccessKey', y);
      if (usable(create.decision)) {
        const keys = keyCount(tc, y);
        if (keys === 2) {
          if (doDelete) push(finding(p, PRINCIPAL_TECHNIQUES.createAndDeleteAccessKey, y, [create, tc.check(p, 'iam:DeleteAccessKey', y)], undefined, ['the user has two access keys: one must be deleted first']));
        } else {
          push(finding(p, PRINCIPAL_TECHNIQUES.createAccessKey, y, [create], undefined, keys === undefined ? ['access key count unknown (no credential report): a user with two keys needs iam:DeleteAccessKey too'] : []));
        }
        if (doAttach) push(finding(p, PRINCIPAL_TECHNIQUES.attachUserPolicyKey, admin, [tc.check(p, 'iam:AttachUserPolicy', y), create], y));
        if (doPut) push(finding(p, PRINCIPAL_TECHNIQUES.putUserPolicyKey, admin, [tc.check(p, 'iam:PutUserPolicy', y), create], y));
      }
    }
    if (!doLogin && !doUpdate) continue;
    const hasPassword = tc.model.node(y)?.attributes.passwordEnabled;
    if (doLogin && hasPassword !== true) {
      push(finding(p, PRINCIPAL_TECHNIQUES.createLoginProfile, y, [tc.check(p, 'iam:CreateLoginProfile', y)], undefined, hasPassword === undefined ? ['whether the user already has a password is unknown (no credential report)'] : [], hasPassword === undefined));
    }
    if (doUpdate && hasPassword !== false) {
      push(finding(p, PRINCIPAL_TECHNIQUES.updateLoginProfile, y, [tc.check(p, 'iam:UpdateLoginProfile', y)], undefined, hasPassword === undefined ? ['whether the user has a password is unknown (no credential report)'] : [], hasPassword === undefined));
    }
  }
}

/**
 * iam:CreateAccessKey on many users the principal's statements name alike (a key rotator allowed
 * `user/service/*`): one edge to an identity set per group instead of one per user. Users with two
 * keys stay per user (they also need iam:DeleteAccessKey, named by other statements). Returns the
 * users so covered.
 */
function keySets(tc: TechniqueContext, p: string, account: string, targets: Candidates, push: Push): Set<string> {
  const covered = new Set<string>();
  const users = tc.targets.inOrder(account, 'user', targets, p);
  if (users.length < SET_MIN) return covered;
  for (const members of groupTargets(tc, p, 'iam:CreateAccessKey', users, (y) => String(keyCount(tc, y)))) {
    const keys = keyCount(tc, members[0]!);
    if (members.length < SET_MIN || keys === 2) continue;
    // Same statements, no condition on the target: one decision holds for every member.
    for (const m of members) covered.add(m);
    const create = tc.check(p, 'iam:CreateAccessKey', members[0]!);
    if (!usable(create.decision)) continue;
    const patterns = allowPatterns(tc, p, 'iam:CreateAccessKey', members[0]!);
    const set = targetSet(tc, 'key-group', members, `users of account ${account} matching ${patterns.join(', ')}${keys === undefined ? '' : ` with ${keys} access ${keys === 1 ? 'key' : 'keys'}`}`);
    if (!set) {
      for (const m of members) covered.delete(m);
      continue;
    }
    const notes = [`covers the ${members.length} users the principal's policies name alike (one edge to the set instead of one per user)`];
    if (keys === undefined) notes.push('access key count unknown (no credential report): a user with two keys needs iam:DeleteAccessKey too');
    push(finding(p, PRINCIPAL_TECHNIQUES.createAccessKey, set, [create], undefined, notes));
  }
  return covered;
}

function detectRoleAccess(tc: TechniqueContext, p: string, account: string, admin: string, push: Push, may: May): void {
  const roles = tc.roles(account);
  const rep = roles[0] === p ? roles[1] : roles[0];
  // sts:AssumeRole: the roles trusting the whole account as one set when our permission is uniform.
  const assumeAll = tc.uniform(p, 'sts:AssumeRole', 'role', tc.rolesTrustingAccount(account).find((r) => r !== p));
  const hubMembers = assumeAll ? tc.plainAccountTrusts(account) : NO_ROLES;
  if (assumeAll) push(finding(p, PRINCIPAL_TECHNIQUES.assumeRole, accountTrustingRolesId(account), [assumeAll], undefined, ['covers every role whose trust policy lets the whole account assume it']));
  // Roles reached by sts:AssumeRole; undefined: reached as a member of a set (checked on demand).
  const assumable = new Map<string, PermissionCheck | undefined>();
  const candidates = tc.assumeCandidates(p, assumeAll !== undefined).filter((r) => !hubMembers.has(r));
  for (const members of groupTargets(tc, p, 'sts:AssumeRole', candidates, (r) => tc.trustKey(r))) {
    const set = members.length >= SET_MIN ? trustGroup(tc, members) : undefined;
    if (set) {
      const assume = tc.check(p, 'sts:AssumeRole', members[0]!);
      if (!usable(assume.decision)) continue;
      for (const r of members) assumable.set(r, undefined);
      push(finding(p, PRINCIPAL_TECHNIQUES.assumeRole, set, [assume], undefined, [`covers the ${members.length} roles with the same trust policy that the principal's policies name alike (one edge to the set instead of one per role)`]));
      continue;
    }
    for (const r of members) {
      const assume = tc.check(p, 'sts:AssumeRole', r);
      if (!usable(assume.decision)) continue;
      assumable.set(r, assume);
      push(finding(p, PRINCIPAL_TECHNIQUES.assumeRole, r, [assume]));
    }
  }
  const u = {
    trust: tc.uniform(p, 'iam:UpdateAssumeRolePolicy', 'role', rep),
    attach: tc.uniform(p, 'iam:AttachRolePolicy', 'role', rep),
    put: tc.uniform(p, 'iam:PutRolePolicy', 'role', rep),
  };
  if (u.trust) push(finding(p, PRINCIPAL_TECHNIQUES.updateAssumeRolePolicy, allRolesId(account), [u.trust], undefined, ['covers every role of the account (one edge to the set instead of one per role)']));
  if (u.trust && u.attach) push(finding(p, PRINCIPAL_TECHNIQUES.attachRolePolicyTrust, admin, [u.attach, u.trust], 'any role of the account'));
  if (u.trust && u.put) push(finding(p, PRINCIPAL_TECHNIQUES.putRolePolicyTrust, admin, [u.put, u.trust], 'any role of the account'));
  const firstHub = assumeAll ? tc.rolesTrustingAccount(account)[0] : undefined;
  // CreatePolicyVersion on every customer policy: any role we can take over becomes admin.
  const customerPolicy = tc.customerPolicies(account)[0];
  const cpvAll = tc.uniform(p, 'iam:CreatePolicyVersion', 'policy', customerPolicy);
  if (cpvAll && (assumeAll || u.trust)) push(finding(p, assumeAll ? PRINCIPAL_TECHNIQUES.createPolicyVersionAssume : PRINCIPAL_TECHNIQUES.createPolicyVersionTrust, admin, [cpvAll, (assumeAll ?? u.trust)!], assumeAll ? firstHub : 'any role of the account'));
  if (assumeAll && firstHub && u.attach) push(finding(p, PRINCIPAL_TECHNIQUES.attachRolePolicyAssume, admin, [u.attach, assumeAll], firstHub));
  if (assumeAll && firstHub && u.put) push(finding(p, PRINCIPAL_TECHNIQUES.putRolePolicyAssume, admin, [u.put, assumeAll], firstHub));

  const perRole = (!u.trust && may('iam:UpdateAssumeRolePolicy')) || (!u.attach && may('iam:AttachRolePolicy')) || (!u.put && may('iam:PutRolePolicy')) || (!cpvAll && may('iam:CreatePolicyVersion'));
  if (!perRole) return;
  // Roles of other accounts are out of reach of IAM write actions made from this account. Only
  // roles we can gain (assume, or rewrite the trust of) and change are evaluated.
  const named = (action: string, yes: boolean) => (yes && may(action) ? tc.candidates(p, action, 'role') : NONE);
  const trustable = named('iam:UpdateAssumeRolePolicy', !u.trust);
  const gainable = u.trust ? 'all' : union(trustable, new Set(assumable.keys()), hubMembers);
  const changeable = union(named('iam:AttachRolePolicy', !u.attach), named('iam:PutRolePolicy', !u.put), !cpvAll && may('iam:CreatePolicyVersion') ? rolesHolding(tc, tc.candidates(p, 'iam:CreatePolicyVersion', 'policy')) : NONE);
  for (const r of tc.targets.inOrder(account, 'role', union(trustable, intersect(gainable, changeable)), p)) {
    const assume = assumable.has(r) ? (assumable.get(r) ?? tc.check(p, 'sts:AssumeRole', r)) : hubMembers.has(r) ? assumeAll : undefined;
    const trust = u.trust ?? (may('iam:UpdateAssumeRolePolicy') ? tc.check(p, 'iam:UpdateAssumeRolePolicy', r) : undefined);
    if (!u.trust && trust) push(finding(p, PRINCIPAL_TECHNIQUES.updateAssumeRolePolicy, r, [trust]));
    const gain = assume ?? (trust && usable(trust.decision) ? trust : undefined);
    if (!gain) continue;
    const viaAssume = assume !== undefined;
    if (!u.attach && may('iam:AttachRolePolicy')) push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.attachRolePolicyAssume : PRINCIPAL_TECHNIQUES.attachRolePolicyTrust, admin, [tc.check(p, 'iam:AttachRolePolicy', r), gain], r));
    if (!u.put && may('iam:PutRolePolicy')) push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.putRolePolicyAssume : PRINCIPAL_TECHNIQUES.putRolePolicyTrust, admin, [tc.check(p, 'iam:PutRolePolicy', r), gain], r));
    if (!cpvAll && may('iam:CreatePolicyVersion')) {
      for (const pol of tc.model.attachedPolicyIds(r)) {
        const pa = tc.model.node(pol);
        if (pa?.kind !== 'managedPolicy' || pa.attributes.awsManaged === true) continue;
        push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.createPolicyVersionAssume : PRINCIPAL_TECHNIQUES.createPolicyVersionTrust, admin, [tc.check(p, 'iam:CreatePolicyVersion', pol), gain], r, [`policy ${pa.name} is attached to the role`]));
      }
    }
  }
}

/** Roles holding one of these customer-managed policies. */
function rolesHolding(tc: TechniqueContext, policies: Candidates): Candidates {
  if (policies === 'all') return 'all';
  const out = new Set<string>();
  for (const pol of policies) {
    tc.model.graph.forEachInEdge(pol, (_, a, source) => {
      if (a.kind === 'hasPolicy' && a.attributes.via === 'managed' && tc.model.node(source)?.kind === 'role') out.add(source);
    });
  }
  return out;
}

/**
 * An identity set named by its members (so principals that reach the same identities share the
 * node); undefined if that id already names other members.
 */
function targetSet(tc: TechniqueContext, prefix: string, members: string[], description: string): string | undefined {
  const account = tc.model.node(members[0]!)?.account ?? 'unknown';
  const id = `${prefix}:aws:${account}:${members.length}-${contentHash(members.join(','))}`;
  const known = tc.sets.get(id);
  if (known) return known.members.length === members.length && known.members.every((m, i) => m === members[i]) ? id : undefined;
  tc.sets.set(id, { name: `${members.length} ${description}`, account, members });
  return id;
}

/** The identity set of roles sharing one trust policy. */
const trustGroup = (tc: TechniqueContext, members: string[]): string | undefined =>
  targetSet(tc, 'trust-group', members, `roles of account ${tc.model.node(members[0]!)?.account ?? 'unknown'} with the trust policy of ${tc.model.node(members[0]!)?.name ?? members[0]}`);
