/**
 * Technique detection on accounts built in the GAAD format: each technique fires only when all
 * its permissions hold on a real target after Deny, boundary, SCP and trust constraints, and the
 * false-positive probes of the IAM Vulnerable lab stay silent.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_FIXTURES } from '../../../test-support/public-corpus';
import { AccountBuilder, ACCT, allow, arnOf, deny, doc, trustAws, trustService } from '../test-support/account-builder';
import { loadAwsCatalogue } from '../catalogue/catalogue';
import { detectTechniques } from './analyze';
import { adminNodeId, allUsersId } from './types';

const catalogue = await loadAwsCatalogue();
const ADMIN = adminNodeId(ACCT);
const U = (n: string) => arnOf('user', n);
const R = (n: string) => arnOf('role', n);
const run = (b: AccountBuilder) => detectTechniques(b.model(Date.UTC(2026, 10, 22)), catalogue);
const edges = (b: AccountBuilder, from: string) => run(b).findings.filter((f) => f.source === from).map((f) => `${f.technique.id} ${f.target}${f.conditional ? ' ?' : ''}`);

const ADMIN_DOC = doc(allow('*'));
const withAdminRole = (b: AccountBuilder, trust = trustService('lambda.amazonaws.com')) => b.policy('admin', ADMIN_DOC).role('target', trust, { policies: ['admin'] });

interface Row {
  name: string;
  build: () => AccountBuilder;
  from: string;
  expect: string[];
}

const ROWS: Row[] = [
  { name: 'PassRole + lambda create/invoke to a role trusting Lambda', build: () => withAdminRole(new AccountBuilder().policy('p', doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))).user('u', { policies: ['p'] })), from: U('u'), expect: [`lambda-001 ${R('target')}`] },
  { name: 'PassRole limited by iam:PassedToService to another service: nothing', build: () => withAdminRole(new AccountBuilder().policy('p', doc(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))).user('u', { policies: ['p'] })), from: U('u'), expect: [] },
  { name: 'PassRole on another role only (non-exploitable resource constraint): nothing', build: () => withAdminRole(new AccountBuilder().policy('p', doc(allow('iam:PassRole', R('other')), allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))).user('u', { policies: ['p'] })), from: U('u'), expect: [] },
  { name: 'split permissions across two policies still combine', build: () => withAdminRole(new AccountBuilder().policy('a', doc(allow('iam:PassRole'))).policy('b', doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))).user('u', { policies: ['a', 'b'] })), from: U('u'), expect: [`lambda-001 ${R('target')}`] },
  { name: 'split permissions across a group and the user combine', build: () => withAdminRole(new AccountBuilder().policy('a', doc(allow('iam:PassRole'))).policy('b', doc(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']))).group('g', { policies: ['a'] }).user('u', { policies: ['b'], groups: ['g'] })), from: U('u'), expect: [`lambda-001 ${R('target')}`] },
  { name: 'a permission boundary without iam stops PassRole', build: () => withAdminRole(new AccountBuilder().policy('p', doc(allow('*'))).policy('b', doc(allow(['lambda:*']))).user('u', { policies: ['p'], boundary: 'b' })), from: U('u'), expect: [] },
  { name: 'an SCP Deny on iam:PassRole stops it', build: () => scp(withAdminRole(new AccountBuilder().policy('p', doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))).user('u', { policies: ['p'] })), doc(deny('iam:PassRole'))), from: U('u'), expect: [] },
  { name: 'Allow + Deny iam:* in one policy: no IAM technique', build: () => new AccountBuilder().policy('p', doc(allow('iam:*'), deny('iam:*'))).user('u', { policies: ['p'] }).user('v'), from: U('u'), expect: [] },
  { name: 'NotAction allowing everything but s3 still self-escalates', build: () => new AccountBuilder().policy('p', doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })).user('u', { policies: ['p'] }), from: U('u'), expect: [`iam-001 ${ADMIN}`, `iam-007 ${ADMIN}`, `iam-008 ${ADMIN}`] },
  { name: 'CreateAccessKey on one user', build: () => new AccountBuilder().policy('p', doc(allow('iam:CreateAccessKey', U('v')))).user('u', { policies: ['p'] }).user('v'), from: U('u'), expect: [`iam-002 ${U('v')} ?`.replace(' ?', '')] },
  { name: 'CreateAccessKey on user/*: one edge to every user', build: () => new AccountBuilder().policy('p', doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/*`))).user('u', { policies: ['p'] }).user('v').user('w'), from: U('u'), expect: [`iam-002 ${allUsersId(ACCT)}`] },
  { name: 'CreateAccessKey on user/* when a user holds two keys: per-user edges, none to that user', build: () => twoKeys(new AccountBuilder().policy('p', doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/*`))).user('u', { policies: ['p'] }).user('v').user('w')), from: U('u'), expect: [`iam-002 ${U('w')}`] },
  { name: 'CreateLoginProfile on user/* with a credential report: the set of users without a password', build: () => twoKeys(new AccountBuilder().policy('p', doc(allow('iam:CreateLoginProfile', `arn:aws:iam::${ACCT}:user/*`))).user('u', { policies: ['p'] }).user('v')), from: U('u'), expect: [`iam-004 users-without-password:aws:${ACCT}`] },
  { name: 'a user with two keys needs DeleteAccessKey too (credential report)', build: () => twoKeys(new AccountBuilder().policy('p', doc(allow('iam:CreateAccessKey', U('v')))).user('u', { policies: ['p'] }).user('v')), from: U('u'), expect: [] },
  { name: '… and with DeleteAccessKey it is iam-003', build: () => twoKeys(new AccountBuilder().policy('p', doc(allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], U('v')))).user('u', { policies: ['p'] }).user('v')), from: U('u'), expect: [`iam-003 ${U('v')}`] },
  { name: 'UpdateAssumeRolePolicy on one role: iam-012', build: () => new AccountBuilder().policy('p', doc(allow('iam:UpdateAssumeRolePolicy', R('r')))).user('u', { policies: ['p'] }).role('r', trustService('ec2.amazonaws.com')), from: U('u'), expect: [`iam-012 ${R('r')}`] },
  { name: 'AssumeRole of a role trusting the account: sts-001', build: () => new AccountBuilder().policy('p', doc(allow('sts:AssumeRole', R('r')))).user('u', { policies: ['p'] }).role('r', trustAws(ACCT)), from: U('u'), expect: [`sts-001 ${R('r')}`] },
  // A certain way to admin makes the principal's other edges redundant: only admin edges stay.
  { name: 'UpdateAssumeRolePolicy + AttachRolePolicy on one role: iam-019 to admin', build: () => new AccountBuilder().policy('p', doc(allow(['iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy'], R('r')))).user('u', { policies: ['p'] }).role('r', trustService('ec2.amazonaws.com')), from: U('u'), expect: [`iam-019 ${ADMIN}`] },
  { name: 'AssumeRole + PutRolePolicy: iam-017 to admin', build: () => new AccountBuilder().policy('p', doc(allow('sts:AssumeRole', R('r')), allow('iam:PutRolePolicy', R('r')))).user('u', { policies: ['p'] }).role('r', trustAws(ACCT)), from: U('u'), expect: [`iam-017 ${ADMIN}`] },
  { name: 'a trust with an MFA condition gives a conditional sts-001', build: () => new AccountBuilder().user('u').role('r', trustAws(U('u'), { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })), from: U('u'), expect: [`sts-001 ${R('r')} ?`] },
  { name: 'SetDefaultPolicyVersion back to an admin version', build: () => new AccountBuilder().policy('p', doc(allow('iam:SetDefaultPolicyVersion'), allow('s3:ListAllMyBuckets')), { versions: [ADMIN_DOC] }).user('u', { policies: ['p'] }), from: U('u'), expect: [`blastmap-set-default-policy-version ${ADMIN}`] },
  { name: 'SetDefaultPolicyVersion with no better version: nothing', build: () => new AccountBuilder().policy('p', doc(allow('iam:SetDefaultPolicyVersion')), { versions: [doc(allow('s3:GetObject'))] }).user('u', { policies: ['p'] }), from: U('u'), expect: [] },
  { name: 'AddUserToGroup into an admin group', build: () => new AccountBuilder().policy('p', doc(allow('iam:AddUserToGroup'))).policy('admin', ADMIN_DOC).group('admins', { policies: ['admin'] }).user('u', { policies: ['p'] }), from: U('u'), expect: [`iam-013 ${arnOf('group', 'admins')}`] },
  { name: 'lambda-004 on an inventoried function: edge to the role it runs as', build: () => lambdaAccount(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction']), from: U('u'), expect: [`lambda-004 ${R('billing-role')}`] },
  { name: 'lambda-003 alone: conditional (the function must then be invoked)', build: () => lambdaAccount(['lambda:UpdateFunctionCode']), from: U('u'), expect: [`lambda-003 ${R('billing-role')} ?`] },
  { name: 'UpdateFunctionCode on another function only: nothing', build: () => lambdaAccount(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], `arn:aws:lambda:eu-west-1:${ACCT}:function:other`), from: U('u'), expect: [] },
  { name: 'ssm-002 on an instance with a profile and an online SSM agent', build: () => ec2Account(true), from: U('u'), expect: [`ssm-002 ${R('app-role')}`] },
  { name: 'ssm-002 without SSM registration: conditional', build: () => ec2Account(false), from: U('u'), expect: [`ssm-002 ${R('app-role')} ?`] },
  { name: 'an admin-equivalent principal gets one edge to admin', build: () => new AccountBuilder().policy('admin', ADMIN_DOC).user('u', { policies: ['admin'] }).user('v'), from: U('u'), expect: [`blastmap-admin ${ADMIN}`] },
];

const inventory = (f: string) => readFileSync(resolve(REPO_FIXTURES, 'aws/inventory', f), 'utf8');
function lambdaAccount(actions: string[], resource = `arn:aws:lambda:eu-west-1:${ACCT}:function:billing`): AccountBuilder {
  return new AccountBuilder().policy('admin', ADMIN_DOC).policy('p', doc(allow(actions, resource))).user('u', { policies: ['p'] }).role('billing-role', trustService('lambda.amazonaws.com'), { policies: ['admin'] }).file('functions.json', inventory('lambda-list-functions.json'));
}
function ec2Account(ssm: boolean): AccountBuilder {
  const b = new AccountBuilder().policy('admin', ADMIN_DOC).policy('p', doc(allow('ssm:SendCommand'))).user('u', { policies: ['p'] }).role('app-role', trustService('ec2.amazonaws.com'), { policies: ['admin'], instanceProfile: 'app-profile' }).file('instances.json', inventory('ec2-describe-instances.json'));
  return ssm ? b.file('ssm.json', inventory('ssm-describe-instance-information.json')) : b;
}
function twoKeys(b: AccountBuilder): AccountBuilder {
  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_2_active,access_key_2_last_rotated';
  return b.file('report.csv', `${header}\nv,${U('v')},2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2020-01-01T00:00:00+00:00,true,2021-01-01T00:00:00+00:00\n`);
}
function scp(b: AccountBuilder, content: unknown): AccountBuilder {
  return b
    .file('scp.json', { Policy: { PolicySummary: { Id: 'p-testscp01', Name: 'guard', Type: 'SERVICE_CONTROL_POLICY' }, Content: JSON.stringify(content) } })
    .file('p-testscp01.targets.json', { Targets: [{ TargetId: ACCT, Name: 'acct', Type: 'ACCOUNT' }] });
}

describe('technique detection', () => {
  it.each(ROWS)('$name', (row) => {
    expect(edges(row.build(), row.from).sort()).toEqual([...row.expect].sort());
  });

  it('every finding lists each permission with the statement behind it', () => {
    const r = run(ROWS[0]!.build());
    const f = r.findings.find((x) => x.technique.id === 'lambda-001')!;
    expect(f.checks.map((c) => c.action)).toEqual(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
    for (const c of f.checks) expect(c.decision.allowedBy[0]!.ref).toMatchObject({ policyName: 'p', statement: '#0' });
  });

  it('an account administrator reaches roles of other imported accounts that trust its account', () => {
    const OTHER = '444455556666';
    const b = new AccountBuilder()
      .policy('admin', ADMIN_DOC)
      .user('boss', { policies: ['admin'] })
      .policy('admin', ADMIN_DOC, { account: OTHER })
      .role('ops', trustAws(`arn:aws:iam::${ACCT}:root`), { account: OTHER, policies: ['admin'] })
      .role('locked', trustAws(`arn:aws:iam::${OTHER}:root`), { account: OTHER, policies: ['admin'] });
    const ops = `arn:aws:iam::${OTHER}:role/ops`;
    expect(edges(b, U('boss')).sort()).toEqual([`blastmap-admin ${ADMIN}`, `sts-001 ${ops}`].sort());
  });

  it('existing-resource paths are reported as needing inventory, never as edges', () => {
    const r = run(new AccountBuilder().policy('p', doc(allow('lambda:UpdateFunctionCode'))).user('u', { policies: ['p'] }));
    expect(r.findings).toEqual([]);
    expect(r.potential.map((p) => p.technique.id)).toEqual(['lambda-003']);
  });
});
