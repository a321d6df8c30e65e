/**
 * GCP's NHI risk rules and metrics over the repository's GCP fixtures (fixtures/gcp) plus the small
 * additions of fixtures/risk/gcp, as of 2025-06-01: each rule fires where the fixtures say and not
 * on its near miss; the neutral key rules fire on user-managed keys; the metrics are counted by
 * hand. Then the public GCP samples: the assessment completes and no person gets a finding.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../../graph/session';
import { analyze } from '../../../analysis/analysis';
import { assessRisk, type RiskReport } from '../../../risk/assess';
import type { FileInput } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, REPO_FIXTURES, repoFile } from '../../../test-support/public-corpus';
import { BASIC_ROLE, KEY_DESPITE_FEDERATION, SHARED_SA } from './rules';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const dirFiles = (...dirs: string[]) => dirs.flatMap((d) => walk(join(REPO_FIXTURES, d))).filter((f) => !f.endsWith('.md')).map((f) => repoFile(relative(REPO_FIXTURES, f)));

/** Our fixtures import cleanly; the public samples may refuse an edge to a node they do not hold (partial). */
async function assess(files: FileInput[], accept: readonly string[] = ['imported']): Promise<RiskReport> {
  const session = new ImportSession();
  const reports = session.addFiles(files);
  expect(reports.filter((r) => !accept.includes(r.status)).map((r) => r.file)).toEqual([]);
  return assessRisk(await analyze(session.graph, { asOf: AS_OF }));
}

const SA = (name: string) => `serviceAccount:${name}`;
const COMPUTE = SA('1111-compute@developer.gserviceaccount.com');
const DEPLOYER = SA('deployer@acme-prod.iam.gserviceaccount.com');
const CI = SA('ci@acme-prod.iam.gserviceaccount.com');
const APP = SA('app@acme-prod.iam.gserviceaccount.com');
const KEY = (sa: string, id: string) => `//iam.googleapis.com/projects/acme-prod/serviceAccounts/${sa}/keys/${id}`;
const DEPLOYER_KEY = KEY('deployer@acme-prod.iam.gserviceaccount.com', '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567');
const EXPIRED_KEY = KEY('deployer@acme-prod.iam.gserviceaccount.com', '1122334455667788990011223344556677889900');
const DISABLED_KEY = KEY('deployer@acme-prod.iam.gserviceaccount.com', 'aabbccddeeff00112233445566778899aabbccdd');
const CI_KEY = KEY('ci@acme-prod.iam.gserviceaccount.com', '5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f');

let report: RiskReport;
const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
const subjects = (rule: string) => of(rule).map((f) => f.subject).sort();

beforeAll(async () => {
  report = await assess(dirFiles('gcp', 'risk/gcp'));
});

describe('GCP risk rules', () => {
  const TABLE: { rule: string; fires: string[]; nearMiss: string; why: string }[] = [
    { rule: BASIC_ROLE.id, fires: [COMPUTE, DEPLOYER], nearMiss: APP, why: 'app@ holds only roles/secretmanager.secretAccessor' },
    { rule: SHARED_SA.id, fires: [CI], nearMiss: APP, why: 'app@ is bound to one workload identity (payments/api)' },
    { rule: KEY_DESPITE_FEDERATION.id, fires: [CI_KEY], nearMiss: DEPLOYER_KEY, why: 'deployer@ is not used through workload identity' },
    { rule: 'nhi.credential-no-expiry', fires: [DEPLOYER_KEY], nearMiss: CI_KEY, why: 'the ci@ key expires 90 days after issue' },
    { rule: 'nhi.credential-old', fires: [DEPLOYER_KEY], nearMiss: CI_KEY, why: 'the ci@ key was issued 31 days before the as-of date' },
  ];
  it.each(TABLE)('$rule fires on its subjects, not on the near miss ($why)', ({ rule, fires, nearMiss }) => {
    expect(subjects(rule)).toEqual([...fires].sort());
    expect(subjects(rule)).not.toContain(nearMiss);
    for (const f of of(rule)) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.evidence[0]!.file).toMatch(/\.(json|yaml)$/);
      expect(f.remediation.length).toBeGreaterThan(20);
    }
  });

  it('says which basic role, where, and that the compute account is a default one', () => {
    const compute = of(BASIC_ROLE.id).find((f) => f.subject === COMPUTE)!;
    expect(compute).toMatchObject({ owasp: 'NHI5', severity: 'high', provider: 'gcp' });
    expect(compute.detail).toBe('1111-compute@developer.gserviceaccount.com (a default service account) holds roles/editor on //cloudresourcemanager.googleapis.com/projects/acme-prod.');
    expect(compute.evidence[0]).toMatchObject({ file: 'acme-prod.iam.json', location: 'bindings[2].members[0]' });
    expect(compute.remediation).toMatch(/iam\.automaticIamGrantsForDefaultServiceAccounts/);
  });

  it('names the workloads sharing an account, with the bindings as evidence', () => {
    const [f] = of(SHARED_SA.id);
    expect(f).toMatchObject({ owasp: 'NHI9', severity: 'medium', detail: 'ci@acme-prod.iam.gserviceaccount.com is used by 2 workloads: ci/builder (acme-prod), ci/runner (acme-prod).' });
    expect(f!.evidence.map((e) => [e.file, e.location])).toEqual([
      ['ci@acme-prod.iam.gserviceaccount.com.iam.json', 'bindings[0].members[0]'],
      ['ci@acme-prod.iam.gserviceaccount.com.iam.json', 'bindings[0].members[1]'],
    ]);
  });

  it('charges a key finding to the service account that holds the key', () => {
    const [f] = of(KEY_DESPITE_FEDERATION.id);
    expect(f).toMatchObject({ identity: CI, owasp: 'NHI4' });
    expect(f!.remediation).toMatch(/^Delete key 5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f of ci@acme-prod/);
    expect(f!.evidence[0]).toMatchObject({ file: 'keys-ci.json', location: 'name' });
  });

  it('judges no expired, disabled or Google-managed key', () => {
    const keyed = report.findings.filter((f) => f.subject.includes('/keys/')).map((f) => f.subject);
    expect(keyed).not.toContain(EXPIRED_KEY);
    expect(keyed).not.toContain(DISABLED_KEY);
    expect(keyed.some((k) => k.includes('9f8e7d6c5b4a'))).toBe(false);
    expect(of('nhi.credential-old').find((f) => f.subject === DEPLOYER_KEY)!.severity).toBe('high');
  });

  it('counts the lifecycle metrics (by hand)', () => {
    expect(report.metrics.gcp).toEqual({
      // 1111-compute, app, ci, deployer, legacy (service-1111@gcp-sa-cloudbuild is Google's)
      serviceAccountsTotal: 5,
      // deployer: 0a1b… (never expires), 1122… (expired 2021), aabb… (disabled); ci: 5c6d… —
      // deployer-key.json is 0a1b… again, 9f8e… is Google-managed
      serviceAccountKeysTotal: 4,
      // active and unexpired: 0a1b… (issued 2023-02-14, 837 days), 5c6d… (31 days)
      serviceAccountKeysOlderThan90d: 1,
      serviceAccountKeysOlderThan365d: 1,
      // 0a1b… (aabb… never expires too, but is disabled)
      serviceAccountKeysNoExpiry: 1,
      // db-password, api-token
      secretsTotal: 2,
      // api-token (rotation.nextRotationTime)
      secretsRotationEnabled: 1,
    });
  });
});

const FORSETI = 'forseti-security/tests/services/inventory/test_data';
const PL = (d: string) => `policy-library/validator/test/fixtures/${d}/assets/data.json`;
const PUBLIC = [
  `${FORSETI}/mock_cai_iam_policies.dump`,
  `${FORSETI}/mock_cai_project3_iam_policies.dump`,
  `${FORSETI}/mock_cai_resources.dump`,
  PL('gcp_iam_restrict_service_account_key_age'),
  PL('gcp_iam_restrict_service_account_key_type'),
  PL('iam_allowed_bindings'),
  PL('iam_allowed_policy_member_domains'),
];

describe.skipIf(!hasPublicCorpus)('GCP risk over the public samples', () => {
  it('completes, and gives no person an NHI finding', async () => {
    const r = await assess(PUBLIC.map(publicFile), ['imported', 'partial']);
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(humans.size).toBeGreaterThan(0);
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    expect(r.metrics.gcp!.serviceAccountKeysTotal).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.rule.startsWith('gcp.') || f.rule.startsWith('nhi.')).toBe(true);
  });
});
