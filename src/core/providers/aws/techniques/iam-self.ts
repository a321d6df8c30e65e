/**
 * Self-escalation (pathfinding.cloud iam-001, 005, 007-011, 013): the principal can change its
 * own permissions, so it can make itself administrator (or, for 013, join a group).
 */
import type { TechniqueContext } from './context';
import { usable } from './context';
import { adminNodeId, type EscalationFinding, type TechniqueInfo, techniqueOf } from './types';
import { compilePolicy } from '../eval/compile';
import { adminWithPolicy } from './admin';

const T = techniqueOf('self-escalation');
export const SELF_TECHNIQUES = {
  createPolicyVersion: T('iam-001', 'iam:CreatePolicyVersion on a policy attached to oneself'),
  putRolePolicy: T('iam-005', 'iam:PutRolePolicy on one\'s own role'),
  putUserPolicy: T('iam-007', 'iam:PutUserPolicy on oneself'),
  attachUserPolicy: T('iam-008', 'iam:AttachUserPolicy on oneself'),
  attachRolePolicy: T('iam-009', 'iam:AttachRolePolicy on one\'s own role'),
  attachGroupPolicy: T('iam-010', 'iam:AttachGroupPolicy on one\'s own group'),
  putGroupPolicy: T('iam-011', 'iam:PutGroupPolicy on one\'s own group'),
  addUserToGroup: T('iam-013', 'iam:AddUserToGroup: join a more privileged group'),
};

/** Outside the pathfinding.cloud catalogue; in the classic PMapper/Rhino set. */
export const SET_DEFAULT_VERSION: TechniqueInfo = {
  id: 'blastmap-set-default-policy-version',
  name: 'iam:SetDefaultPolicyVersion to an older, admin version of one\'s own policy',
  category: 'self-escalation',
  coverage: 'modelled',
  note: 'uses the non-default versions the export lists',
};

export function detectSelfEscalation(tc: TechniqueContext, p: string): EscalationFinding[] {
  const node = tc.model.node(p)!;
  const account = node.account;
  if (!account) return [];
  const admin = adminNodeId(account);
  const out: EscalationFinding[] = [];
  const found = (technique: TechniqueInfo, target: string, checks: ReturnType<TechniqueContext['check']>[], via?: string) => {
    if (checks.every((c) => usable(c.decision))) {
      out.push({ technique, source: p, target, via, checks, conditional: checks.some((c) => c.decision.decision !== 'allowed'), notes: [] });
    }
  };
  const tryOn = (technique: TechniqueInfo, action: string, resource: string, target = admin) => {
    if (tc.mayAllow(p, action, resource)) found(technique, target, [tc.check(p, action, resource)], resource === p ? undefined : resource);
  };

  // iam-001: a new default version of a customer-managed policy that applies to us.
  for (const pol of tc.model.attachedPolicyIds(p)) {
    const pa = tc.model.node(pol);
    if (pa?.kind === 'managedPolicy' && pa.attributes.awsManaged !== true) tryOn(SELF_TECHNIQUES.createPolicyVersion, 'iam:CreatePolicyVersion', pol);
  }
  // An older version that would make us admin, made default again.
  if (tc.mayAllow(p, 'iam:SetDefaultPolicyVersion')) {
    for (const pol of tc.model.attachedPolicyIds(p)) {
      const versions = tc.model.node(pol)?.attributes.versions;
      if (!Array.isArray(versions)) continue;
      for (const v of versions as { versionId?: string; isDefault?: boolean; document?: unknown }[]) {
        if (v.isDefault || v.document === undefined) continue;
        const compiled = compilePolicy(pol, `${tc.model.node(pol)!.name} ${v.versionId ?? ''}`, v.document);
        if (!compiled || !adminWithPolicy(tc, p, pol, compiled)) continue;
        const check = tc.check(p, 'iam:SetDefaultPolicyVersion', pol);
        if (usable(check.decision)) out.push({ technique: SET_DEFAULT_VERSION, source: p, target: admin, via: pol, checks: [check], conditional: check.decision.decision !== 'allowed', notes: [`version ${v.versionId} of ${tc.model.node(pol)!.name} grants admin`] });
      }
    }
  }
  if (node.kind === 'role') {
    tryOn(SELF_TECHNIQUES.putRolePolicy, 'iam:PutRolePolicy', p);
    tryOn(SELF_TECHNIQUES.attachRolePolicy, 'iam:AttachRolePolicy', p);
  }
  if (node.kind === 'user') {
    tryOn(SELF_TECHNIQUES.putUserPolicy, 'iam:PutUserPolicy', p);
    tryOn(SELF_TECHNIQUES.attachUserPolicy, 'iam:AttachUserPolicy', p);
    const mine = new Set(tc.model.groupsOf(p));
    for (const g of mine) {
      tryOn(SELF_TECHNIQUES.attachGroupPolicy, 'iam:AttachGroupPolicy', g);
      tryOn(SELF_TECHNIQUES.putGroupPolicy, 'iam:PutGroupPolicy', g);
    }
    if (tc.mayAllow(p, 'iam:AddUserToGroup', `arn:aws:iam::${account}:group/`)) {
      for (const g of tc.groups(account)) if (!mine.has(g)) tryOn(SELF_TECHNIQUES.addUserToGroup, 'iam:AddUserToGroup', g, g);
    }
  }
  return out;
}

/**
 * What joining a group gives (after iam:AddUserToGroup): any member can use the group's
 * policies to make itself admin: rewrite the group's policies, or its own user policies.
 */
export function detectGroupMemberEscalation(tc: TechniqueContext, group: string): EscalationFinding[] {
  const account = tc.model.node(group)?.account;
  if (!account) return [];
  const admin = adminNodeId(account);
  const member = `arn:aws:iam::${account}:user/blastmap-new-member`;
  const out: EscalationFinding[] = [];
  const attempt = (technique: TechniqueInfo, action: string, resource: string) => {
    if (!tc.mayAllow(group, action)) return;
    const c = tc.check(group, action, resource);
    if (usable(c.decision)) out.push({ technique, source: group, target: admin, via: resource === group ? undefined : resource === member ? 'any member of the group' : resource, checks: [c], conditional: c.decision.decision !== 'allowed', notes: ['any member of the group can do this'] });
  };
  attempt(SELF_TECHNIQUES.attachGroupPolicy, 'iam:AttachGroupPolicy', group);
  attempt(SELF_TECHNIQUES.putGroupPolicy, 'iam:PutGroupPolicy', group);
  attempt(SELF_TECHNIQUES.putUserPolicy, 'iam:PutUserPolicy', member);
  attempt(SELF_TECHNIQUES.attachUserPolicy, 'iam:AttachUserPolicy', member);
  for (const pol of tc.model.attachedPolicyIds(group)) {
    const pa = tc.model.node(pol);
    if (pa?.kind === 'managedPolicy' && pa.attributes.awsManaged !== true) attempt(SELF_TECHNIQUES.createPolicyVersion, 'iam:CreatePolicyVersion', pol);
  }
  return out;
}
