/**
 * A generated account as export text, in chunks a host writes as they come (a 100,000-principal
 * GAAD is hundreds of MB: it is never one string): `aws iam get-account-authorization-details`
 * JSON, and the credential report's CSV lines (the host base64-encodes them into the
 * `get-credential-report` JSON, see credentialReportEnvelope).
 */
import { iso, realize, type AccessKeySpec, type GroupSpec, type InlinePolicy, type PolicySpec, type RoleSpec, type UserSpec } from './model';
import type { RealisticAccount } from './realistic-account';

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const attached = (arns: readonly string[]) => arns.map((a) => ({ PolicyName: policyName(a), PolicyArn: a }));
const boundary = (arn: string | undefined) => (arn ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } } : {});
const inlineList = (xs: InlinePolicy[]) => xs.map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: p.PolicyDocument }));

export function userRecord(account: string, u: UserSpec): Record<string, unknown> {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: `arn:aws:iam::${account}:user${u.path}${u.name}`,
    CreateDate: iso(u.created),
    // As in real exports, UserPolicyList is absent when the user has no inline policy.
    ...(u.inline.length ? { UserPolicyList: inlineList(u.inline) } : {}),
    GroupList: u.groups,
    AttachedManagedPolicies: attached(u.managed),
    ...boundary(u.boundary),
    Tags: u.tags,
  };
}

export function roleRecord(account: string, r: RoleSpec): Record<string, unknown> {
  const arn = `arn:aws:iam::${account}:role${r.path}${r.name}`;
  const created = iso(r.created);
  const ip = r.instanceProfile;
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: arn,
    CreateDate: created,
    AssumeRolePolicyDocument: r.trust,
    InstanceProfileList: ip
      ? [
          {
            Path: ip.path,
            InstanceProfileName: ip.name,
            InstanceProfileId: ip.id,
            Arn: `arn:aws:iam::${account}:instance-profile${ip.path}${ip.name}`,
            CreateDate: iso(ip.created),
            Roles: [{ Path: r.path, RoleName: r.name, RoleId: r.id, Arn: arn, CreateDate: created, AssumeRolePolicyDocument: r.trust }],
          },
        ]
      : [],
    RolePolicyList: inlineList(r.inline),
    AttachedManagedPolicies: attached(r.managed),
    ...boundary(r.boundary),
    Tags: r.tags,
    RoleLastUsed: r.lastUsed ? { LastUsedDate: iso(r.lastUsed.at), Region: r.lastUsed.region } : {},
  };
}

export function groupRecord(account: string, g: GroupSpec): Record<string, unknown> {
  return {
    Path: g.path,
    GroupName: g.name,
    GroupId: g.id,
    Arn: `arn:aws:iam::${account}:group${g.path}${g.name}`,
    CreateDate: iso(g.created),
    GroupPolicyList: inlineList(g.inline),
    AttachedManagedPolicies: attached(g.managed),
  };
}

export function policyRecord(p: PolicySpec): Record<string, unknown> {
  const n = p.versions.length;
  const last = p.versions[n - 1]!;
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: `v${n}`,
    AttachmentCount: p.attachments,
    PermissionsBoundaryUsageCount: p.boundaryUses,
    IsAttachable: true,
    ...(p.description ? { Description: p.description } : {}),
    CreateDate: iso(p.versions[0]!.created),
    UpdateDate: iso(last.created),
    // Newest first, as the API lists them.
    PolicyVersionList: p.versions
      .map((v, i) => ({ Document: v.doc, VersionId: `v${i + 1}`, IsDefaultVersion: i === n - 1, CreateDate: iso(v.created) }))
      .reverse(),
  };
}

/**
 * The GAAD as JSON text in chunks (one record each, plus the list brackets). Joined, the chunks
 * are one compact JSON document.
 */
export function* gaadChunks(a: RealisticAccount): Generator<string> {
  const acct = a.account;
  yield '{"UserDetailList":[';
  let first = true;
  for (const e of a.users) {
    yield (first ? '' : ',') + JSON.stringify(userRecord(acct, realize(e)));
    first = false;
  }
  yield '],"GroupDetailList":[';
  first = true;
  for (const g of a.groups) {
    yield (first ? '' : ',') + JSON.stringify(groupRecord(acct, g));
    first = false;
  }
  yield '],"RoleDetailList":[';
  first = true;
  for (const e of a.roles) {
    yield (first ? '' : ',') + JSON.stringify(roleRecord(acct, realize(e)));
    first = false;
  }
  yield '],"Policies":[';
  first = true;
  for (const p of a.policies) {
    yield (first ? '' : ',') + JSON.stringify(policyRecord(p));
    first = false;
  }
  yield ']}\n';
}

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

function keyCells(k: AccessKeySpec | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [String(k.active), iso(k.rotated), k.lastUsed !== undefined ? iso(k.lastUsed) : 'N/A', k.region ?? 'N/A', k.service ?? 'N/A'];
}

/** The credential report's CSV, one line (with its newline) per chunk: header, root, each user. */
export function* credentialReportLines(a: RealisticAccount): Generator<string> {
  const acct = a.account;
  yield CREDENTIAL_REPORT_COLUMNS.join(',') + '\n';
  const rootCreated = Date.UTC(2017, 2, 14, 9, 30, 0);
  yield [`<root_account>`, `arn:aws:iam::${acct}:root`, iso(rootCreated), 'not_supported', iso(a.generatedAt - 412 * 86_400_000), 'not_supported', 'not_supported', 'true', ...keyCells(undefined), ...keyCells(undefined), 'false', 'N/A', 'false', 'N/A'].join(',') + '\n';
  for (const e of a.users) {
    const u = realize(e);
    const pw = u.password;
    yield [
      u.name,
      `arn:aws:iam::${acct}:user${u.path}${u.name}`,
      iso(u.created),
      String(pw),
      pw ? (u.passwordLastUsed !== undefined ? iso(u.passwordLastUsed) : 'no_information') : 'N/A',
      pw ? iso(u.passwordChanged ?? u.created) : 'N/A',
      'N/A',
      String(u.mfa),
      ...keyCells(u.keys[0]),
      ...keyCells(u.keys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(',') + '\n';
  }
}

/** `aws iam get-credential-report` JSON around the base64 of the CSV: what goes before and after. */
export function credentialReportEnvelope(a: RealisticAccount): { before: string; after: string } {
  return { before: '{"Content":"', after: `","ReportFormat":"text/csv","GeneratedTime":"${iso(a.generatedAt)}"}\n` };
}
