/** Help for the AWS self-escalation techniques (iam-self.ts, admin.ts): changing one's own permissions. */
import type { Help } from '../../../explain/help';
import { GUIDE, pf, SAR } from './help-refs';

export const SELF_HELP: Record<string, Help> = {
  'iam-001': {
    title: 'Rewrite a customer-managed policy attached to oneself',
    meaning:
      'The source can publish a new default version of a customer-managed policy that already applies to it (attached to the user, its group or the role), so it can rewrite its own permissions into an administrator\'s.',
    attack:
      'Write a document allowing `*` on `*` and publish it as the default in one call: `aws iam create-policy-version --policy-arn arn:aws:iam::ACCOUNT:policy/POLICY --policy-document file://admin.json --set-as-default`. A policy already holding five versions needs one removed first (`aws iam delete-policy-version`).',
    remediation:
      'Remove iam:CreatePolicyVersion from non-administrators, or scope its Resource to policies that are attached to no one it could benefit; deny it in a permissions boundary or SCP outside the IAM pipeline; alert on CreatePolicyVersion events with setAsDefault=true in CloudTrail.',
    references: [pf('iam-001'), GUIDE.versions, SAR.iam],
  },
  'iam-005': {
    title: 'Add an inline policy to one\'s own role',
    meaning: 'A session of the source role can write an inline policy onto the role itself and so grant the role (and every later session of it) any permission.',
    attack:
      'From inside the role\'s session: `aws iam put-role-policy --role-name SELF_ROLE --policy-name ops --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\'`; the new rights apply to the current session within seconds.',
    remediation:
      'Exclude the role\'s own ARN from iam:PutRolePolicy (a Deny on Resource `${aws:PrincipalArn}`), or drop the permission entirely; require that any role it edits carries a permissions boundary (condition iam:PermissionsBoundary) so inline grants cannot exceed it.',
    references: [pf('iam-005'), GUIDE.boundaries, SAR.iam],
  },
  'iam-007': {
    title: 'Add an inline policy to oneself (user)',
    meaning: 'The source user can write an inline policy onto its own user, granting itself anything.',
    attack:
      '`aws iam put-user-policy --user-name $(aws sts get-caller-identity --query Arn --output text | cut -d/ -f2) --policy-name selfservice --policy-document file://admin.json`. The usual cause is a "manage your own user" statement on `user/${aws:username}` that lists iam:* instead of credential actions only.',
    remediation:
      'Limit self-service statements on `user/${aws:username}` to credential actions (iam:ChangePassword, iam:CreateAccessKey, MFA device actions), never iam:PutUserPolicy; if users must manage policies, require a permissions boundary on the user.',
    references: [pf('iam-007'), GUIDE.managedVsInline, SAR.iam],
  },
  'iam-008': {
    title: 'Attach a managed policy to oneself (user)',
    meaning: 'The source user can attach any managed policy to its own user, AdministratorAccess included.',
    attack: '`aws iam attach-user-policy --user-name MY_USER --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`, then check with `aws iam list-attached-user-policies --user-name MY_USER`.',
    remediation:
      'Remove iam:AttachUserPolicy on the user\'s own ARN; where attaching is a legitimate duty, restrict which policies with a condition `ArnEquals iam:PolicyARN` listing the approved ones, and back it with a permissions boundary.',
    references: [pf('iam-008'), GUIDE.boundaries, SAR.iam],
  },
  'iam-009': {
    title: 'Attach a managed policy to one\'s own role',
    meaning: 'A session of the source role can attach any managed policy, AdministratorAccess included, to the role it is running as.',
    attack: 'From the role session: `aws iam attach-role-policy --role-name SELF_ROLE --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`; a compromised workload (Lambda, EC2, CI runner) holding this role does it with its own credentials.',
    remediation:
      'Do not grant iam:AttachRolePolicy to workload roles; when a deployment role needs it, scope Resource to the roles it deploys (not itself) and restrict iam:PolicyARN to approved policies; enforce a permissions boundary on roles it may touch.',
    references: [pf('iam-009'), GUIDE.boundaries, SAR.iam],
  },
  'iam-010': {
    title: 'Attach a managed policy to one\'s own group',
    meaning: 'The source user can attach any managed policy to a group it belongs to; every member of the group, the source included, then holds it.',
    attack: '`aws iam list-groups-for-user --user-name MY_USER` to find the group, then `aws iam attach-group-policy --group-name GROUP --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`. The whole group becomes administrator, so this is noisy but immediate.',
    remediation:
      'Keep iam:AttachGroupPolicy off the members of the group it targets; scope it to groups the holder administers but does not belong to, with an iam:PolicyARN condition listing the policies allowed.',
    references: [pf('iam-010'), GUIDE.groups, SAR.iam],
  },
  'iam-011': {
    title: 'Add an inline policy to one\'s own group',
    meaning: 'The source user can write an inline policy onto a group it belongs to, granting every member (itself included) any permission.',
    attack: '`aws iam put-group-policy --group-name GROUP --policy-name maintenance --policy-document file://admin.json`; an inline group policy is less visible than an attached one in consoles that list managed policies only.',
    remediation: 'Remove iam:PutGroupPolicy from the group\'s own members and from broad "IAM helper" policies; manage group policies through reviewed infrastructure-as-code only, and alert on PutGroupPolicy events.',
    references: [pf('iam-011'), GUIDE.managedVsInline, SAR.iam],
  },
  'iam-013': {
    title: 'Join a more privileged group',
    meaning: 'The source user can add itself to the target group and inherit everything the group grants.',
    attack: '`aws iam list-groups` and `aws iam list-attached-group-policies --group-name GROUP` to pick the strongest group, then `aws iam add-user-to-group --group-name GROUP --user-name MY_USER`.',
    remediation:
      'Scope iam:AddUserToGroup to the specific groups a help-desk role manages and exclude administrative groups explicitly with a Deny; alert on AddUserToGroup for privileged groups; prefer role assumption over group membership for admin access.',
    references: [pf('iam-013'), GUIDE.groups, SAR.iam],
  },
  'blastmap-set-default-policy-version': {
    title: 'Restore an older, administrator version of one\'s own policy',
    meaning:
      'A customer-managed policy attached to the source keeps a non-default version that would make it administrator, and the source can make that version the default again (iam:SetDefaultPolicyVersion): no new document is needed.',
    attack:
      '`aws iam list-policy-versions --policy-arn POLICY_ARN`, read each with `aws iam get-policy-version --policy-arn POLICY_ARN --version-id v2`, then `aws iam set-default-policy-version --policy-arn POLICY_ARN --version-id v2`. Versions left behind by a past "temporary" broadening are the usual prize.',
    remediation:
      'Delete non-default versions that grant more than the current one (`aws iam delete-policy-version --policy-arn POLICY_ARN --version-id v2`); remove iam:SetDefaultPolicyVersion from anyone the policy applies to; alert on SetDefaultPolicyVersion events.',
    references: [GUIDE.versions, SAR.iam],
  },
  'blastmap-admin': {
    title: 'Already administrator',
    meaning:
      'The source already holds administrator-equivalent permissions in its account: full IAM write (create users, attach and write policies, rewrite trusts, pass roles) plus broad data and compute access. There is nothing left to escalate; it can become any identity of the account.',
    attack:
      'Use the rights directly and make them last: `aws iam create-user --user-name backup-admin`, `aws iam attach-user-policy --user-name backup-admin --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`, `aws iam create-access-key --user-name backup-admin`; then read secrets and data (`aws secretsmanager get-secret-value`).',
    remediation:
      'Cut the principal down to least privilege (IAM Access Analyzer policy generation from its CloudTrail history); keep administrator access for a few break-glass roles that require MFA (aws:MultiFactorAuthPresent) and are monitored; apply SCPs that forbid creating IAM users and access keys outside the IAM pipeline.',
    references: [{ label: 'AWS managed policy: AdministratorAccess', url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html' }, SAR.iam],
  },
};
