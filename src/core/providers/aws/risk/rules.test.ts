/**
 * The AWS rules over the risk fixture: each fires where the fixture plants it, at the severity
 * expected, and not on its near misses (humans, inactive or fresh keys, scoped trusts, pinned OIDC
 * subjects, SSO roles, administrators).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../analysis/analysis';
import { assessRisk, type RiskReport } from '../../../risk/assess';
import type { Severity } from '../../../risk/types';
import { MAIN, rawAwsFindings, riskContext, riskFixture, roleArn, SECOND, userArn } from './fixture.test-support';

const SSO = roleArn('AWSReservedSSO_AdministratorAccess_0123456789abcdef', MAIN, '/aws-reserved/sso.amazonaws.com/');

interface Row {
  rule: string;
  owasp: string;
  /** Subjects it must report, with the severity. */
  fires: [string, Severity][];
  /** Subjects it must not report. */
  nearMisses: string[];
  /** What the remediation of the first finding must name. */
  names: RegExp;
  /** The evidence location of the first finding. */
  location: RegExp;
}

const TABLE: Row[] = [
  {
    rule: 'aws.trust-any-principal',
    owasp: 'NHI3',
    fires: [[roleArn('public-role'), 'critical']],
    // `*` with an aws:PrincipalOrgID condition; a SAML-federated role; an account trust.
    nearMisses: [roleArn('org-wide-reader'), roleArn('saml-analysts'), roleArn('cross-account-deploy')],
    names: /trust policy of role public-role/,
    location: /^RoleDetailList\[3\]\.AssumeRolePolicyDocument\.Statement\[0\]$/,
  },
  {
    rule: 'aws.trust-third-party-no-external-id',
    owasp: 'NHI3',
    fires: [[roleArn('partner-sync'), 'high']],
    // A foreign account with sts:ExternalId; the import's two accounts trusting each other.
    nearMisses: [roleArn('vendor-audit'), roleArn('cross-account-deploy'), roleArn('ops-from-main', SECOND)],
    names: /role partner-sync for 444455556666/,
    location: /^RoleDetailList\[6\]\.AssumeRolePolicyDocument\.Statement\[0\]$/,
  },
  {
    rule: 'aws.trust-oidc-any-subject',
    owasp: 'NHI6',
    fires: [
      [roleArn('gh-no-sub'), 'critical'],
      [roleArn('gh-any-repo'), 'high'],
    ],
    // A pinned subject; an SSO role (SAML, not OIDC).
    nearMisses: [roleArn('gh-deploy-main'), SSO],
    names: /role gh-no-sub/,
    location: /^RoleDetailList\[11\]\.AssumeRolePolicyDocument\.Statement\[0\]$/,
  },
  {
    rule: 'aws.two-active-keys',
    owasp: 'NHI9',
    // s3 in us-east-1 and ec2 in eu-west-1: two workloads.
    fires: [[userArn('ci-deployer'), 'high']],
    // A human with two keys used apart; one active key and one inactive.
    nearMisses: [userArn('bob'), userArn('backup-sync')],
    // The key to retire is the one used least recently, named by its id (from list-access-keys).
    names: /deactivate and delete AKIACIDEPLOYER000002/,
    location: /^line 9 \(ci-deployer\)$/,
  },
  {
    rule: 'aws.nhi-console-password',
    owasp: 'NHI10',
    fires: [
      [userArn('svc-reporting'), 'high'],
      [userArn('jenkins'), 'high'],
    ],
    // Humans with passwords; a service user without one.
    nearMisses: [userArn('carol'), userArn('alice@example.com'), userArn('ci-deployer')],
    names: /login profile of user svc-reporting/,
    location: /^line 7 \(svc-reporting\)$/,
  },
  {
    rule: 'aws.nhi-console-signin',
    owasp: 'NHI10',
    fires: [[userArn('svc-reporting'), 'high']],
    // A service user whose password was never used; a human who signs in.
    nearMisses: [userArn('jenkins'), userArn('carol')],
    names: /signed in as user svc-reporting/,
    location: /^line 7 \(svc-reporting\)$/,
  },
  {
    rule: 'aws.nhi-console-no-mfa',
    owasp: 'NHI10',
    fires: [
      [userArn('svc-reporting'), 'high'],
      [userArn('jenkins'), 'high'],
    ],
    nearMisses: [userArn('carol'), userArn('alice@example.com')],
    names: /login profile of user svc-reporting/,
    location: /^line 7 \(svc-reporting\)$/,
  },
  {
    rule: 'aws.wildcard-grant',
    owasp: 'NHI5',
    fires: [[roleArn('ec2-app'), 'medium']],
    // `s3:Get*` on `*` (not a whole service); `s3:*` on one bucket; an administrator (nhi.admin says it).
    nearMisses: [userArn('backup-sync'), userArn('etl-loader'), userArn('admin-bot')],
    names: /In app-dynamo-all \(role ec2-app\)/,
    location: /^RoleDetailList\[2\]\.AttachedManagedPolicies\[0\]$/,
  },
];

describe('AWS rules over the risk fixture', () => {
  let r: RiskReport;
  let a: Analysis;
  beforeAll(async () => {
    a = await riskFixture();
    r = assessRisk(a);
  }, 60_000);

  it.each(TABLE)('$rule fires on its plants and not on its near misses', ({ rule, owasp, fires, nearMisses, names, location }) => {
    const found = r.findings.filter((f) => f.rule === rule);
    expect(found.map((f) => [f.subject, f.severity]).sort()).toEqual([...fires].sort());
    for (const miss of nearMisses) expect(found.map((f) => f.subject)).not.toContain(miss);
    const first = found.find((f) => f.subject === fires[0]![0])!;
    expect(first.owasp).toBe(owasp);
    expect(first.remediation).toMatch(names);
    expect(first.evidence[0]!.location).toMatch(location);
    expect(first.evidence[0]!.file).toMatch(/^(gaad\.json|credential-report\.csv)$/);
    expect(first.asOf).toBe('2026-11-30T00:00:00.000Z');
  });

  it('every AWS rule is in the catalogue the report lists, with a title, description and remediation', () => {
    const aws = r.rules.filter((x) => x.id.startsWith('aws.'));
    expect(aws.map((x) => x.id).sort()).toEqual(TABLE.map((t) => t.rule).sort());
    for (const x of aws) expect(x.title && x.description && x.remediation).toBeTruthy();
  });

  it('trust evidence carries the statement and its condition', () => {
    const f = r.findings.find((x) => x.rule === 'aws.trust-oidc-any-subject' && x.subject === roleArn('gh-any-repo'))!;
    expect(f.evidence[0]).toMatchObject({ file: 'gaad.json', statement: 'GitHubAnyRepo' });
    expect(f.evidence[0]!.condition).toContain('repo:*');
    expect(f.detail).toMatch(/subjects repo:\*, which admit other organisations/);
  });

  it('wildcard evidence names the policy and statement', () => {
    const f = r.findings.find((x) => x.rule === 'aws.wildcard-grant')!;
    expect(f.evidence[0]).toMatchObject({ policy: `arn:aws:iam::${MAIN}:policy/app-dynamo-all`, statement: 'AllDynamo' });
    expect(f.detail).toBe('ec2-app: allowed dynamodb:* in app-dynamo-all (statement AllDynamo) on Resource "*".');
  });

  it('humans get no NHI findings, whatever rule', () => {
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(humans.size).toBe(6);
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    // AWS's own rules ask, before the engine's filter would drop it.
    expect(rawAwsFindings(riskContext(a)).filter(({ f }) => humans.has(f.identity ?? f.subject))).toEqual([]);
  });
});
