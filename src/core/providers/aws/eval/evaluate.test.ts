/** The evaluator, rule by rule: one row per rule of AWS's evaluation logic we implement. */
import { describe, expect, it } from 'vitest';
import { AccountBuilder, ACCT, allow, arnOf, deny, doc, trustAws } from '../test-support/account-builder';
import type { DecisionKind } from './evaluate';

const U = (n: string) => arnOf('user', n);
const BUCKET = 'arn:aws:s3:::data';
const NOW = Date.UTC(2026, 10, 22);
const KEY = `arn:aws:kms:eu-west-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
function kms(b: AccountBuilder, principal: Record<string, string>): AccountBuilder {
  return b.file('eu-west-1.1234abcd-12ab-34cd-56ef-1234567890ab.json', { Policy: JSON.stringify(doc({ Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' })), PolicyName: 'default' });
}
/** An SCP attached to an OU (or root), and the organization tree placing the account in it. */
function scpOn(b: AccountBuilder, id: string, target: string, content: unknown, tree = true): AccountBuilder {
  b.file(`${id}.json`, { Policy: { PolicySummary: { Id: id, Name: id, Type: 'SERVICE_CONTROL_POLICY' }, Content: JSON.stringify(content) } }).file(`${id}.targets.json`, { Targets: [{ TargetId: target, Name: target, Type: target.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] });
  if (tree) b.file('r-ab12.ous.json', { OrganizationalUnits: [{ Id: 'ou-ab12-cdef3456', Name: 'Workloads' }] }).file('ou-ab12-cdef3456.accounts.json', { Accounts: [{ Id: ACCT, Name: 'prod', Status: 'ACTIVE' }] });
  return b;
}
function scp(b: AccountBuilder, content: unknown): AccountBuilder {
  return b
    .file('scp.json', { Policy: { PolicySummary: { Id: 'p-testscp01', Name: 'guard', Type: 'SERVICE_CONTROL_POLICY' }, Content: JSON.stringify(content) } })
    .file('p-testscp01.targets.json', { Targets: [{ TargetId: ACCT, Name: 'acct', Type: 'ACCOUNT' }] });
}


interface Row {
  rule: string;
  build: (b: AccountBuilder) => AccountBuilder;
  principal: string;
  action: string;
  resource: string;
  expect: DecisionKind;
  deciding?: string[];
}

const ROWS: Row[] = [
  { rule: 'an Allow grants', build: (b) => b.policy('p', doc(allow('s3:GetObject'))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', deciding: ['p #0'] },
  { rule: 'nothing allows: implicit deny', build: (b) => b.user('u'), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'not allowed' },
  { rule: 'explicit Deny in another policy beats Allow', build: (b) => b.policy('a', doc(allow('s3:*'))).policy('d', doc(deny('s3:GetObject', `${BUCKET}/*`))).user('u', { policies: ['a', 'd'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'denied', deciding: ['d #0'] },
  { rule: 'Allow and Deny in one policy: Deny wins', build: (b) => b.policy('p', doc(allow('*'), deny('iam:*'))).user('u', { policies: ['p'] }), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'denied' },
  { rule: 'actions match case-insensitively with wildcards', build: (b) => b.policy('p', doc(allow('S3:get*'))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObjectAcl', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: '? matches one character', build: (b) => b.policy('p', doc(allow('iam:?assRole'))).user('u', { policies: ['p'] }), principal: U('u'), action: 'iam:PassRole', resource: arnOf('role', 'r'), expect: 'allowed' },
  { rule: 'NotAction allows everything else', build: (b) => b.policy('p', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'NotAction does not allow what it names', build: (b) => b.policy('p', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).user('u', { policies: ['p'] }), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'not allowed' },
  { rule: 'resource ARN wildcards', build: (b) => b.policy('p', doc(allow('s3:GetObject', 'arn:aws:s3:::da?a/public/*'))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/private/k`, expect: 'not allowed' },
  { rule: 'NotResource', build: (b) => b.policy('p', doc({ Effect: 'Allow', Action: 's3:*', NotResource: `${BUCKET}/*` })).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: 'arn:aws:s3:::other/k', expect: 'allowed' },
  { rule: '${aws:username} is substituted: own user', build: (b) => b.policy('p', doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/\${aws:username}`))).user('u', { policies: ['p'] }), principal: U('u'), action: 'iam:CreateAccessKey', resource: U('u'), expect: 'allowed' },
  { rule: '${aws:username} is substituted: another user', build: (b) => b.policy('p', doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/\${aws:username}`))).user('u', { policies: ['p'] }), principal: U('u'), action: 'iam:CreateAccessKey', resource: U('v'), expect: 'not allowed' },
  { rule: 'group policies apply to members', build: (b) => b.policy('p', doc(allow('ec2:RunInstances'))).group('g', { policies: ['p'] }).user('u', { groups: ['g'] }), principal: U('u'), action: 'ec2:RunInstances', resource: '*', expect: 'allowed' },
  { rule: 'group inline Deny applies to members', build: (b) => b.policy('p', doc(allow('*'))).group('g', { inline: [doc(deny('ec2:*'))] }).user('u', { policies: ['p'], groups: ['g'] }), principal: U('u'), action: 'ec2:RunInstances', resource: '*', expect: 'denied' },
  { rule: 'permission boundary intersects', build: (b) => b.policy('p', doc(allow('*'))).policy('b', doc(allow('s3:*'))).user('u', { policies: ['p'], boundary: 'b' }), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'not allowed' },
  { rule: 'permission boundary lets through what both allow', build: (b) => b.policy('p', doc(allow('*'))).policy('b', doc(allow('s3:*'))).user('u', { policies: ['p'], boundary: 'b' }), principal: U('u'), action: 's3:PutObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'aws:CurrentTime in the past: expired grant', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'not allowed' },
  { rule: 'aws:CurrentTime in range: granted', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'aws:TokenIssueTime after an old date: a fresh token satisfies it', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'aws:TokenIssueTime before an old date: no usable token can', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'not allowed' },
  { rule: 'aws:TokenIssueTime within the token lifetime: conditional', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2026-11-21T12:00:00Z' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'conditional' },
  { rule: '${*} in a resource is a literal star', build: (b) => b.policy('p', doc(allow('s3:GetObject', `${BUCKET}/\${*}`))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/anything`, expect: 'not allowed' },
  { rule: 'aws:SourceIp cannot be known: conditional', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'conditional' },
  { rule: 'principal tag matches', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } } }))).user('u', { policies: ['p'], tags: { team: 'data' } }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'principal tag absent: the export knows every tag', build: (b) => b.policy('p', doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'not allowed' },
  { rule: 'aws:PrincipalArn ArnLike', build: (b) => b.policy('p', doc(allow('s3:*')), {}).policy('d', doc(deny('s3:*', '*', { Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:user/adm-*` } } }))).user('u', { policies: ['p', 'd'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'denied' },
  { rule: 'conditional Deny over an Allow: conditional', build: (b) => b.policy('p', doc(allow('s3:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))).user('u', { policies: ['p'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'conditional' },
  { rule: 'an attached policy missing from the export: conditional', build: (b) => b.user('u', { policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'conditional' },
  { rule: 'a bucket policy naming the user grants without an identity policy', build: (b) => b.user('u').file('data.json', { Policy: JSON.stringify(doc({ Effect: 'Allow', Principal: { AWS: U('u') }, Action: 's3:GetObject', Resource: `${BUCKET}/*` })) }), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed', deciding: ['resource policy #0'] },
  { rule: 'a bucket policy Deny beats an identity Allow', build: (b) => b.policy('p', doc(allow('s3:*'))).user('u', { policies: ['p'] }).file('data.json', { Policy: JSON.stringify(doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${BUCKET}/*` })) }), principal: U('u'), action: 's3:DeleteObject', resource: `${BUCKET}/k`, expect: 'denied' },
  { rule: 'SCP Deny on the account beats admin', build: (b) => scp(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), doc(allow('*'), deny('organizations:LeaveOrganization'))), principal: U('u'), action: 'organizations:LeaveOrganization', resource: '*', expect: 'denied' },
  { rule: 'SCP that allows only some services', build: (b) => scp(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), doc(allow(['s3:*', 'ec2:*']))), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'not allowed' },
  { rule: 'a deny-only SCP set implies the default FullAWSAccess', build: (b) => scp(b.policy('p', doc(allow('iam:CreateUser'))).user('u', { policies: ['p'] }), doc(deny('organizations:LeaveOrganization'))), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'allowed' },
  { rule: 'an SCP Deny on the account\'s OU applies (organization tree imported)', build: (b) => scpOn(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), 'p-ouguard01', 'ou-ab12-cdef3456', doc(allow('*'), deny('ec2:*'))), principal: U('u'), action: 'ec2:RunInstances', resource: '*', expect: 'denied' },
  { rule: 'an allow-list SCP on the root limits every account under it', build: (b) => scpOn(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), 'p-rootlist01', 'r-ab12', doc(allow(['s3:*', 'sts:*']))), principal: U('u'), action: 'iam:CreateUser', resource: U('x'), expect: 'not allowed' },
  { rule: '… and lets through what it allows', build: (b) => scpOn(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), 'p-rootlist01', 'r-ab12', doc(allow(['s3:*', 'sts:*']))), principal: U('u'), action: 's3:GetObject', resource: `${BUCKET}/k`, expect: 'allowed' },
  { rule: 'an OU SCP without the organization tree is not applied (membership unknown)', build: (b) => scpOn(b.policy('p', doc(allow('*'))).user('u', { policies: ['p'] }), 'p-ouguard01', 'ou-ab12-cdef3456', doc(allow('*'), deny('ec2:*')), false), principal: U('u'), action: 'ec2:RunInstances', resource: '*', expect: 'allowed' },
  { rule: 'service-linked roles are exempt from SCPs', build: (b) => scp(b.policy('p', doc(allow('iam:CreateUser'))).role('AWSServiceRoleForX', trustAws(ACCT), { policies: ['p'], path: '/aws-service-role/x.amazonaws.com/' }), doc(deny('*'))), principal: `arn:aws:iam::${ACCT}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX`, action: 'iam:CreateUser', resource: U('x'), expect: 'allowed' },
  { rule: 'role trust naming the user: assume without identity policy', build: (b) => b.user('u').role('r', trustAws(U('u'))), principal: U('u'), action: 'sts:AssumeRole', resource: arnOf('role', 'r'), expect: 'allowed' },
  { rule: 'role trust naming the account: identity policy needed (absent)', build: (b) => b.user('u').role('r', trustAws(ACCT)), principal: U('u'), action: 'sts:AssumeRole', resource: arnOf('role', 'r'), expect: 'not allowed' },
  { rule: 'role trust naming the account: identity policy present', build: (b) => b.policy('p', doc(allow('sts:AssumeRole', arnOf('role', '*')))).user('u', { policies: ['p'] }).role('r', trustAws(`arn:aws:iam::${ACCT}:root`)), principal: U('u'), action: 'sts:AssumeRole', resource: arnOf('role', 'r'), expect: 'allowed' },
  { rule: 'role trust not naming the principal: identity policy is not enough', build: (b) => b.policy('p', doc(allow('sts:AssumeRole'))).user('u', { policies: ['p'] }).role('r', trustAws('444455556666')), principal: U('u'), action: 'sts:AssumeRole', resource: arnOf('role', 'r'), expect: 'not allowed' },
  { rule: 'role trust with an MFA condition: conditional', build: (b) => b.user('u').role('r', trustAws(U('u'), { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })), principal: U('u'), action: 'sts:AssumeRole', resource: arnOf('role', 'r'), expect: 'conditional' },
  { rule: 'cross-account: identity Allow without a resource policy is not enough', build: (b) => b.policy('p', doc(allow('secretsmanager:GetSecretValue'))).user('u', { policies: ['p'] }), principal: U('u'), action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:444455556666:secret:db-AbCdEf', expect: 'not allowed' },
  {
    rule: 'cross-account: identity Allow plus resource policy naming the account',
    build: (b) => b.policy('p', doc(allow('secretsmanager:GetSecretValue'))).user('u', { policies: ['p'] }).file('s.json', { ARN: 'arn:aws:secretsmanager:us-east-1:444455556666:secret:db-AbCdEf', Name: 'db', ResourcePolicy: JSON.stringify(doc({ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'secretsmanager:GetSecretValue', Resource: '*' })) }),
    principal: U('u'), action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:444455556666:secret:db-AbCdEf', expect: 'allowed',
  },
  { rule: 'KMS: key policy delegating to IAM plus identity Allow', build: (b) => kms(b.policy('p', doc(allow('kms:Decrypt'))).user('u', { policies: ['p'] }), { AWS: `arn:aws:iam::${ACCT}:root` }), principal: U('u'), action: 'kms:Decrypt', resource: KEY, expect: 'allowed' },
  { rule: 'KMS: identity Allow is not enough when the key policy does not delegate', build: (b) => kms(b.policy('p', doc(allow('kms:Decrypt'))).user('u', { policies: ['p'] }), { AWS: U('admin') }), principal: U('u'), action: 'kms:Decrypt', resource: KEY, expect: 'not allowed' },
];

describe('policy evaluation', () => {
  it.each(ROWS)('$rule → $expect', (row) => {
    const model = row.build(new AccountBuilder()).model(NOW);
    const d = model.can(row.principal, row.action, row.resource);
    expect(d.decision).toBe(row.expect);
    if (row.deciding) {
      const refs = (d.decision === 'denied' ? d.deniedBy : d.allowedBy).map((m) => `${m.ref.policyName} ${m.ref.statement}`);
      expect(refs).toEqual(row.deciding);
    }
  });

  it('evaluates aws:CurrentTime at the analysis date, not today', () => {
    // A temporary grant that ends on 2027-01-01: in force at the export, gone a month later.
    const b = new AccountBuilder().policy('p', doc(allow('s3:*', '*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] });
    expect(b.model(Date.UTC(2026, 10, 22)).can(U('u'), 's3:GetObject', `${BUCKET}/k`).decision).toBe('allowed');
    expect(b.model(Date.UTC(2027, 1, 1)).can(U('u'), 's3:GetObject', `${BUCKET}/k`).decision).toBe('not allowed');
  });

  it('a policy variable whose key the request lacks matches nothing (a role has no aws:username)', () => {
    const selfService = doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/\${aws:username}`));
    const model = new AccountBuilder().policy('self', selfService).user('u', { policies: ['self'] }).role('r', trustAws(`arn:aws:iam::${ACCT}:root`), { policies: ['self'] }).model(NOW);
    expect(model.can(arnOf('role', 'r'), 'iam:CreateAccessKey', U('u')).decision).toBe('not allowed');
    expect(model.can(U('u'), 'iam:CreateAccessKey', U('u')).decision).toBe('allowed');
    expect(model.can(U('u'), 'iam:CreateAccessKey', U('other')).decision).toBe('not allowed');
  });

  it('long-term user keys carry no aws:TokenIssueTime; the user can still get session credentials, roles always have one', () => {
    // "Deny requests without a session token" stops the keys, not a GetSessionToken session.
    const denyLongTerm = doc(allow('s3:*', '*'), deny('s3:*', '*', { Condition: { Null: { 'aws:TokenIssueTime': 'true' } } }));
    const model = new AccountBuilder().policy('p', denyLongTerm).user('u', { policies: ['p'] }).role('r', trustAws(`arn:aws:iam::${ACCT}:root`), { policies: ['p'] }).model(NOW);
    const user = model.can(U('u'), 's3:GetObject', `${BUCKET}/k`);
    expect(user.decision).toBe('allowed');
    expect(user.notes.join()).toMatch(/temporary credentials from sts:GetSessionToken/);
    expect(model.can(arnOf('role', 'r'), 's3:GetObject', `${BUCKET}/k`).decision).toBe('allowed');
    // IAM calls with GetSessionToken credentials need MFA.
    const iam = new AccountBuilder().policy('p', doc(allow('iam:*', '*', { Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } }))).user('u', { policies: ['p'] }).model(NOW);
    const d = iam.can(U('u'), 'iam:CreateUser', `arn:aws:iam::${ACCT}:user/x`);
    expect(d.decision).toBe('conditional');
    expect(d.notes.join()).toMatch(/call IAM only when MFA was used/);
  });

  it('lists the condition keys it could not evaluate', () => {
    const model = new AccountBuilder().policy('p', doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:PrincipalTag/team': 'x' } } }))).user('u', { policies: ['p'], tags: { team: 'x' } }).model(NOW);
    const d = model.can(U('u'), 's3:GetObject', `${BUCKET}/k`);
    expect(d.decision).toBe('conditional');
    expect(d.allowedBy[0]!.unknownKeys).toEqual(['IpAddress aws:SourceIp']);
    expect(d.allowedBy[0]!.ref.condition).toContain('aws:SourceIp');
  });
});
