/**
 * Builds small AWS exports in the real GAAD shape for analysis tests: users, groups, roles and
 * managed policies by name, in one account, then imports them through the normal path.
 */
import { ImportSession } from '../../../graph/session';
import { AwsModel } from '../model';

export const ACCT = '111122223333';
export const arnOf = (kind: 'user' | 'role' | 'group' | 'policy', name: string, account = ACCT) => `arn:aws:iam::${account}:${kind}/${name}`;
export type Doc = { Version?: string; Statement: unknown };
export const doc = (...Statement: Record<string, unknown>[]): Doc => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });

interface PrincipalSpec {
  policies?: string[];
  inline?: Doc[];
  groups?: string[];
  boundary?: string;
  tags?: Record<string, string>;
  path?: string;
  account?: string;
  /** Roles only: the name of an instance profile holding the role. */
  instanceProfile?: string;
}

export class AccountBuilder {
  private users: Record<string, unknown>[] = [];
  private roles: Record<string, unknown>[] = [];
  private groups: Record<string, unknown>[] = [];
  private policies: Record<string, unknown>[] = [];
  private extraFiles: { name: string; text: string }[] = [];

  policy(name: string, document: Doc, opts: { versions?: Doc[]; account?: string } = {}): this {
    const versions = [...(opts.versions ?? []).map((d, i) => ({ Document: d, VersionId: `v${i + 1}`, IsDefaultVersion: false })), { Document: document, VersionId: `v${(opts.versions?.length ?? 0) + 1}`, IsDefaultVersion: true }];
    this.policies.push({ PolicyName: name, Arn: arnOf('policy', name, opts.account), DefaultVersionId: versions.at(-1)!.VersionId, PolicyVersionList: versions });
    return this;
  }

  private common(kind: 'user' | 'role' | 'group', name: string, spec: PrincipalSpec) {
    const path = spec.path ?? '/';
    return {
      Path: path,
      Arn: `arn:aws:iam::${spec.account ?? ACCT}:${kind}${path}${name}`,
      AttachedManagedPolicies: (spec.policies ?? []).map((p) => ({ PolicyName: p, PolicyArn: p.startsWith('arn:') ? p : arnOf('policy', p, spec.account) })),
      ...(spec.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arnOf('policy', spec.boundary, spec.account) } } : {}),
      Tags: Object.entries(spec.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    };
  }

  user(name: string, spec: PrincipalSpec = {}): this {
    this.users.push({ UserName: name, ...this.common('user', name, spec), GroupList: spec.groups ?? [], UserPolicyList: (spec.inline ?? []).map((d, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: d })) });
    return this;
  }

  group(name: string, spec: PrincipalSpec = {}): this {
    this.groups.push({ GroupName: name, ...this.common('group', name, spec), GroupPolicyList: (spec.inline ?? []).map((d, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: d })) });
    return this;
  }

  role(name: string, trust: Doc, spec: PrincipalSpec = {}): this {
    this.roles.push({ RoleName: name, ...this.common('role', name, spec), AssumeRolePolicyDocument: trust, RolePolicyList: (spec.inline ?? []).map((d, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: d })), InstanceProfileList: spec.instanceProfile ? [{ InstanceProfileName: spec.instanceProfile, Arn: `arn:aws:iam::${spec.account ?? ACCT}:instance-profile/${spec.instanceProfile}`, Roles: [] }] : [] });
    return this;
  }

  /** Any other export file (bucket policy, credential report...) in its real format. */
  file(name: string, content: unknown): this {
    this.extraFiles.push({ name, text: typeof content === 'string' ? content : JSON.stringify(content) });
    return this;
  }

  session(): ImportSession {
    const s = new ImportSession();
    s.addFiles([
      { name: 'gaad.json', text: JSON.stringify({ UserDetailList: this.users, GroupDetailList: this.groups, RoleDetailList: this.roles, Policies: this.policies }) },
      ...this.extraFiles,
    ]);
    return s;
  }

  /** The model as of a fixed date (tests never depend on today's). */
  model(asOf = Date.UTC(2026, 10, 22)): AwsModel {
    return new AwsModel(this.session().graph, { asOf });
  }
}

export const trustService = (service: string): Doc => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
export const trustAws = (principal: string | string[], extra: Record<string, unknown> = {}): Doc => doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra });
