/**
 * The Vault export tree of fixtures/vault/acme, imported as the CLI reads it (real paths): every
 * file with its format, status, counts and dropped secrets; what the path convention places
 * where; and the canary planted in every secret-value field found nowhere after import.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, prescanFacts } from '../../../importers/import-file';
import { ImportSession } from '../../../graph/session';
import { snapshotOf } from '../../../graph/snapshot';
import { REPO_FIXTURES, repoFile } from '../../../test-support/public-corpus';
import { analyze } from '../../../analysis/analysis';
import { AS_OF, GITHUB } from '../test-support/scenario';
import { expectCleanImport } from '../../../test-support/clean-import';

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const TREE = join(REPO_FIXTURES, 'vault', 'acme');
const files = () => walk(TREE).sort().map((f) => repoFile(relative(REPO_FIXTURES, f)));
const CANARY = 'CANARY-vault-secret-123';

/** Every file of the tree: format, counts (placeholders excluded), secrets dropped. */
const TABLE: [string, string, Record<string, number>, number][] = [
  ['auth/approle/login.json', 'vault.read', {}, 2],
  ['auth/approle/role/admin-bot.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/approle/role/batch.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/approle/role/batch/role-id.json', 'vault.read', {}, 1],
  ['auth/approle/role/legacy-sync.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/aws/role/lambda-reader.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/aws/role/ops.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/github/config.json', 'vault.read', { 'auth method configuration': 1 }, 0],
  ['auth/github/role/any-workflow.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/github/role/infra-deploy.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/github/role/team-lead.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/kubernetes/config.json', 'vault.read', { 'auth method configuration': 1 }, 1],
  ['auth/kubernetes/role/monitoring.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/kubernetes/role/payments.json', 'vault.read', { 'vault.authRole': 1 }, 0],
  ['auth/token/lookup-self.json', 'vault.read', {}, 2],
  ['auth/token/roles/ops.json', 'vault.read', { 'vault.tokenRole': 1 }, 0],
  ['aws/config/root.json', 'vault.read', {}, 1],
  ['aws/creds/deploy.json', 'vault.read', {}, 4],
  ['aws/roles/deploy.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['aws/roles/s3-uploader.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['azure/config.json', 'vault.read', {}, 1],
  ['azure/roles/app-deployer.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['azure/roles/sandbox.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['database/config/payments-db.json', 'vault.read', { 'vault.database': 1 }, 1],
  ['database/creds/payments.json', 'vault.read', {}, 2],
  ['database/roles/payments.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['gcp/roleset/analytics.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['gcp/static-account/exporter.json', 'vault.read', { 'vault.dynamicRole': 1 }, 0],
  ['kv1/legacy/api-key.json', 'vault.read', { 'vault.secret': 1 }, 2],
  ['secret/data/apps/checkout/config.json', 'vault.read', { 'vault.secret': 1 }, 1],
  ['secret/data/payments/admin/root-creds.json', 'vault.read', { 'vault.secret': 1 }, 1],
  ['secret/data/payments/db.json', 'vault.read', { 'vault.secret': 1 }, 3],
  ['sys/auth.json', 'vault.mounts', { 'vault.mount': 5 }, 0],
  ['sys/mounts.json', 'vault.mounts', { 'vault.mount': 9 }, 0],
  ['sys/policies/acl/monitoring.json', 'vault.read', { 'vault.policy': 1, 'path block': 2 }, 0],
  ['sys/policy/admin.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 5 }, 0],
  ['sys/policy/app-team.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 1 }, 0],
  ['sys/policy/ci-deployer.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 5 }, 0],
  ['sys/policy/default.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 7 }, 0],
  ['sys/policy/payments.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 5 }, 0],
  ['sys/policy/policy-manager.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 2 }, 0],
  ['sys/policy/reader.json', 'vault.read', { 'vault.policy': 1, 'path block': 2 }, 0],
  ['sys/policy/role-admin.hcl', 'vault.policy.hcl', { 'vault.policy': 1, 'path block': 2 }, 0],
];

describe('the Vault fixture tree (fixtures/vault/acme)', () => {
  const session = new ImportSession();
  const inputs = files();
  const reports = session.addFiles(inputs);
  const byPath = new Map(inputs.map((f, i) => [relative(TREE, f.path!).replace(/\\/g, '/'), reports[i]!]));

  it('holds exactly the files of the table', () => {
    expect([...byPath.keys()].sort()).toEqual(TABLE.map(([p]) => p).sort());
  });

  it.each(TABLE)('%s imports as %s', (path, format, counts, dropped) => {
    const r = byPath.get(path)!;
    expectCleanImport(r, format);
    expect(r.counts).toEqual(counts);
    expect(r.droppedSecrets).toBe(dropped);
  });

  it('places every file by its path: ids are vault:<root folder>:<API path>', () => {
    const g = session.graph;
    const node = (id: string) => (g.hasNode(id) ? g.getNodeAttributes(id) : undefined);
    expect(node('vault:acme:auth/kubernetes/role/payments')).toMatchObject({ kind: 'vault.authRole', account: 'acme', placeholder: false, attributes: { method: 'kubernetes', mount: 'kubernetes', policies: ['payments'], boundServiceAccountNames: ['payments-api'], boundServiceAccountNamespaces: ['payments'], audience: 'vault' } });
    // The mount's type comes from sys/auth.json: the `github` mount is a jwt mount.
    expect(node('vault:acme:auth/github/role/infra-deploy')!.attributes).toMatchObject({ method: 'jwt', boundClaims: { repository: ['acme/infra'], ref: ['refs/heads/main'] }, boundAudiences: ['https://github.com/acme'], policies: ['ci-deployer'] });
    expect(node('vault:acme:auth/approle/role/legacy-sync')!.attributes).toMatchObject({ bindSecretId: false, secretIdBoundCidrs: ['10.20.0.0/16'] });
    expect(node('vault:acme:auth/token/roles/ops')).toMatchObject({ kind: 'vault.tokenRole', attributes: { allowedPolicies: ['admin'], createPath: 'auth/token/create/ops' } });
    expect(node('vault:acme:sys/auth/kubernetes')!.attributes).toMatchObject({ type: 'kubernetes', kubernetesHost: 'https://9F8E7D6C5B4A39281706F5E4D3C2B1A0.gr7.us-east-1.eks.amazonaws.com' });
    expect(node('vault:acme:sys/auth/github')!.attributes).toMatchObject({ type: 'jwt', boundIssuer: 'https://token.actions.githubusercontent.com' });
    expect(node('vault:acme:sys/mounts/secret')!.attributes).toMatchObject({ type: 'kv', kvVersion: '2' });
    expect(node('vault:acme:secret/data/payments/db')).toMatchObject({ kind: 'vault.secret', name: 'secret/payments/db', attributes: { kvVersion: 2, version: 3, secretPath: 'payments/db' } });
    // A version 1 mount (from sys/mounts.json): the API path has no data/.
    expect(node('vault:acme:kv1/legacy/api-key')).toMatchObject({ kind: 'vault.secret', attributes: { kvVersion: 1 } });
    expect(node('vault:acme:aws/roles/deploy')!.attributes).toMatchObject({ engine: 'aws', credentialType: 'assumed_role', credsPaths: ['aws/creds/deploy', 'aws/sts/deploy'], mints: ['arn:aws:iam::111122223333:role/deploy'] });
    expect(node('arn:aws:iam::111122223333:role/deploy')).toMatchObject({ kind: 'role', provider: 'aws', account: '111122223333', placeholder: true });
    expect(node('serviceAccount:vaultanalytics-1718000000@acme-data.iam.gserviceaccount.com')).toMatchObject({ kind: 'gcp.serviceAccount', provider: 'gcp', account: 'acme-data', placeholder: true });
    expect(node('vault:acme:azure/roles/app-deployer')!.attributes).toMatchObject({ applicationObjectId: '7d9e2c4a-3b1f-4e8d-a6c5-0f9b8e7d6c5a' });
    expect(node('vault:acme:database/config/payments-db')!.attributes).toMatchObject({ plugin: 'postgresql-database-plugin', host: 'postgresql://payments-db.acme.internal:5432/payments', allowedRoles: ['payments'] });
    expect(node('vault:acme:sys/policies/acl/reader')!.attributes).toMatchObject({ ruleCount: 2, readFrom: 'sys/policy/reader' });
  });

  it('gives every edge its evidence: the file and the field', () => {
    const k = 'hasPolicy|vault:acme:auth/github/role/team-lead|vault:acme:sys/policies/acl/policy-manager';
    expect(session.graph.getEdgeAttributes(k).evidence).toEqual([{ file: 'team-lead.json', location: 'auth/github/role/team-lead: data.token_policies[1]', policy: 'policy-manager' }]);
    const mints = session.graph.getEdgeAttributes('vault.mints|vault:acme:aws/roles/deploy|arn:aws:iam::111122223333:role/deploy');
    expect(mints.evidence[0]).toMatchObject({ file: 'deploy.json', location: 'aws/roles/deploy: data.role_arns[0]' });
    session.graph.forEachEdge((_, e) => expect(e.evidence.length).toBeGreaterThan(0));
  });

  it('learns the mounts before anything is imported (prescan)', () => {
    const facts = new Map<string, Set<string>>();
    prescanFacts(inputs, facts);
    expect([...(facts.get('vault.mount') ?? [])].sort()).toContain('acme\tsecret\tsecret\tkv\t2');
    expect([...(facts.get('vault.mount') ?? [])]).toContain('acme\tauth\tgithub\tjwt\t');
    // Without the mount lists, the shape of the path still places roles, and content tells the method.
    const alone = importFile(repoFile('vault/acme/auth/github/role/infra-deploy.json'));
    expect(alone.report.status).toBe('imported');
    expect(alone.fragment.nodes.get('vault:acme:auth/github/role/infra-deploy')!.attributes.method).toBe('jwt');
  });
});

describe('secret values never survive the import', () => {
  it(`the canary ${CANARY}, in every secret-value field of the tree, is nowhere in fragments, reports, the graph or the analysis`, async () => {
    const inputs = files();
    const planted = inputs.filter((f) => f.text.includes(CANARY));
    // Planted in a role ID, a login, a token lookup, engine and auth configurations, lease
    // credentials, a database connection and KV data.
    expect(planted.length).toBe(13);
    for (const f of inputs) {
      const imported = importFile(f);
      const { report, fragment } = imported;
      const text = JSON.stringify({ report, nodes: [...fragment.nodes.values()], edges: [...fragment.edges.values()] });
      expect(text.includes(CANARY), f.path).toBe(false);
      if (f.text.includes(CANARY)) expect(report.droppedSecrets, f.path).toBeGreaterThan(0);
      // The copy a host may keep instead of the file (when the core offers one): the parsed
      // output after the import, which the importers delete every dropped value from.
      const kept = (imported as { redacted?: string }).redacted;
      if (kept) {
        expect(kept.includes(CANARY), f.path).toBe(false);
        const again = importFile({ ...f, text: kept, bytes: kept.length });
        expect(again.report.droppedSecrets, f.path).toBe(0);
        expect([...again.fragment.nodes.keys()].sort(), f.path).toEqual([...fragment.nodes.keys()].sort());
        expect([...again.fragment.edges.keys()].sort(), f.path).toEqual([...fragment.edges.keys()].sort());
      }
    }
    const session = new ImportSession();
    const reports = session.addFiles(inputs);
    expect(reports.reduce((n, r) => n + r.droppedSecrets, 0)).toBe(22);
    const a = await analyze(session.graph, { asOf: AS_OF, starts: [{ issuer: GITHUB, subject: 'repo:acme/infra:ref:refs/heads/main' }] });
    const all = JSON.stringify({ reports, snapshot: snapshotOf(session), federation: a.federation, potential: [...a.providers.values()].map((p) => p.potential) });
    expect(all.includes(CANARY)).toBe(false);
    expect(all.includes('CANARY')).toBe(false);
  });
});
