/**
 * Principal access (pathfinding.cloud iam-002-004, 006, 012, 014-021, sts-001): act as another
 * user or role, by minting its credentials, rewriting its trust, or assuming it; and the
 * composites that first make that other principal administrator.
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import { adminNodeId, type EscalationFinding, type PermissionCheck, type TechniqueInfo } from './types';

const T = (id: string, name: string): TechniqueInfo => ({ id, name, category: 'principal-access', coverage: 'modelled' });
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
  const may = (...actions: string[]) => actions.every((a) => tc.mayAllow(p, a));

  const userActions = may('iam:CreateAccessKey') || may('iam:CreateLoginProfile') || may('iam:UpdateLoginProfile');
  for (const y of userActions ? tc.users(account) : []) {
    if (y === p) continue;
    const keys = keyCount(tc, y);
    if (may('iam:CreateAccessKey')) {
      const create = tc.check(p, 'iam:CreateAccessKey', y);
      if (keys === 2) {
        if (may('iam:DeleteAccessKey')) push(finding(p, PRINCIPAL_TECHNIQUES.createAndDeleteAccessKey, y, [create, tc.check(p, 'iam:DeleteAccessKey', y)], undefined, ['the user has two access keys: one must be deleted first']));
      } else {
        push(finding(p, PRINCIPAL_TECHNIQUES.createAccessKey, y, [create], undefined, keys === undefined ? ['access key count unknown (no credential report): a user with two keys needs iam:DeleteAccessKey too'] : []));
      }
      if (may('iam:AttachUserPolicy')) push(finding(p, PRINCIPAL_TECHNIQUES.attachUserPolicyKey, admin, [tc.check(p, 'iam:AttachUserPolicy', y), create], y));
      if (may('iam:PutUserPolicy')) push(finding(p, PRINCIPAL_TECHNIQUES.putUserPolicyKey, admin, [tc.check(p, 'iam:PutUserPolicy', y), create], y));
    }
    const hasPassword = tc.model.node(y)?.attributes.passwordEnabled;
    if (hasPassword !== true && may('iam:CreateLoginProfile')) {
      push(finding(p, PRINCIPAL_TECHNIQUES.createLoginProfile, y, [tc.check(p, 'iam:CreateLoginProfile', y)], undefined, hasPassword === undefined ? ['whether the user already has a password is unknown (no credential report)'] : [], hasPassword === undefined));
    }
    if (hasPassword !== false && may('iam:UpdateLoginProfile')) {
      push(finding(p, PRINCIPAL_TECHNIQUES.updateLoginProfile, y, [tc.check(p, 'iam:UpdateLoginProfile', y)], undefined, hasPassword === undefined ? ['whether the user has a password is unknown (no credential report)'] : [], hasPassword === undefined));
    }
  }

  const assumable = new Map<string, PermissionCheck>();
  for (const r of tc.assumeCandidates(p)) {
    const assume = tc.check(p, 'sts:AssumeRole', r);
    if (!usable(assume.decision)) continue;
    assumable.set(r, assume);
    push(finding(p, PRINCIPAL_TECHNIQUES.assumeRole, r, [assume]));
  }
  const modifiesRoles = ['iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion'].some((a) => may(a));
  // Roles of other accounts are out of reach of IAM write actions made from this account.
  for (const r of modifiesRoles ? tc.roles(account) : []) {
    if (r === p) continue;
    const assume = assumable.get(r);
    const canAssume = assume !== undefined;
    const trust = may('iam:UpdateAssumeRolePolicy') ? tc.check(p, 'iam:UpdateAssumeRolePolicy', r) : undefined;
    if (trust) push(finding(p, PRINCIPAL_TECHNIQUES.updateAssumeRolePolicy, r, [trust]));
    const gain = canAssume ? assume : trust && usable(trust.decision) ? trust : undefined;
    if (!gain) continue;
    const viaAssume = canAssume;
    if (may('iam:AttachRolePolicy')) push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.attachRolePolicyAssume : PRINCIPAL_TECHNIQUES.attachRolePolicyTrust, admin, [tc.check(p, 'iam:AttachRolePolicy', r), gain], r));
    if (may('iam:PutRolePolicy')) push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.putRolePolicyAssume : PRINCIPAL_TECHNIQUES.putRolePolicyTrust, admin, [tc.check(p, 'iam:PutRolePolicy', r), gain], r));
    if (may('iam:CreatePolicyVersion')) {
      for (const pol of tc.model.attachedPolicyIds(r)) {
        const pa = tc.model.node(pol);
        if (pa?.kind !== 'managedPolicy' || pa.attributes.awsManaged === true) continue;
        push(finding(p, viaAssume ? PRINCIPAL_TECHNIQUES.createPolicyVersionAssume : PRINCIPAL_TECHNIQUES.createPolicyVersionTrust, admin, [tc.check(p, 'iam:CreatePolicyVersion', pol), gain], r, [`policy ${pa.name} is attached to the role`]));
      }
    }
  }
  return out;
}
