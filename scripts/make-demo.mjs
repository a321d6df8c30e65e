#!/usr/bin/env node
/**
 * Writes the built-in demo environment to public/demo: "Northwind Parcel", a fictional logistics
 * company with a production AWS account in an Organization. Every file is in the exact format the
 * AWS CLI v2 prints, so the demo takes the same import path as an analyst's own exports.
 * The list of files is public/demo.json. Run: node scripts/make-demo.mjs (output is committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'demo');
const A = '210987654321'; // production
const MGMT = '999900001111'; // organization management account
const VENDOR = '464622532012'; // monitoring vendor (third party)
const arn = (kind, name, path = '/') => `arn:aws:iam::${A}:${kind}${path}${name}`;
const d = (s) => `${s}+00:00`;
const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
const allow = (Action, Resource = '*', extra = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action, Resource = '*', extra = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

const awsPolicy = (name, document, created, path = '/') => ({
  PolicyName: name, PolicyId: `ANPA${name.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 17).padEnd(17, 'X')}`,
  Arn: `arn:aws:iam::aws:policy${path}${name}`, Path: path, DefaultVersionId: 'v1', AttachmentCount: 1,
  PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: d(created), UpdateDate: d(created),
  PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: d(created) }],
});
const policy = (name, document, created, opts = {}) => ({
  PolicyName: name, PolicyId: `ANPA${name.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 17).padEnd(17, 'Q')}`,
  Arn: arn('policy', name), Path: '/', DefaultVersionId: opts.versions ? opts.versions.at(-1).VersionId : 'v1',
  AttachmentCount: opts.attachments ?? 1, PermissionsBoundaryUsageCount: opts.boundaryUses ?? 0, IsAttachable: true,
  Description: opts.description, CreateDate: d(created), UpdateDate: d(opts.updated ?? created),
  PolicyVersionList: opts.versions ?? [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: d(created) }],
});
const attach = (...names) => names.map((n) => (n.startsWith('aws:') ? { PolicyName: n.slice(4), PolicyArn: `arn:aws:iam::aws:policy/${n.slice(4)}` } : { PolicyName: n, PolicyArn: arn('policy', n) }));
const tags = (o) => Object.entries(o).map(([Key, Value]) => ({ Key, Value }));

const ADMIN = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const POWER = doc(
  { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
  allow(['account:GetAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization']),
);

const user = (name, created, groups, policies, extra = {}) => ({
  Path: extra.path ?? '/', UserName: name, UserId: `AIDA${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'Z').slice(0, 17)}`,
  Arn: arn('user', name, extra.path ?? '/'), CreateDate: d(created), GroupList: groups, AttachedManagedPolicies: attach(...policies),
  ...(extra.inline ? { UserPolicyList: extra.inline } : {}), ...(extra.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('policy', extra.boundary) } } : {}),
  Tags: tags(extra.tags ?? {}),
});
const group = (name, created, policies, inline) => ({
  Path: '/', GroupName: name, GroupId: `AGPA${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'G').slice(0, 17)}`, Arn: arn('group', name), CreateDate: d(created),
  GroupPolicyList: inline ?? [], AttachedManagedPolicies: attach(...policies),
});
const trust = (...Statement) => doc(...Statement);
const role = (name, created, trustDoc, policies, extra = {}) => ({
  Path: extra.path ?? '/', RoleName: name, RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'R').slice(0, 17)}`,
  Arn: arn('role', name, extra.path ?? '/'), CreateDate: d(created), AssumeRolePolicyDocument: trustDoc,
  InstanceProfileList: extra.profiles ?? [], RolePolicyList: extra.inline ?? [], AttachedManagedPolicies: attach(...policies),
  ...(extra.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('policy', extra.boundary) } } : {}),
  Tags: tags(extra.tags ?? {}), RoleLastUsed: extra.lastUsed ? { LastUsedDate: d(extra.lastUsed), Region: 'eu-west-1' } : {},
});
const service = (svc) => ({ Effect: 'Allow', Principal: { Service: svc }, Action: 'sts:AssumeRole' });
const GH = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const SSO = `arn:aws:iam::${A}:saml-provider/AWSSSO_4f2d8c1e9b7a6d35_DO_NOT_DELETE`;
// The EKS cluster northwind-prod's service-account token issuer (IRSA).
const EKS_ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/5C1F0E2D3B4A59687706F5E4D3C2B1A0';
const EKS_OIDC = `arn:aws:iam::${A}:oidc-provider/${EKS_ISSUER}`;
const irsa = (ns, sa) => ({ Effect: 'Allow', Principal: { Federated: EKS_OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${EKS_ISSUER}:sub`]: `system:serviceaccount:${ns}:${sa}`, [`${EKS_ISSUER}:aud`]: 'sts.amazonaws.com' } } });
const github = (sub) => ({ Effect: 'Allow', Principal: { Federated: GH }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } } });
const sso = { Effect: 'Allow', Principal: { Federated: SSO }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } };

const S = (name) => `arn:aws:secretsmanager:eu-west-1:${A}:secret:${name}`;
const SECRETS = {
  db: S('prod/api/postgres-9fK2qL'), stripe: S('prod/billing/stripe-api-key-Xc81Tb'), gh: S('prod/ci/github-deploy-token-pQ3zW7'),
  grafana: S('prod/observability/grafana-admin-h7Yt2M'), rds: S('rds!cluster-5d3b6a1c-8e2f-4c7a-9b1d-0a6e4f2c8d91-Lk9PzA'),
  // Holds the client secret of the Entra application nw-aws-bridge (secret-mapping.csv says so).
  azure: S('prod/azure/nw-aws-bridge-client-secret-Qm4Vt8'),
};
const BUCKETS = { backups: 'northwind-parcel-prod-backups', artifacts: 'northwind-parcel-ci-artifacts', lake: 'northwind-parcel-data-lake', tfstate: 'northwind-parcel-terraform-state', uploads: 'northwind-parcel-customer-uploads' };
const b = (k, sub = '') => `arn:aws:s3:::${BUCKETS[k]}${sub}`;
const KEY_ID = '7c1e2a9d-4b3f-4e8a-9d21-5f6a7b8c9d0e';
const KEY = `arn:aws:kms:eu-west-1:${A}:key/${KEY_ID}`;

const policies = [
  awsPolicy('AdministratorAccess', ADMIN, '2015-02-06T18:39:46'),
  awsPolicy('PowerUserAccess', POWER, '2015-02-06T18:39:47'),
  policy('DeveloperAccess', doc(allow(['ecs:*', 'ecr:*', 'logs:*', 'cloudwatch:Get*', 'cloudwatch:List*', 'lambda:Get*', 'lambda:List*', 'lambda:InvokeFunction']), allow('ssm:StartSession', `arn:aws:ec2:eu-west-1:${A}:instance/*`), allow(['s3:GetObject', 's3:ListBucket'], [b('artifacts'), b('artifacts', '/*')]), deny(['secretsmanager:GetSecretValue'], S('prod/*'))), '2021-04-12T09:14:02', { attachments: 2, description: 'Day-to-day access for product engineers' }),
  policy('DeveloperBoundary', doc(allow(['ecs:*', 'ecr:*', 'logs:*', 'cloudwatch:*', 'lambda:*', 's3:*', 'sqs:*']), deny(['iam:*', 'organizations:*'])), '2021-04-12T09:15:40', { boundaryUses: 1, attachments: 0, description: 'Permissions boundary for engineers' }),
  policy('CIDeployLegacy', null, '2019-06-03T11:20:00', {
    description: 'Jenkins deploy user (pre-OIDC)', updated: '2022-01-18T16:02:11',
    versions: [
      { Document: doc(allow('iam:*'), allow(['lambda:*', 's3:*'])), VersionId: 'v1', IsDefaultVersion: false, CreateDate: d('2019-06-03T11:20:00') },
      { Document: doc(allow(['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:CreateFunction', 'lambda:InvokeFunction']), allow('iam:PassRole', arn('role', '*')), allow(['s3:PutObject', 's3:GetObject'], b('artifacts', '/*')), allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], arn('policy', 'CIDeployLegacy'))), VersionId: 'v2', IsDefaultVersion: true, CreateDate: d('2022-01-18T16:02:11') },
    ],
  }),
  policy('BackupWriter', doc(allow(['s3:PutObject', 's3:ListBucket', 's3:GetObject'], [b('backups'), b('backups', '/*')]), allow(['kms:GenerateDataKey', 'kms:Decrypt'], KEY)), '2020-09-21T07:45:10'),
  policy('GrafanaReadMetrics', doc(allow(['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'logs:FilterLogEvents', 'tag:GetResources']), allow('secretsmanager:GetSecretValue', SECRETS.grafana)), '2020-02-14T13:02:55'),
  policy('TerraformState', doc(allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], [b('tfstate'), b('tfstate', '/*')]), allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], `arn:aws:dynamodb:eu-west-1:${A}:table/terraform-locks`)), '2020-11-02T10:11:12', { attachments: 2 }),
  policy('DeployECS', doc(allow(['ecs:UpdateService', 'ecs:RegisterTaskDefinition', 'ecs:DescribeServices', 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:GetAuthorizationToken']), allow('iam:PassRole', arn('role', 'api-ecs-task'), { Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }), allow('s3:PutObject', b('artifacts', '/*'))), '2023-03-30T15:40:00'),
  policy('ApiTaskRuntime', doc(allow('secretsmanager:GetSecretValue', SECRETS.db), allow(['s3:PutObject', 's3:GetObject'], b('uploads', '/*')), allow('kms:Decrypt', KEY)), '2023-03-30T15:41:00'),
  policy('BillingLambdaRuntime', doc(allow('secretsmanager:GetSecretValue', SECRETS.stripe), allow(['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:eu-west-1:${A}:log-group:/aws/lambda/billing-*`)), '2022-05-09T08:00:00'),
  policy('DataLakeReadWrite', doc(allow(['s3:*'], [b('lake'), b('lake', '/*')]), allow(['glue:*', 'athena:*'])), '2021-08-17T12:00:00'),
  policy('PaymentsApiRuntime', doc(allow('secretsmanager:GetSecretValue', SECRETS.db), allow(['s3:GetObject', 's3:PutObject'], b('uploads', '/*')), allow('kms:Decrypt', KEY)), '2024-02-12T10:00:00'),
  policy('AzureSyncSecretRead', doc(allow('secretsmanager:GetSecretValue', SECRETS.azure)), '2025-09-01T10:00:00', { description: 'The azure-sync workflow reads the bridge application\'s client secret' }),
  policy('AuditRead', doc(allow(['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport', 'cloudtrail:LookupEvents', 'config:Describe*', 'securityhub:Get*', 's3:GetBucketPolicy', 'kms:GetKeyPolicy', 'secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'])), '2020-01-07T09:30:00', { attachments: 2 }),
];

const users = [
  user('alice.ng', '2019-03-11T09:00:00', ['Admins'], [], { tags: { team: 'platform', owner: 'alice.ng@northwind-parcel.example' } }),
  user('bruno.diaz', '2021-04-12T09:20:00', ['Developers'], [], { boundary: 'DeveloperBoundary', tags: { team: 'api' } }),
  user('chen.li', '2022-07-01T10:05:00', ['Developers'], [], { tags: { team: 'billing' } }),
  user('dana.okafor', '2020-01-07T09:31:00', ['SecurityAudit'], [], { tags: { team: 'security' } }),
  user('eve.contractor', '2023-05-02T12:00:00', ['Developers'], ['aws:PowerUserAccess'], { tags: { team: 'contractors', expires: '2024-06-30' } }),
  user('svc-jenkins-deploy', '2019-06-03T11:25:00', [], ['CIDeployLegacy'], { path: '/service/', tags: { system: 'jenkins' } }),
  user('svc-backup', '2020-09-21T07:46:00', [], ['BackupWriter'], { path: '/service/', tags: { system: 'backup', owner: 'platform' } }),
  user('svc-grafana', '2020-02-14T13:03:00', [], ['GrafanaReadMetrics'], { path: '/service/' }),
  user('svc-terraform', '2020-11-02T10:12:00', [], ['aws:AdministratorAccess', 'TerraformState'], { path: '/service/', inline: [{ PolicyName: 'allow-assume-any', PolicyDocument: doc(allow('sts:AssumeRole', 'arn:aws:iam::*:role/*')) }] }),
];
const groups = [
  group('Admins', '2019-03-11T08:55:00', ['aws:AdministratorAccess']),
  group('Developers', '2021-04-12T09:10:00', ['DeveloperAccess'], [{ PolicyName: 'assume-data-pipeline', PolicyDocument: doc(allow('sts:AssumeRole', arn('role', 'data-pipeline'))) }]),
  group('SecurityAudit', '2020-01-07T09:29:00', ['AuditRead']),
];
const bastionProfile = { Path: '/', InstanceProfileName: 'bastion-profile', InstanceProfileId: 'AIPABASTIONPROFILE01', Arn: `arn:aws:iam::${A}:instance-profile/bastion-profile`, CreateDate: d('2020-03-03T10:00:00'), Roles: [{ Path: '/', RoleName: 'ec2-bastion', RoleId: 'AROAECBASTIONRRRRRRR', Arn: arn('role', 'ec2-bastion'), CreateDate: d('2020-03-03T09:59:00'), AssumeRolePolicyDocument: trust(service('ec2.amazonaws.com')) }] };
const roles = [
  role('OrganizationAccountAccessRole', '2019-03-10T17:00:00', trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' }), ['aws:AdministratorAccess'], { lastUsed: '2026-10-02T08:12:00' }),
  role('github-actions-deploy', '2023-03-30T15:45:00', trust(github('repo:northwind-parcel/api:ref:refs/heads/main')), ['DeployECS'], { tags: { owner: 'platform', repo: 'northwind-parcel/api' }, lastUsed: '2026-11-21T17:03:00' }),
  role('github-actions-terraform', '2023-06-12T11:00:00', trust(github('repo:northwind-parcel/*')), ['aws:AdministratorAccess', 'TerraformState'], { tags: { repo: 'northwind-parcel/infrastructure' }, lastUsed: '2026-11-20T22:40:00' }),
  role('github-actions-azure-sync', '2025-09-01T10:05:00', trust(github('repo:northwind-parcel/azure-sync:ref:refs/heads/main')), ['AzureSyncSecretRead'], { tags: { owner: 'platform', repo: 'northwind-parcel/azure-sync' }, lastUsed: '2026-11-21T23:10:00' }),
  role('api-ecs-task', '2023-03-30T15:42:00', trust(service('ecs-tasks.amazonaws.com')), ['ApiTaskRuntime'], { tags: { owner: 'api', service: 'api' }, lastUsed: '2026-11-22T05:55:00' }),
  role('billing-lambda', '2022-05-09T08:01:00', trust(service('lambda.amazonaws.com')), ['BillingLambdaRuntime'], { tags: { owner: 'billing' }, lastUsed: '2026-11-22T04:00:00' }),
  role('ec2-bastion', '2020-03-03T09:59:00', trust(service('ec2.amazonaws.com')), [], { profiles: [bastionProfile], inline: [{ PolicyName: 'ssm-core', PolicyDocument: doc(allow(['ssm:UpdateInstanceInformation', 'ssmmessages:*', 'ec2messages:*'])) }, { PolicyName: 'read-backups', PolicyDocument: doc(allow(['s3:GetObject', 's3:ListBucket'], [b('backups'), b('backups', '/*')])) }], lastUsed: '2026-11-21T09:00:00' }),
  role('vendor-monitoring', '2021-01-15T14:00:00', trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'nwp-7f3a9c21' } } }), ['AuditRead'], { tags: { vendor: 'acme-monitoring' }, lastUsed: '2026-11-22T06:00:00' }),
  role('data-pipeline', '2021-08-17T12:05:00', trust(service('glue.amazonaws.com'), { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }), ['DataLakeReadWrite'], { lastUsed: '2026-11-21T02:00:00' }),
  role('break-glass', '2019-03-12T10:00:00', trust({ Effect: 'Allow', Principal: { AWS: arn('user', 'alice.ng') }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), ['aws:AdministratorAccess'], { tags: { owner: 'security' } }),
  role('AWSReservedSSO_AdministratorAccess_8a1f2e3d4c5b6a79', '2022-02-01T09:00:00', trust(sso), ['aws:AdministratorAccess'], { path: '/aws-reserved/sso.amazonaws.com/eu-west-1/', lastUsed: '2026-11-21T16:20:00' }),
  role('AWSReservedSSO_Developer_1b2c3d4e5f6a7b8c', '2022-02-01T09:00:00', trust(sso), ['DeveloperAccess'], { path: '/aws-reserved/sso.amazonaws.com/eu-west-1/', lastUsed: '2026-11-22T07:45:00' }),
  role('payments-api-irsa', '2024-02-12T10:05:00', trust(irsa('payments', 'payments-api')), ['PaymentsApiRuntime'], { tags: { owner: 'payments', cluster: 'northwind-prod' }, lastUsed: '2026-11-22T07:58:00' }),
  role('AWSServiceRoleForSupport', '2019-03-10T17:05:00', trust(service('support.amazonaws.com')), [], { path: '/aws-service-role/support.amazonaws.com/' }),
];
const gaad = { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies };

/** When the demo's exports were taken (every date in them is before it). */
const DEMO_AS_OF = '2026-11-22T08:05:00+00:00';

// Credential report (22 columns), as the console or `base64 -d` gives it.
const H = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const NA = 'N/A';
const key = (active, rotated, used, region = 'eu-west-1', svc = 's3') => (rotated ? [active, d(rotated), used ? d(used) : NA, used ? region : NA, used ? svc : NA] : ['false', NA, NA, NA, NA]);
const row = (name, path, created, pw, pwUsed, mfa, k1, k2) => [name, name === '<root_account>' ? `arn:aws:iam::${A}:root` : arn('user', name, path), d(created), pw, pwUsed ? d(pwUsed) : pw === 'true' ? 'no_information' : NA, pw === 'true' ? d(created) : NA, NA, mfa, ...k1, ...k2, 'false', NA, 'false', NA].join(',');
const report = [H,
  ['<root_account>', `arn:aws:iam::${A}:root`, d('2019-03-10T16:58:00'), 'not_supported', d('2024-02-19T10:00:00'), 'not_supported', 'not_supported', 'true', ...key('false'), ...key('false'), 'false', NA, 'false', NA].join(','),
  row('alice.ng', '/', '2019-03-11T09:00:00', 'true', '2026-11-21T08:30:00', 'true', key('false'), key('false')),
  row('bruno.diaz', '/', '2021-04-12T09:20:00', 'true', '2026-11-20T14:10:00', 'false', key('true', '2025-10-01T09:00:00', '2026-11-19T11:00:00', 'eu-west-1', 'ecs'), key('false')),
  row('chen.li', '/', '2022-07-01T10:05:00', 'true', '2026-11-21T09:12:00', 'true', key('false'), key('false')),
  row('dana.okafor', '/', '2020-01-07T09:31:00', 'true', '2026-11-18T16:00:00', 'true', key('false'), key('false')),
  row('eve.contractor', '/', '2023-05-02T12:00:00', 'true', '2024-06-28T17:45:00', 'false', key('true', '2023-05-02T12:05:00', '2024-06-28T17:50:00', 'eu-west-1', 'ec2'), key('false')),
  row('svc-jenkins-deploy', '/service/', '2019-06-03T11:25:00', 'false', null, 'false', key('true', '2019-06-03T11:26:00', '2026-11-21T23:10:00', 'eu-west-1', 'lambda'), key('false')),
  row('svc-backup', '/service/', '2020-09-21T07:46:00', 'false', null, 'false', key('true', '2026-09-01T07:00:00', '2026-11-22T03:00:00', 'eu-west-1', 's3'), key('false')),
  row('svc-grafana', '/service/', '2020-02-14T13:03:00', 'false', null, 'false', key('true', '2020-02-14T13:04:00', '2025-03-02T10:00:00', 'eu-west-1', 'cloudwatch'), key('false', '2021-02-14T13:04:00', null)),
  row('svc-terraform', '/service/', '2020-11-02T10:12:00', 'false', null, 'false', key('true', '2020-11-02T10:13:00', '2026-11-15T21:00:00', 'eu-west-1', 'iam'), key('true', '2022-04-04T09:00:00', null)),
].join('\n') + '\n';

const secretItem = (arnValue, name, created, extra = {}) => ({
  ARN: arnValue, Name: name, Description: extra.description, KmsKeyId: extra.kms, RotationEnabled: extra.rotation ?? false,
  ...(extra.rotation ? { RotationLambdaARN: `arn:aws:lambda:eu-west-1:${A}:function:SecretsManagerRDSPostgreSQLRotation`, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: extra.lastRotated, NextRotationDate: extra.nextRotation } : {}),
  LastChangedDate: extra.changed ?? created, LastAccessedDate: extra.accessed, Tags: tags(extra.tags ?? {}),
  SecretVersionsToStages: { [extra.version ?? '3b9f1d2e-7a6c-4e58-b0d1-2c3e4f5a6b7c']: ['AWSCURRENT'] }, CreatedDate: created,
  ...(extra.owningService ? { OwningService: extra.owningService } : {}),
});
const listSecrets = { SecretList: [
  secretItem(SECRETS.db, 'prod/api/postgres', '2023-03-30T16:00:00.118000+01:00', { description: 'API database credentials', kms: KEY, rotation: true, lastRotated: '2026-11-01T02:00:00+00:00', nextRotation: '2026-12-01T23:59:59+00:00', accessed: '2026-11-22T00:00:00+00:00', tags: { owner: 'api', 'data-class': 'confidential' } }),
  secretItem(SECRETS.stripe, 'prod/billing/stripe-api-key', '2022-05-09T09:00:00.500000+01:00', { description: 'Stripe restricted key', accessed: '2026-11-22T00:00:00+00:00', changed: '2022-05-09T09:00:00.500000+01:00', tags: { owner: 'billing', 'data-class': 'restricted' }, version: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }),
  secretItem(SECRETS.gh, 'prod/ci/github-deploy-token', '2019-06-03T12:00:00.000000+01:00', { description: 'Token Jenkins uses to tag releases', accessed: '2026-11-21T00:00:00+00:00' }),
  secretItem(SECRETS.azure, 'prod/azure/nw-aws-bridge-client-secret', '2025-09-01T11:00:00.000000+01:00', { description: 'Client secret of the Entra application nw-aws-bridge', accessed: '2026-11-21T23:10:00+00:00', tags: { owner: 'platform' } }),
  secretItem(SECRETS.grafana, 'prod/observability/grafana-admin', '2020-02-14T14:00:00.000000+01:00', { accessed: '2025-03-02T00:00:00+00:00', tags: { owner: 'platform' } }),
  secretItem(SECRETS.rds, 'rds!cluster-5d3b6a1c-8e2f-4c7a-9b1d-0a6e4f2c8d91', '2023-03-30T15:00:00.000000+01:00', { description: 'The secret associated with the primary RDS DB cluster', rotation: true, lastRotated: '2026-11-15T00:00:00+00:00', nextRotation: '2026-11-22T23:59:59+00:00', owningService: 'rds', tags: { 'aws:secretsmanager:owningService': 'rds', 'aws:rds:primaryDBClusterArn': `arn:aws:rds:eu-west-1:${A}:cluster:api-prod` } }),
] };

const stripePolicy = { ARN: SECRETS.stripe, Name: 'prod/billing/stripe-api-key', ResourcePolicy: JSON.stringify(doc(
  { Sid: 'BillingLambdaOnly', Effect: 'Allow', Principal: { AWS: arn('role', 'billing-lambda') }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
  { Sid: 'DenyOutsideOrg', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-nwp4k2x9qz' } } },
)) };
const backupsPolicy = { Policy: JSON.stringify(doc(
  { Sid: 'BackupWriter', Effect: 'Allow', Principal: { AWS: arn('user', 'svc-backup', '/service/') }, Action: ['s3:PutObject', 's3:GetObject'], Resource: b('backups', '/*') },
  { Sid: 'VendorRestoreTests', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 's3:GetObject', Resource: b('backups', '/restore-tests/*') },
  { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [b('backups'), b('backups', '/*')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
)) };
const uploadsPolicy = { Policy: JSON.stringify(doc(
  { Sid: 'PublicThumbnails', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: b('uploads', '/public/thumbnails/*') },
)) };
const keyPolicy = { Policy: JSON.stringify(doc(
  { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
  { Sid: 'Allow use by backup and API', Effect: 'Allow', Principal: { AWS: [arn('user', 'svc-backup', '/service/'), arn('role', 'api-ecs-task')] }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
)), PolicyName: 'default' };

const scp = { Policy: { PolicySummary: { Id: 'p-7x2k9qfm', Arn: `arn:aws:organizations::${MGMT}:policy/o-nwp4k2x9qz/service_control_policy/p-7x2k9qfm`, Name: 'guardrails-workloads', Description: 'Deny leaving the org and disabling CloudTrail', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false },
  Content: JSON.stringify(doc({ Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }, { Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalARN': `arn:aws:iam::*:role/OrganizationAccountAccessRole` } } })) } };
const scpTargets = { Targets: [{ TargetId: 'ou-nwp1-wk7d3s9a', Arn: `arn:aws:organizations::${MGMT}:ou/o-nwp4k2x9qz/ou-nwp1-wk7d3s9a`, Name: 'Workloads', Type: 'ORGANIZATIONAL_UNIT' }, { TargetId: A, Arn: `arn:aws:organizations::${MGMT}:account/o-nwp4k2x9qz/${A}`, Name: 'northwind-prod', Type: 'ACCOUNT' }] };
const providers = { SAMLProviderList: [{ Arn: SSO, ValidUntil: '2122-02-01T09:00:00+00:00', CreateDate: '2022-02-01T09:00:00+00:00' }], OpenIDConnectProviderList: [{ Arn: GH }, { Arn: EKS_OIDC }] };
const buckets = { Buckets: Object.values(BUCKETS).map((Name, i) => ({ Name, CreationDate: d(`202${i}-0${i + 1}-15T10:00:00`) })), Owner: { DisplayName: 'northwind-prod', ID: '5f1e0c0a9d8b7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e' } };

const functions = { Functions: [
  { FunctionName: 'billing-charge', FunctionArn: `arn:aws:lambda:eu-west-1:${A}:function:billing-charge`, Runtime: 'python3.12', Role: arn('role', 'billing-lambda'), Handler: 'app.handler', CodeSize: 48213, Timeout: 30, MemorySize: 512, LastModified: '2026-10-30T09:12:44.000+0000', Version: '$LATEST', PackageType: 'Zip', Architectures: ['arm64'] },
] };
const instances = { Reservations: [{ Groups: [], OwnerId: A, ReservationId: 'r-0b7c1d2e3f4a5b6c7', Instances: [
  { InstanceId: 'i-0a1b2c3d4e5f60718', InstanceType: 't3.micro', ImageId: 'ami-0f3c9a2b1d4e5f607', LaunchTime: d('2026-09-14T08:00:00'), Placement: { AvailabilityZone: 'eu-west-1a', GroupName: '', Tenancy: 'default' }, State: { Code: 16, Name: 'running' }, PrivateIpAddress: '10.20.1.10', PublicIpAddress: '54.78.10.20', IamInstanceProfile: { Arn: bastionProfile.Arn, Id: bastionProfile.InstanceProfileId }, PlatformDetails: 'Linux/UNIX', Tags: tags({ Name: 'bastion', owner: 'platform' }) },
] }] };
const ssmInfo = { InstanceInformationList: [{ InstanceId: 'i-0a1b2c3d4e5f60718', PingStatus: 'Online', LastPingDateTime: '2026-11-22T05:58:00.000000+00:00', AgentVersion: '3.3.1142.0', IsLatestVersion: false, PlatformType: 'Linux', PlatformName: 'Amazon Linux', PlatformVersion: '2023', ResourceType: 'EC2Instance', IPAddress: '10.20.1.10', ComputerName: 'ip-10-20-1-10.eu-west-1.compute.internal' }] };

// The EKS cluster northwind-prod: aws eks describe-cluster, and kubectl output (RBAC, configmaps,
// secrets, workloads). The GitHub deploy role is mapped into the cluster (aws-auth), may create
// workloads in the payments namespace, whose service account is federated back to an AWS role.
const kmeta = (name, namespace, extra = {}) => ({ name, ...(namespace ? { namespace } : {}), uid: `${name}-${namespace ?? 'cluster'}`.replace(/[^a-z0-9]/g, '').padEnd(8, '0').slice(0, 8) + '-1c2d-4e5f-8a9b-0c1d2e3f4a5b', resourceVersion: '48213', creationTimestamp: '2024-02-12T10:00:00Z', ...extra });
const eksCluster = { cluster: {
  name: 'northwind-prod', arn: `arn:aws:eks:eu-west-1:${A}:cluster/northwind-prod`, createdAt: '2023-02-01T10:00:00.000000+00:00', version: '1.31',
  endpoint: 'https://5C1F0E2D3B4A59687706F5E4D3C2B1A0.gr7.eu-west-1.eks.amazonaws.com', roleArn: arn('role', 'eks-cluster-northwind-prod'),
  resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'], securityGroupIds: [], clusterSecurityGroupId: 'sg-0a1b2c3d4e5f60718', vpcId: 'vpc-0a1b2c3d', endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
  kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' }, logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }] },
  identity: { oidc: { issuer: `https://${EKS_ISSUER}` } }, status: 'ACTIVE', platformVersion: 'eks.12', tags: { owner: 'platform' }, accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
} };
const rule = (apiGroups, resources, verbs, resourceNames) => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });
const subject = (kind, name, namespace) => (kind === 'ServiceAccount' ? { kind, name, namespace } : { kind, apiGroup: 'rbac.authorization.k8s.io', name });
const RBAC = 'rbac.authorization.k8s.io/v1';
const kubectlRbac = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: kmeta('payments-api', 'payments', { annotations: { 'eks.amazonaws.com/role-arn': arn('role', 'payments-api-irsa'), 'eks.amazonaws.com/sts-regional-endpoints': 'true' } }) },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: kmeta('default', 'payments') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: kmeta('grafana-agent', 'monitoring') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: kmeta('release-bot', 'ci'), secrets: [{ name: 'release-bot-token-7h2kq' }] },
  // A legacy long-lived token (pre-1.24 style); its value is in the export and must be dropped.
  { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: kmeta('release-bot-token-7h2kq', 'ci', { annotations: { 'kubernetes.io/service-account.name': 'release-bot', 'kubernetes.io/service-account.uid': 'releasebo-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }, labels: { 'kubernetes.io/legacy-token-last-used': '2026-11-20' } }), data: { token: 'ZGVtby1mYWtlLXRva2VuLW5ldmVyLXJlYWw=', 'ca.crt': 'ZGVtby1jYQ==', namespace: 'Y2k=' } },
  { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: kmeta('stripe-webhook-signing', 'payments', { labels: { 'data-class': 'restricted' } }), data: { 'signing-secret': 'ZGVtby1mYWtlLXNpZ25pbmctc2VjcmV0' } },
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: kmeta('cluster-admin'), rules: [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }] },
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: kmeta('ci-deployer'), rules: [rule(['apps'], ['deployments', 'replicasets'], ['get', 'list', 'create', 'update', 'patch']), rule([''], ['pods'], ['get', 'list', 'create', 'delete']), rule([''], ['configmaps', 'services'], ['get', 'list', 'create', 'update', 'patch'])] },
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: kmeta('metrics-reader'), rules: [rule([''], ['pods', 'nodes', 'services', 'endpoints'], ['get', 'list', 'watch']), { nonResourceURLs: ['/metrics'], verbs: ['get'] }] },
  { apiVersion: RBAC, kind: 'Role', metadata: kmeta('read-ci-secrets', 'ci'), rules: [rule([''], ['secrets'], ['get', 'list'])] },
  { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: kmeta('platform-admins'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [subject('Group', 'platform-admins')] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: kmeta('github-deploys-payments', 'payments'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ci-deployer' }, subjects: [subject('Group', 'ci-deployers')] },
  { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: kmeta('grafana-metrics'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'metrics-reader' }, subjects: [subject('ServiceAccount', 'grafana-agent', 'monitoring')] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: kmeta('grafana-reads-ci-secrets', 'ci'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-ci-secrets' }, subjects: [subject('ServiceAccount', 'grafana-agent', 'monitoring')] },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: kmeta('aws-auth', 'kube-system'), data: {
    mapRoles: `- rolearn: ${arn('role', 'github-actions-deploy')}\n  username: github-actions-deploy\n  groups:\n    - ci-deployers\n- rolearn: arn:aws:iam::${A}:role/AWSReservedSSO_AdministratorAccess_8a1f2e3d4c5b6a79\n  username: sso-admin:{{SessionName}}\n  groups:\n    - platform-admins\n`,
    mapUsers: '[]\n',
  } },
] };
const podSpec = (sa, image) => ({ serviceAccountName: sa, containers: [{ name: 'app', image }] });
const kubectlWorkloads = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: kmeta('payments-api', 'payments'), spec: { replicas: 3, selector: { matchLabels: { app: 'payments-api' } }, template: { metadata: { labels: { app: 'payments-api' } }, spec: podSpec('payments-api', `${A}.dkr.ecr.eu-west-1.amazonaws.com/payments-api:2026.11.3`) } } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: kmeta('grafana-agent', 'monitoring'), spec: { selector: { matchLabels: { app: 'grafana-agent' } }, template: { metadata: { labels: { app: 'grafana-agent' } }, spec: podSpec('grafana-agent', 'grafana/agent:v0.43.4') } } },
] };

// The GCP analytics project: its IAM policy, service accounts, a service account's IAM policy that
// lets the AWS data-pipeline role act as it through workload identity federation.
const GP = 'northwind-analytics';
const GPN = '482913573310';
const gsa = (name) => `${name}@${GP}.iam.gserviceaccount.com`;
const gcpProjectPolicy = { bindings: [
  { role: 'roles/owner', members: ['user:alice.ng@northwind-parcel.example', `serviceAccount:${gsa('terraform-gcp')}`] },
  { role: 'roles/bigquery.dataEditor', members: [`serviceAccount:${gsa('bq-loader')}`] },
  { role: 'roles/secretmanager.secretAccessor', members: [`serviceAccount:${gsa('bq-loader')}`], condition: { title: 'until end of migration', expression: 'request.time < timestamp("2027-03-31T00:00:00Z")' } },
  { role: 'roles/viewer', members: ['group:data-eng@northwind-parcel.example'] },
], etag: 'BwYk3nZt1aE=', version: 3 };
const gcpServiceAccounts = [
  { email: gsa('terraform-gcp'), name: `projects/${GP}/serviceAccounts/${gsa('terraform-gcp')}`, projectId: GP, uniqueId: '104829173649201837465', displayName: 'Terraform (run from AWS)', disabled: false, oauth2ClientId: '104829173649201837465', etag: 'MDEwMjE5MjA=' },
  { email: gsa('bq-loader'), name: `projects/${GP}/serviceAccounts/${gsa('bq-loader')}`, projectId: GP, uniqueId: '109372615483920174653', displayName: 'BigQuery loader', disabled: false, oauth2ClientId: '109372615483920174653', etag: 'MDEwMjE5MjA=' },
];
const gcpTerraformSaPolicy = { bindings: [
  { role: 'roles/iam.workloadIdentityUser', members: [`principalSet://iam.googleapis.com/projects/${GPN}/locations/global/workloadIdentityPools/aws-northwind/attribute.aws_role/arn:aws:sts::${A}:assumed-role/data-pipeline`] },
], etag: 'BwYk3nZt1aF=', version: 1 };
// gcloud prints the keys as a JSON array.
const gcpKeys = [
  { name: `projects/${GP}/serviceAccounts/${gsa('bq-loader')}/keys/3f1c9a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f`, validAfterTime: '2023-01-10T09:00:00Z', validBeforeTime: '9999-12-31T23:59:59Z', keyAlgorithm: 'KEY_ALG_RSA_2048', keyOrigin: 'GOOGLE_PROVIDED', keyType: 'USER_MANAGED' },
];

// Azure: the Entra tenant and the production subscription. The application nw-aws-bridge's service
// principal is Owner of the subscription; its client secret is kept in AWS Secrets Manager, read by
// the azure-sync GitHub workflow's role: GitHub -> AWS -> Azure in three steps.
const TENANT = '3f6b2c1d-8e4a-4b7f-9c2d-5a1e0f9b8c7d';
const SUB = '6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const BRIDGE = { appId: '7b2e4f10-3c5d-4e6f-8a9b-0c1d2e3f4a5b', appObject: '8c3f5021-4d6e-4f70-9bac-1d2e3f4a5b6c', sp: '9d40613a-5e7f-4081-acbd-2e3f4a5b6c7d' };
const OPS_USER = { id: 'ae516f4b-6f80-4192-bdce-3f4a5b6c7d8e', upn: 'alice.ng@northwind-parcel.example' };
const azSubscriptions = [{ cloudName: 'AzureCloud', homeTenantId: TENANT, id: SUB, isDefault: true, managedByTenants: [], name: 'northwind-azure-prod', state: 'Enabled', tenantId: TENANT, user: { name: OPS_USER.upn, type: 'user' } }];
const azAssignment = (n, principalId, principalName, principalType, role, roleId, scope) => ({
  condition: null, conditionVersion: null, createdBy: OPS_USER.id, createdOn: '2025-09-01T10:30:00.000000+00:00', delegatedManagedIdentityResourceId: null, description: null,
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/0f1e2d3c-4b5a-4697-8877-66554433221${n}`, name: `0f1e2d3c-4b5a-4697-8877-66554433221${n}`,
  principalId, principalName, principalType, resourceGroup: null, roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`, roleDefinitionName: role, scope,
  type: 'Microsoft.Authorization/roleAssignments', updatedBy: OPS_USER.id, updatedOn: '2025-09-01T10:30:00.000000+00:00',
});
const azRoleAssignments = [
  azAssignment(1, BRIDGE.sp, BRIDGE.appId, 'ServicePrincipal', 'Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', `/subscriptions/${SUB}`),
  azAssignment(2, OPS_USER.id, OPS_USER.upn, 'User', 'Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', `/subscriptions/${SUB}`),
];
// `az ad sp list --all` and `az ad app list --all` print credential metadata only (hint, dates): no value.
const bridgeSecret = { customKeyIdentifier: null, displayName: 'aws-secrets-manager', endDateTime: '2027-09-01T10:00:00Z', hint: 'Xq8', keyId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', secretText: null, startDateTime: '2025-09-01T10:00:00Z' };
const azServicePrincipals = [{
  accountEnabled: true, addIns: [], alternativeNames: [], appDisplayName: 'nw-aws-bridge', appId: BRIDGE.appId, appOwnerOrganizationId: TENANT, appRoles: [],
  createdDateTime: '2025-09-01T10:01:00Z', displayName: 'nw-aws-bridge', id: BRIDGE.sp, keyCredentials: [], passwordCredentials: [], servicePrincipalNames: [BRIDGE.appId],
  servicePrincipalType: 'Application', signInAudience: 'AzureADMyOrg', tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
}];
const azApplications = [{
  appId: BRIDGE.appId, createdDateTime: '2025-09-01T10:00:00Z', displayName: 'nw-aws-bridge', id: BRIDGE.appObject, identifierUris: [], keyCredentials: [], passwordCredentials: [bridgeSecret],
  publisherDomain: 'northwind-parcel.example', requiredResourceAccess: [], signInAudience: 'AzureADMyOrg', tags: [], web: { redirectUris: [] },
}];
// The analyst's secret mapping: what no export says (which identity a secret holds the credential of).
const secretMapping = `secret,identity,note\n${SECRETS.azure},azure:principal:${BRIDGE.sp},client secret of the Entra application nw-aws-bridge (Owner of northwind-azure-prod)\n`;

const files = {
  'iam-get-account-authorization-details.json': gaad,
  // As `aws iam get-credential-report` prints it: its GeneratedTime is the demo's analysis date,
  // so the demo tells the same story whatever day it is opened.
  'iam-get-credential-report.json': { Content: Buffer.from(report).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: DEMO_AS_OF },
  'iam-list-identity-providers.json': providers,
  'secretsmanager-list-secrets.json': listSecrets,
  'secretsmanager-get-resource-policy-stripe.json': stripePolicy,
  's3-list-buckets.json': buckets,
  [`${BUCKETS.backups}.bucket-policy.json`]: backupsPolicy,
  [`${BUCKETS.uploads}.bucket-policy.json`]: uploadsPolicy,
  [`eu-west-1.${KEY_ID}.key-policy.json`]: keyPolicy,
  'organizations-describe-policy-p-7x2k9qfm.json': scp,
  'p-7x2k9qfm.targets.json': scpTargets,
  'lambda-list-functions.json': functions,
  'ec2-describe-instances.json': instances,
  'ssm-describe-instance-information.json': ssmInfo,
  'eks-describe-cluster.northwind-prod.json': eksCluster,
  'northwind-prod.rbac.json': kubectlRbac,
  'northwind-prod.workloads.json': kubectlWorkloads,
  [`${GP}.get-iam-policy.json`]: gcpProjectPolicy,
  'gcp-service-accounts.json': gcpServiceAccounts,
  [`${gsa('terraform-gcp')}.get-iam-policy.json`]: gcpTerraformSaPolicy,
  [`keys-${gsa('bq-loader')}.json`]: gcpKeys,
  'azure-subscriptions.json': azSubscriptions,
  'azure-role-assignments.json': azRoleAssignments,
  'azure-service-principals.json': azServicePrincipals,
  'azure-applications.json': azApplications,
  'secret-mapping.csv': secretMapping,
};
mkdirSync(OUT, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(OUT, name), typeof content === 'string' ? content : `${JSON.stringify(content, null, 4)}\n`);
}
writeFileSync(join(OUT, '..', 'demo.json'), `${JSON.stringify({ name: 'Northwind Parcel (fictional) production account', files: Object.keys(files) }, null, 2)}\n`);
console.log(`wrote ${Object.keys(files).length} demo files to ${OUT}`);
