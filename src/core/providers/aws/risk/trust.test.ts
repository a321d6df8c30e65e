/** Trust judgements statement by statement: what opens a role, and what pins it. */
import { describe, expect, it } from 'vitest';
import { AccountBuilder, ACCT, arnOf, doc } from '../test-support/account-builder';
import { admitsOtherOrgs, anyPrincipalTrust, foreignTrustsWithoutExternalId, importAccounts, openOidcTrust } from './trust';

const GH = 'token.actions.githubusercontent.com';
const st = (Principal: unknown, Condition?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}), ...extra });
const gh = (Condition?: Record<string, unknown>) => st({ Federated: `arn:aws:iam::${ACCT}:oidc-provider/${GH}` }, Condition, { Action: 'sts:AssumeRoleWithWebIdentity' });
const aud = { [`${GH}:aud`]: 'sts.amazonaws.com' };

/** The graph of one role with this trust, in the builder's account. */
function graphOf(...statements: Record<string, unknown>[]) {
  return new AccountBuilder().role('r', doc(...statements)).session().graph;
}
const R = arnOf('role', 'r');

describe('anyPrincipalTrust', () => {
  it.each([
    ['Principal "*" without conditions', [st('*')], 'critical'],
    ['{"AWS": "*"} without conditions', [st({ AWS: '*' })], 'critical'],
    ['every account (arn:aws:iam::*:root)', [st({ AWS: 'arn:aws:iam::*:root' })], 'critical'],
    ['NotPrincipal: everyone but one', [{ Effect: 'Allow', NotPrincipal: { AWS: arnOf('user', 'x') }, Action: 'sts:AssumeRole' }], 'critical'],
    ['conditions that pin no caller', [st('*', { Bool: { 'aws:SecureTransport': 'true' } })], 'high'],
    ['an external id alone (anyone can learn it)', [st('*', { StringEquals: { 'sts:ExternalId': 'x' } })], 'high'],
    ['a negated organisation test', [st('*', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } })], 'high'],
    ['an IfExists organisation test (absent key passes)', [st('*', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } })], 'high'],
    ['a wildcard ARN test', [st('*', { StringLike: { 'aws:PrincipalArn': '*' } })], 'high'],
    ['one pinned statement and one open', [st('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }), st('*')], 'critical'],
    ['the organisation pinned', [st('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } })], undefined],
    ['the account pinned (any case of key)', [st({ AWS: '*' }, { StringEquals: { 'AWS:PrincipalAccount': ACCT } })], undefined],
    ['a named account', [st({ AWS: '444455556666' })], undefined],
  ])('%s → %s', (_name, statements, severity) => {
    expect(anyPrincipalTrust(graphOf(...statements), R)?.severity).toBe(severity);
  });
});

describe('foreignTrustsWithoutExternalId', () => {
  it.each([
    ['a foreign account root', [st({ AWS: '444455556666' })], ['444455556666']],
    ['a foreign role', [st({ AWS: 'arn:aws:iam::444455556666:role/vendor' })], ['444455556666']],
    ['a foreign account with an external id', [st({ AWS: '444455556666' }, { StringEquals: { 'sts:ExternalId': 'x' } })], []],
    ['a negated external id', [st({ AWS: '444455556666' }, { StringNotEquals: { 'sts:ExternalId': 'x' } })], ['444455556666']],
    ['one statement with the external id, one without', [st({ AWS: '444455556666' }, { StringEquals: { 'sts:ExternalId': 'x' } }), st({ AWS: '444455556666' })], ['444455556666']],
    ['the account of the import', [st({ AWS: ACCT })], []],
    ['a service', [st({ Service: 'ec2.amazonaws.com' })], []],
  ])('%s → %j', (_name, statements, accounts) => {
    const g = graphOf(...statements);
    expect(foreignTrustsWithoutExternalId(g, R, importAccounts(g)).map((f) => f.account)).toEqual(accounts);
  });

  it('an account another export describes belongs to the import', () => {
    const g = new AccountBuilder().role('r', doc(st({ AWS: '444455556666' }))).role('x', doc(st({ Service: 'ec2.amazonaws.com' })), { account: '444455556666' }).session().graph;
    expect(importAccounts(g)).toEqual(new Set([ACCT, '444455556666']));
    expect(foreignTrustsWithoutExternalId(g, R, importAccounts(g))).toEqual([]);
  });
});

describe('openOidcTrust', () => {
  it.each([
    ['no condition at all', [gh()], 'critical'],
    ['the audience only', [gh({ StringEquals: aud })], 'critical'],
    ['a Like subject wildcard in the organisation', [gh({ StringEquals: aud, StringLike: { [`${GH}:sub`]: 'repo:acme*' } })], 'high'],
    ['any repository', [gh({ StringLike: { [`${GH}:sub`]: ['repo:acme/web:*', 'repo:*'] } })], 'high'],
    ['a bare "*" subject', [gh({ StringLike: { [`${GH}:sub`]: '*' } })], 'critical'],
    ['every repository of one organisation', [gh({ StringLike: { [`${GH}:sub`]: 'repo:acme/*' } })], undefined],
    ['an exact subject', [gh({ StringEquals: { ...aud, [`${GH}:sub`]: 'repo:acme/web:ref:refs/heads/main' } })], undefined],
    ['"*" under StringEquals is a literal', [gh({ StringEquals: { [`${GH}:sub`]: 'repo:*' } })], undefined],
    ['a wildcard subject but a pinned reusable workflow', [gh({ StringLike: { [`${GH}:sub`]: 'repo:*' }, StringEquals: { [`${GH}:job_workflow_ref`]: 'acme/ci/.github/workflows/deploy.yml@refs/heads/main' } })], undefined],
    ['a GitLab group wildcard', [st({ Federated: `arn:aws:iam::${ACCT}:oidc-provider/gitlab.com` }, { StringLike: { 'gitlab.com:sub': 'project_path:my*' } })], 'high'],
    ['Cognito pinned by its identity pool', [st({ Federated: 'cognito-identity.amazonaws.com' }, { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' } })], undefined],
    ['Cognito without its identity pool', [st({ Federated: 'cognito-identity.amazonaws.com' })], 'critical'],
    ['SAML (people, not workloads)', [st({ Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` })], undefined],
  ])('%s → %s', (_name, statements, severity) => {
    expect(openOidcTrust(graphOf(...statements), R)?.severity).toBe(severity);
  });

  it.each([
    ['*', true],
    ['repo:*', true],
    ['repo:acme*', true],
    ['repo:acme?/x', true],
    ['organization:ac*:project:x', true],
    ['repo:acme/*', false],
    ['repo:acme/web:*', false],
    ['organization:acme:project:*', false],
    ['system:serviceaccount:ns:*', false],
  ])('subject pattern %s admits other organisations: %s', (p, yes) => expect(admitsOtherOrgs(p)).toBe(yes));
});
