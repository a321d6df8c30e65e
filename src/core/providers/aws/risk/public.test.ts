/**
 * The AWS risk assessment over the real public exports (../shared/fixtures/public; skipped with a
 * notice when absent): it completes, humans get no NHI findings, and what the exports plainly show
 * is found (Identity Center roles are people; a role trusting "*"; a trust to an account the
 * export does not hold).
 */
import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../../risk/assess';
import { hasPublicCorpus, publicFile } from '../../../test-support/public-corpus';
import { analysedFiles, rawAwsFindings, riskContext } from './fixture.test-support';

const CM = 'cloudmapper/account-data/demo/us-east-1';

const SETS: { name: string; files: string[]; expect: (r: ReturnType<typeof assessRisk>) => void }[] = [
  {
    name: 'Cloudsplaining example account',
    files: ['cloudsplaining/examples/files/example.json'],
    expect(r) {
      const sso = r.classification.filter((c) => c.id.includes(':role/aws-reserved/sso.amazonaws.com/'));
      expect(sso).toHaveLength(2);
      for (const c of sso) expect(c).toMatchObject({ nature: 'human', reason: 'IAM Identity Center permission-set role: human federated access' });
      // The organisation's management account is not in this export: third party until imported.
      const third = r.findings.filter((f) => f.rule === 'aws.trust-third-party-no-external-id').map((f) => f.subject);
      expect(third).toContain('arn:aws:iam::200611803367:role/OrganizationAccountAccessRole');
    },
  },
  { name: 'Cloudsplaining test account', files: ['cloudsplaining/test/files/example-authz-details.json'], expect: () => {} },
  { name: 'Cloudsplaining v2 account', files: ['cloudsplaining/test/files/example_authz_v2.json'], expect: () => {} },
  {
    name: 'CloudMapper demo account',
    files: ['iam-get-account-authorization-details.json', 'iam-get-credential-report.json', 'iam-list-saml-providers.json', 'secretsmanager-list-secrets.json', 'secretsmanager-get-resource-policy/demo-secret', 'sts-get-caller-identity.json', 'iam-get-role/bad_role', 'iam-get-role/exfiller', 'iam-get-user/USER_WITH_BAD_INLINE_POLICY'].map((f) => `${CM}/${f}`),
    expect(r) {
      expect(r.findings.find((f) => f.rule === 'aws.trust-any-principal')).toMatchObject({ subject: 'arn:aws:iam::123456789012:role/bad_role', severity: 'critical' });
      // "user" signs in with a password and no MFA: a person, whose two active keys are no NHI finding.
      expect(r.classification.find((c) => c.id === 'arn:aws:iam::123456789012:user/user')).toMatchObject({ nature: 'human' });
      expect(r.metrics.aws).toMatchObject({ usersWithTwoActiveKeys: 1, consoleUsersWithoutMfa: 1, secretsTotal: 1 });
      expect(r.findings.filter((f) => f.rule === 'aws.two-active-keys')).toEqual([]);
    },
  },
];

describe.skipIf(!hasPublicCorpus)('AWS risk over the public exports', () => {
  it.each(SETS)('$name: completes, and humans get no NHI findings', async ({ files, expect: check }) => {
    const a = await analysedFiles(files.map(publicFile));
    const r = assessRisk(a);
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    // AWS's rules ask themselves, before the engine's filter would drop it.
    expect(rawAwsFindings(riskContext(a)).filter(({ f }) => humans.has(f.identity ?? f.subject))).toEqual([]);
    expect(Object.keys(r.metrics.aws ?? {})).toHaveLength(25);
    check(r);
  }, 60_000);
});
