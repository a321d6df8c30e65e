/**
 * A synthetic AWS account in the exact GAAD format, for benchmarks and load tests: users in
 * groups, roles trusting services, accounts and each other, and customer-managed policies
 * attached around. Deterministic for a given seed, so figures can be compared run to run.
 */

import { rng } from './rng';

export interface SyntheticOptions {
  users: number;
  roles: number;
  policies: number;
  groups?: number;
  account?: string;
  seed?: number;
}

const SERVICES = ['s3', 'ec2', 'lambda', 'dynamodb', 'sqs', 'sns', 'kms', 'secretsmanager', 'logs', 'ecs', 'iam', 'sts'];
const VERBS = ['Get', 'List', 'Put', 'Describe', 'Create', 'Delete', 'Update'];
const TRUSTED_SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com'];

export function syntheticGaad(opts: SyntheticOptions): Record<string, unknown> {
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const acct = opts.account ?? '123456789012';
  const nGroups = opts.groups ?? Math.max(1, Math.round(opts.users / 50));
  const date = '2024-01-01T00:00:00+00:00';
  const policyArn = (i: number) => `arn:aws:iam::${acct}:policy/policy-${i}`;
  const attach = (n: number) => Array.from({ length: n }, () => {
    const i = Math.floor(rand() * opts.policies);
    return { PolicyName: `policy-${i}`, PolicyArn: policyArn(i) };
  });
  const statement = () => {
    const svc = pick(SERVICES);
    const wildcard = rand() < 0.1;
    return {
      Effect: rand() < 0.05 ? 'Deny' : 'Allow',
      Action: wildcard ? `${svc}:*` : [`${svc}:${pick(VERBS)}${svc === 's3' ? 'Object' : 'Item'}`, `${svc}:${pick(VERBS)}*`],
      Resource: rand() < 0.5 ? '*' : `arn:aws:${svc}:*:${acct}:thing-${Math.floor(rand() * 1000)}/*`,
    };
  };
  const Policies = Array.from({ length: opts.policies }, (_, i) => ({
    PolicyName: `policy-${i}`,
    PolicyId: `ANPA${String(i).padStart(17, '0')}`,
    Arn: policyArn(i),
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    IsAttachable: true,
    CreateDate: date,
    UpdateDate: date,
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, CreateDate: date, Document: { Version: '2012-10-17', Statement: Array.from({ length: 1 + Math.floor(rand() * 4) }, statement) } }],
  }));
  const GroupDetailList = Array.from({ length: nGroups }, (_, i) => ({ Path: '/', GroupName: `group-${i}`, GroupId: `AGPA${String(i).padStart(17, '0')}`, Arn: `arn:aws:iam::${acct}:group/group-${i}`, CreateDate: date, GroupPolicyList: [], AttachedManagedPolicies: attach(2) }));
  const UserDetailList = Array.from({ length: opts.users }, (_, i) => ({
    Path: '/', UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: `arn:aws:iam::${acct}:user/user-${i}`, CreateDate: date,
    GroupList: [`group-${Math.floor(rand() * nGroups)}`], AttachedManagedPolicies: attach(Math.floor(rand() * 3)), Tags: [],
  }));
  const RoleDetailList = Array.from({ length: opts.roles }, (_, i) => {
    const r = rand();
    const principal = r < 0.5 ? { Service: pick(TRUSTED_SERVICES) } : r < 0.8 ? { AWS: `arn:aws:iam::${acct}:role/role-${Math.floor(rand() * opts.roles)}` } : { AWS: `arn:aws:iam::${acct}:root` };
    return {
      Path: '/', RoleName: `role-${i}`, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: `arn:aws:iam::${acct}:role/role-${i}`, CreateDate: date,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: rand() < 0.3 ? [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [statement()] } }] : [],
      AttachedManagedPolicies: attach(1 + Math.floor(rand() * 3)), Tags: [], RoleLastUsed: {},
    };
  });
  return { UserDetailList, GroupDetailList, RoleDetailList, Policies };
}
