/** Every AWS export of the public corpus, table-driven: format, status and real counts. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile } from '../../../test-support/public-corpus';
import { expectCleanImport } from '../../../test-support/clean-import';

const CM = 'cloudmapper/account-data/demo/us-east-1';
const SCP = 'aws-scp-examples';

const TABLE: { file: string; format: string; counts: Record<string, number> }[] = [
  { file: 'cloudsplaining/examples/files/example.json', format: 'aws.gaad', counts: { user: 44, group: 5, role: 78, managedPolicy: 84, inlinePolicy: 39, instanceProfile: 2 } },
  { file: 'cloudsplaining/test/files/example-authz-details.json', format: 'aws.gaad', counts: { user: 3, group: 2, role: 3, managedPolicy: 32, inlinePolicy: 6, instanceProfile: 1 } },
  { file: 'cloudsplaining/test/files/example_authz_v2.json', format: 'aws.gaad', counts: { user: 1, group: 1, role: 2, managedPolicy: 2, inlinePolicy: 2 } },
  { file: `${CM}/iam-get-account-authorization-details.json`, format: 'aws.gaad', counts: { user: 2, group: 1, role: 4, managedPolicy: 2, inlinePolicy: 4 } },
  { file: `${CM}/iam-get-credential-report.json`, format: 'aws.credential-report', counts: { account: 1, user: 2, accessKey: 4, password: 1 } },
  { file: `${CM}/iam-get-role/bad_role`, format: 'aws.iam.get-role', counts: { role: 1 } },
  { file: `${CM}/iam-get-role/exfiller`, format: 'aws.iam.get-role', counts: { role: 1 } },
  { file: `${CM}/iam-get-user/USER_WITH_BAD_INLINE_POLICY`, format: 'aws.iam.get-user', counts: { user: 1 } },
  { file: `${CM}/iam-list-saml-providers.json`, format: 'aws.iam.list-identity-providers', counts: {} },
  { file: `${CM}/s3-get-bucket-policy/cloudmapper_demo`, format: 'aws.s3.get-bucket-policy', counts: { bucket: 1, resourcePolicy: 1 } },
  { file: `${CM}/s3-list-buckets.json`, format: 'aws.s3.list-buckets', counts: { bucket: 1 } },
  { file: `${CM}/secretsmanager-get-resource-policy/demo-secret`, format: 'aws.secretsmanager.get-resource-policy', counts: { secret: 1 } },
  { file: `${CM}/secretsmanager-list-secrets.json`, format: 'aws.secretsmanager.list-secrets', counts: { secret: 1 } },
  { file: `${CM}/sts-get-caller-identity.json`, format: 'aws.sts.get-caller-identity', counts: { account: 1 } },
  { file: `${CM}/iam-get-account-summary.json`, format: 'aws.iam.get-account-summary', counts: { 'summary Users': 1, 'summary Roles': 9 } },
  { file: `${SCP}/Privileged-access-controls/Deny-member-accounts-from-leaving-your-AWS-organization.json`, format: 'aws.policy-document', counts: { managedPolicy: 1 } },
  { file: `${SCP}/Privileged-access-controls/Deny-modifications-to-specific-IAM-roles.json`, format: 'aws.policy-document', counts: { managedPolicy: 1 } },
  { file: `${SCP}/Privileged-access-controls/Deny-the-root-user-from-performing-actions-except-S3-bucketpolicy-changes.json`, format: 'aws.policy-document', counts: { managedPolicy: 1 } },
  { file: `${SCP}/Protect-cloud-platform-resource/Deny-use-of-IAM-user-credentials-from-unexpected-networks.json`, format: 'aws.policy-document', counts: { managedPolicy: 1 } },
  { file: `${SCP}/Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json`, format: 'aws.policy-document', counts: { managedPolicy: 1 } },
];

describe.skipIf(!hasPublicCorpus)('public AWS exports', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, counts }) => {
    const { report } = importFile(publicFile(file));
    expectCleanImport(report, format);
    for (const [kind, n] of Object.entries(counts)) expect(report.counts[kind], kind).toBe(n);
  });

  it('keeps trust policies, role last use, tags and managed-policy versions of the Cloudsplaining account', () => {
    const { fragment } = importFile(publicFile(TABLE[0]!.file));
    const roles = [...fragment.nodes.values()].filter((n) => n.kind === 'role' && !n.placeholder);
    expect(roles.filter((r) => r.attributes.lastUsed !== undefined)).toHaveLength(26);
    expect(roles.filter((r) => Array.isArray(r.attributes.tags))).toHaveLength(16);
    const multi = [...fragment.nodes.values()].filter((n) => n.kind === 'managedPolicy' && (n.attributes.versions as unknown[] | undefined)?.length === 2);
    expect(multi).toHaveLength(1);
    const trusts = [...fragment.edges.values()].filter((e) => e.kind === 'canAssume');
    expect(trusts.some((e) => e.source === 'arn:aws:iam::072528804237:root')).toBe(true);
    expect(trusts.filter((e) => fragment.nodes.get(e.source)?.kind === 'identityProvider').length).toBeGreaterThanOrEqual(2);
    for (const e of fragment.edges.values()) expect(e.evidence[0]!.file).toBe('example.json');
  });

  it('reads the cloudmapper credential report whose Content is already-decoded CSV', () => {
    const { fragment } = importFile(publicFile(`${CM}/iam-get-credential-report.json`));
    const user = fragment.nodes.get('arn:aws:iam::123456789012:user/user')!;
    expect(user.attributes.passwordEnabled).toBe(true);
    expect(user.attributes.mfaActive).toBe(false);
    const key2 = fragment.nodes.get('arn:aws:iam::123456789012:user/user#access-key-2')!;
    expect(key2.attributes).toMatchObject({ active: true, lastUsedService: 's3', lastUsed: '2018-05-07T15:35:54.000Z' });
    const root = fragment.nodes.get('arn:aws:iam::123456789012:root')!;
    expect(root.kind).toBe('account');
  });

  it('takes the bucket of a bucket policy from its statements and grants anyone s3:GetObject', () => {
    const { fragment } = importFile(publicFile(`${CM}/s3-get-bucket-policy/cloudmapper_demo`));
    const grant = [...fragment.edges.values()].find((e) => e.kind === 'grants')!;
    expect(grant.source).toBe('*');
    expect(grant.target).toBe('arn:aws:s3:::cloudmapper_demo');
    expect(grant.attributes.actions).toEqual(['s3:GetObject']);
    expect(grant.evidence[0]!.statement).toBe('PublicReadGetObject');
  });

  it('normalises the CLI v2 local-zone timestamps of list-secrets to UTC', () => {
    const { fragment } = importFile(publicFile(`${CM}/secretsmanager-list-secrets.json`));
    const secret = [...fragment.nodes.values()][0]!;
    expect(secret.attributes.lastChanged).toBe('2019-10-17T21:47:00.587Z');
    expect(secret.attributes.tags).toContainEqual(['access-team', 'eng']);
  });
});
