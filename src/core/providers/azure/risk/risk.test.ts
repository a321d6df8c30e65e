/**
 * Azure and Entra ID's NHI risk rules, owners and metrics over the repository's Azure fixtures
 * (fixtures/azure) plus fixtures/risk/azure, as of 2025-06-01: each rule fires where the fixtures
 * say and not on its near miss; the neutral credential rules fire on application credentials;
 * owners files make an application and its service principal owned; the metrics are counted by
 * hand. Then the public Azure samples: the assessment completes and no person gets a finding.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../../graph/session';
import { analyze } from '../../../analysis/analysis';
import { assessRisk, type RiskReport } from '../../../risk/assess';
import type { FileInput } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, REPO_FIXTURES, repoFile } from '../../../test-support/public-corpus';
import { CLIENT_SECRET, FOREIGN_APP_PRIVILEGED, KEYVAULT_NO_EXPIRY, MULTI_TENANT_APP } from './rules';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const dirFiles = (...dirs: string[]) => dirs.flatMap((d) => walk(join(REPO_FIXTURES, d))).filter((f) => !f.endsWith('.md')).map((f) => repoFile(relative(REPO_FIXTURES, f)));

async function assess(files: FileInput[]): Promise<RiskReport> {
  const session = new ImportSession();
  const reports = session.addFiles(files);
  expect(reports.filter((r) => r.status !== 'imported').map((r) => r.file)).toEqual([]);
  return assessRisk(await analyze(session.graph, { asOf: AS_OF }));
}

const P = (oid: string) => `azure:principal:${oid}`;
const APP = (appId: string) => `azure:app:${appId}`;
const CI_APP = APP('c1000000-0000-4000-8000-000000000010');
const CI_SP = P('c1000000-0000-4000-8000-000000000011');
const LEGACY_APP = APP('c2000000-0000-4000-8000-000000000010');
const OPS_APP = APP('c3000000-0000-4000-8000-000000000010');
const GRAPH_SP = P('5f000000-0000-4000-8000-000000000001');
const VENDOR_BACKUP = P('e1000000-0000-4000-8000-000000000011');
const VENDOR_REPORTS = P('e2000000-0000-4000-8000-000000000011');
const SP_SECRET = `${CI_SP}#password/5e000000-0000-4000-8000-000000000001`;
const CI_CERT = `${CI_APP}#key/6e000000-0000-4000-8000-000000000002`;
const CI_OLD_SECRET = `${CI_APP}#password/6e000000-0000-4000-8000-000000000001`;
const OPS_CERT = `${OPS_APP}#key/8e000000-0000-4000-8000-000000000001`;
const KV = (vault: string, name: string) => `https://${vault}.vault.azure.net/secrets/${name}`;

let report: RiskReport;
const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
const subjects = (rule: string) => of(rule).map((f) => f.subject).sort();

beforeAll(async () => {
  report = await assess(dirFiles('azure', 'risk/azure'));
});

describe('Azure risk rules', () => {
  const TABLE: { rule: string; fires: string[]; nearMiss: string; why: string }[] = [
    { rule: CLIENT_SECRET.id, fires: [SP_SECRET], nearMiss: CI_CERT, why: 'a certificate; the application\'s own client secrets have expired' },
    { rule: KEYVAULT_NO_EXPIRY.id, fires: [KV('kv-legacy', 'reporting-client-secret'), KV('kv-payments', 'db-password')], nearMiss: KV('kv-payments', 'ci-deployer-secret'), why: 'it has an expiry (old-token has none but is disabled)' },
    { rule: MULTI_TENANT_APP.id, fires: [LEGACY_APP], nearMiss: CI_APP, why: 'ci-deployer is AzureADMyOrg' },
    { rule: FOREIGN_APP_PRIVILEGED.id, fires: [VENDOR_BACKUP], nearMiss: VENDOR_REPORTS, why: 'the other vendor application is only Reader' },
    { rule: 'nhi.credential-no-expiry', fires: [CI_CERT, SP_SECRET], nearMiss: OPS_CERT, why: 'the ops-automation certificate is valid six months' },
  ];
  it.each(TABLE)('$rule fires on its subjects, not on the near miss ($why)', ({ rule, fires, nearMiss }) => {
    expect(subjects(rule)).toEqual([...fires].sort());
    expect(subjects(rule)).not.toContain(nearMiss);
    for (const f of of(rule)) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.evidence[0]!.file).toMatch(/\.json$/);
    }
  });

  it('charges a client secret to its holder and says how to delete it', () => {
    const [f] = of(CLIENT_SECRET.id);
    expect(f).toMatchObject({ identity: CI_SP, owasp: 'NHI4', severity: 'medium', detail: 'sp-direct (client secret) 5e000000 of ci-deployer: a client secret of the service principal ci-deployer, valid until 2026-01-10.' });
    expect(f!.evidence[0]).toMatchObject({ file: 'service-principals.json', location: '[0].passwordCredentials[0]' });
    expect(f!.remediation).toBe('Give ci-deployer a federated credential or a certificate instead, then delete this secret (az ad sp credential delete --id c1000000-0000-4000-8000-000000000010 --key-id 5e000000-0000-4000-8000-000000000001).');
    // Expired client secrets open nothing.
    expect(subjects(CLIENT_SECRET.id)).not.toContain(CI_OLD_SECRET);
  });

  it('names the foreign tenant and the role, with the assignment as evidence', () => {
    const [f] = of(FOREIGN_APP_PRIVILEGED.id);
    expect(f!.detail).toBe('Contoso Backup: the application e1000000-0000-4000-8000-000000000010 belongs to tenant 0d0d0d0d-0000-4000-8000-00000000c0de (not 72f988bf-0000-4000-8000-2d7cd011db47) and holds Owner at /subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9.');
    expect(f!.evidence[0]).toMatchObject({ file: 'vendor-role-assignments.json', location: '[0]', statement: 'Owner' });
    // Microsoft's own applications are not third parties to judge.
    expect(report.findings.filter((x) => x.subject === GRAPH_SP && x.owasp === 'NHI3')).toEqual([]);
  });

  it('rates a multi-tenant application with no privileged service principal low', () => {
    const [f] = of(MULTI_TENANT_APP.id);
    expect(f).toMatchObject({ severity: 'low', detail: 'legacy-reporting: signInAudience AzureADMultipleOrgs.' });
    expect(f!.evidence[0]).toMatchObject({ file: 'applications.json' });
  });

  it('takes owners from owners files, inline owners and the application of a service principal', () => {
    const noOwner = subjects('nhi.no-owner');
    // ci-deployer: c1000000-….owners.json (Bob); its service principal through it; legacy-reporting: inline (Mallory).
    for (const owned of [CI_APP, CI_SP, LEGACY_APP]) expect(noOwner).not.toContain(owned);
    // Near miss: Microsoft Graph's service principal names no owner.
    expect(noOwner).toContain(GRAPH_SP);
  });

  it('counts the lifecycle metrics (by hand)', () => {
    expect(report.metrics.azure).toEqual({
      // ci-deployer, Microsoft Graph, 3e4f5061-… (a role assignment's ServicePrincipal), Contoso Backup, Contoso Cost Reports
      servicePrincipalsTotal: 5,
      // id-payments-api, id-payments-worker, vm-batch and aks-payments (system-assigned)
      managedIdentitiesTotal: 4,
      // ci-deployer app: certificate, github-fallback; legacy-reporting: old; ci-deployer SP: sp-direct;
      // ops-automation: certificate (id-payments-api's certificate is a managed identity's: Azure's)
      appCredentialsTotal: 5,
      appPasswordCredentials: 3,
      appCertificateCredentials: 2,
      // ci cert 2025-01-01→2027-01-01 (730 d), github-fallback 2023-01-10→2025-01-10 (731 d), sp-direct
      // 2024-01-10→2026-01-10 (731 d); not old (365 d) nor ops-automation (184 d)
      appCredentialsNoExpiryOrOverOneYear: 3,
      // github-fallback (2025-01-10), old (2023-06-01)
      appCredentialsExpired: 2,
      // db-password, old-token, ci-deployer-secret, reporting-client-secret
      keyVaultSecretsTotal: 4,
      // db-password, reporting-client-secret (old-token is disabled, ci-deployer-secret has an expiry)
      keyVaultSecretsWithoutExpiry: 2,
    });
  });
});

const SPECS = 'azure-rest-api-specs/specification';
const PUBLIC = [
  `${SPECS}/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/examples/RoleAssignments_ListForScope.json`,
  `${SPECS}/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/examples/FederatedIdentityCredentialList.json`,
  `${SPECS}/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/examples/IdentityListBySubscription.json`,
];

describe.skipIf(!hasPublicCorpus)('Azure risk over the public samples', () => {
  it('completes, and gives no person an NHI finding', async () => {
    const r = await assess(PUBLIC.map(publicFile));
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(humans.size).toBeGreaterThan(0);
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    expect(r.metrics.azure!.managedIdentitiesTotal).toBe(1);
  });
});
