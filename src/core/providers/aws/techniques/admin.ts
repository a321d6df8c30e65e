/**
 * Admin-equivalent principals: those that can do everything, not only those with `*:*`. A
 * principal is admin-equivalent when every probe below is allowed on a fresh resource of its
 * account: full IAM control (so it can grant itself anything) plus broad data and compute
 * access. Conditional probes make it a conditional admin.
 */
import type { TechniqueContext } from './context';
import type { CompiledPolicy } from '../eval/compile';
import { evaluate, type PrincipalPolicies } from '../eval/evaluate';
import { adminNodeId, type EscalationFinding, type PermissionCheck, type TechniqueInfo } from './types';

export const ADMIN_TECHNIQUE: TechniqueInfo = { id: 'blastmap-admin', name: 'Admin-equivalent permissions', category: 'self-escalation', coverage: 'modelled' };

const PROBES: [string, (acct: string) => string][] = [
  ['iam:CreateUser', (a) => `arn:aws:iam::${a}:user/blastmap-probe`],
  ['iam:AttachUserPolicy', (a) => `arn:aws:iam::${a}:user/blastmap-probe`],
  ['iam:PutRolePolicy', (a) => `arn:aws:iam::${a}:role/blastmap-probe`],
  ['iam:UpdateAssumeRolePolicy', (a) => `arn:aws:iam::${a}:role/blastmap-probe`],
  ['iam:CreatePolicyVersion', (a) => `arn:aws:iam::${a}:policy/blastmap-probe`],
  ['iam:PassRole', (a) => `arn:aws:iam::${a}:role/blastmap-probe`],
  ['s3:GetObject', () => 'arn:aws:s3:::blastmap-probe/object'],
  ['s3:PutBucketPolicy', () => 'arn:aws:s3:::blastmap-probe'],
  ['ec2:RunInstances', (a) => `arn:aws:ec2:us-east-1:${a}:instance/*`],
  ['lambda:UpdateFunctionCode', (a) => `arn:aws:lambda:us-east-1:${a}:function:blastmap-probe`],
  ['secretsmanager:GetSecretValue', (a) => `arn:aws:secretsmanager:us-east-1:${a}:secret:blastmap-probe-AbCdEf`],
  ['kms:CreateGrant', (a) => `arn:aws:kms:us-east-1:${a}:key/00000000-0000-0000-0000-000000000000`],
];

/**
 * Would the principal be admin-equivalent if one of its policies were replaced by another
 * document (e.g. an older policy version made default again)? Denies elsewhere still apply.
 */
export function adminWithPolicy(tc: TechniqueContext, p: string, policyId: string, replacement: CompiledPolicy): boolean {
  const pp = tc.model.principalPolicies(p);
  const swapped: PrincipalPolicies = { ...pp, identity: pp.identity.map((c) => (c.id === policyId ? replacement : c)) };
  const account = pp.facts.account ?? '000000000000';
  return PROBES.every(([action, resource]) => {
    const r = resource(account);
    const d = evaluate(swapped, action, r, tc.model.resourceSide(action, r)).decision;
    return d === 'allowed' || (action.startsWith('kms:') && d === 'not allowed');
  });
}

/** Undefined when not admin-equivalent; otherwise the finding, edge to the account's admin node. */
export function detectAdmin(tc: TechniqueContext, p: string): EscalationFinding | undefined {
  const account = tc.model.node(p)?.account;
  if (!account) return undefined;
  if (!PROBES.every(([action]) => tc.mayAllow(p, action))) return undefined;
  const checks: PermissionCheck[] = [];
  for (const [action, resource] of PROBES) {
    // The KMS probe key has no key policy in the export: judge IAM permissions alone.
    const c = tc.check(p, action, resource(account));
    const d = c.decision.decision;
    const iamOnlyKms = action.startsWith('kms:') && d === 'not allowed' && c.decision.allowedBy.some((m) => m.source === 'identity' && m.result !== false);
    if (d !== 'allowed' && d !== 'conditional' && !iamOnlyKms) return undefined;
    checks.push(c);
  }
  return { technique: ADMIN_TECHNIQUE, source: p, target: adminNodeId(account), checks, conditional: checks.some((c) => c.decision.decision === 'conditional'), notes: [] };
}
