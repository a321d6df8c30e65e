/**
 * The Vault analysis over the fixture tree (fixtures/vault/acme) and its companions (an EKS
 * cluster apps-eks with its service accounts, an AWS account's roles): who logs in as what,
 * which paths that gives, which cloud identities those paths hand out. Each escalation and each
 * federation holds in one test and goes away when one of its conditions changes.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileInput } from '../../importers/import-file';
import type { Analysis } from '../../analysis/analysis';
import { privilegePaths } from '../../analysis/privilege-paths';
import { blastRadius } from '../../analysis/blast-radius';
import { whoCan } from '../../analysis/who-can';
import { REPO_FIXTURES, repoFile } from '../../test-support/public-corpus';
import { analyzed, edgeOf, edited, GITHUB, type Edit } from './test-support/scenario';
import { vaultAnalysisOf, VAULT_TECHNIQUES } from './plugin';

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const ALL: FileInput[] = walk(join(REPO_FIXTURES, 'vault')).sort().map((f) => repoFile(relative(REPO_FIXTURES, f)));

const V = (p: string) => `vault:acme:${p}`;
const ADMIN = 'admin:vault:acme';
const ROLE = {
  payments: V('auth/kubernetes/role/payments'),
  monitoring: V('auth/kubernetes/role/monitoring'),
  batch: V('auth/approle/role/batch'),
  legacy: V('auth/approle/role/legacy-sync'),
  adminBot: V('auth/approle/role/admin-bot'),
  infra: V('auth/github/role/infra-deploy'),
  anyWorkflow: V('auth/github/role/any-workflow'),
  teamLead: V('auth/github/role/team-lead'),
  lambda: V('auth/aws/role/lambda-reader'),
  ops: V('auth/aws/role/ops'),
  tokenOps: V('auth/token/roles/ops'),
};
const AWS_DEPLOY = 'arn:aws:iam::111122223333:role/deploy';
const SA = (ns: string, name: string) => `k8s:apps-eks:ServiceAccount:${ns}/${name}`;
const MAIN = { issuer: GITHUB, subject: 'repo:acme/infra:ref:refs/heads/main' };
const PROD = { issuer: GITHUB, subject: 'repo:acme/platform:environment:prod' };
const oidc = (s: { subject: string }) => `oidc:${GITHUB}:${s.subject}`;

const esc = (a: Analysis, from: string, to: string, technique?: string) => edgeOf(a, 'escalatesTo', from, to, technique);
const fed = (a: Analysis, from: string, to: string, technique?: string) => edgeOf(a, 'federatesTo', from, to, technique);
const run = (edits: Record<string, Edit> = {}, starts = [MAIN, PROD]) => analyzed(edited(ALL, edits), starts);

let a: Analysis;
beforeAll(async () => {
  a = await run();
});

describe('Vault analysis', () => {
  it('lists its techniques', () => {
    expect(VAULT_TECHNIQUES.map((t) => t.id)).toEqual(['vault-root-policy', 'vault-policy-write', 'vault-auth-role-write', 'vault-approle-secret-id', 'vault-token-role', 'vault-read-creds', 'vault-azure-application']);
  });

  it('evaluates every login role, sharing decisions per policy set', () => {
    const v = vaultAnalysisOf(a)!;
    expect([...v.principals()].sort()).toEqual(Object.values(ROLE).sort());
    // batch and kubernetes/payments both carry payments + default: one policy set (as do the
    // three reader roles, and admin-bot with the ops token role).
    expect(v.accessGroupOf!(ROLE.batch)).toBe(v.accessGroupOf!(ROLE.payments));
    expect(v.accessGroupOf!(ROLE.lambda)).toBe(v.accessGroupOf!(ROLE.anyWorkflow));
    expect(v.model.sets.size).toBe(7);
  });

  it('finds the administrators: a policy they can rewrite, or a token role holding one', () => {
    const v = vaultAnalysisOf(a)!;
    expect([...v.admins.keys()].sort()).toEqual([ROLE.adminBot, ROLE.teamLead, ROLE.tokenOps].sort());
    expect(a.graph.getNodeAttribute(ROLE.teamLead, 'attributes').admin).toBe(true);
  });
});

describe('KV access: the most specific path, deny, KV v2 paths', () => {
  it('payments reads its own secrets, not the denied admin subtree', () => {
    const v = vaultAnalysisOf(a)!;
    expect(v.accessOf(ROLE.payments, V('secret/data/payments/db'))).toEqual({ allowed: { Read: ['read secret/data/payments/db'], List: ['list secret/metadata/payments/'] }, conditional: {} });
    expect(v.accessOf(ROLE.payments, V('secret/data/payments/admin/root-creds'))).toEqual({ allowed: { List: ['list secret/metadata/payments/admin/'] }, conditional: {} });
    expect(v.decide(ROLE.payments, 'read', V('secret/data/payments/admin/root-creds'))).toBe('no');
    const ev = v.accessEvidence!(ROLE.payments, V('secret/data/payments/db'), 'read');
    expect(ev).toEqual([expect.objectContaining({ file: 'payments.hcl', location: 'line 2: path "secret/data/payments/*"', policy: 'payments' })]);
  });

  it('a more specific block wins even when it grants less than the broader one (no union)', async () => {
    const b = await run({ 'sys/policy/payments.hcl': { text: (t) => t.replace('capabilities = ["deny"]', 'capabilities = ["list"]') } });
    expect(vaultAnalysisOf(b)!.decide(ROLE.payments, 'read', V('secret/data/payments/admin/root-creds'))).toBe('no');
  });

  it('…and the admin subtree is read once the deny block is gone', async () => {
    const b = await run({ 'sys/policy/payments.hcl': { text: (t) => t.replace('path "secret/data/payments/admin/*"', 'path "secret/data/payments/archive/*"') } });
    expect(vaultAnalysisOf(b)!.decide(ROLE.payments, 'read', V('secret/data/payments/admin/root-creds'))).toBe('allowed');
  });

  it('who can read a secret: the Vault roles, and what logs in as them', () => {
    const w = whoCan(a, V('secret/data/payments/db'), 'read');
    expect(w.direct.sort()).toEqual([ROLE.adminBot, ROLE.batch, ROLE.payments, ROLE.tokenOps].sort());
    expect(w.reachers.map((r) => r.id)).toEqual(expect.arrayContaining([SA('payments', 'payments-api'), ADMIN, ROLE.teamLead]));
  });
});

describe('escalation: rewrite a policy one holds', () => {
  it('team-lead may update sys/policies/acl/app-* and holds app-team: administrator', () => {
    const e = esc(a, ROLE.teamLead, ADMIN, 'vault-policy-write')!;
    expect(e.attributes).toMatchObject({ conditional: false, permissions: [{ action: 'update', resource: 'sys/policies/acl/app-team', decision: 'allowed' }] });
    expect(e.evidence[0]).toMatchObject({ file: 'policy-manager.hcl', location: 'line 2: path "sys/policies/acl/app-*"', policy: 'policy-manager' });
  });

  it('without app-team among its policies, policy-manager alone rewrites nothing it holds', async () => {
    const b = await run({ 'auth/github/role/team-lead.json': { set: { 'data.token_policies': ['policy-manager'], 'data.policies': ['policy-manager'] } } });
    expect(esc(b, ROLE.teamLead, ADMIN)).toBeUndefined();
  });

  it('the root policy makes an administrator (legacy-sync is not one until it holds root)', async () => {
    expect(esc(a, ROLE.legacy, ADMIN)).toBeUndefined();
    const b = await run({ 'auth/approle/role/legacy-sync.json': { set: { 'data.token_policies': ['root'], 'data.policies': ['root'] } } });
    expect(esc(b, ROLE.legacy, ADMIN, 'vault-root-policy')!.attributes.conditional).toBe(false);
  });
});

describe('escalation: rewrite an auth role, create from a token role', () => {
  it('role-admin (AWS ops) rewrites every Kubernetes role and creates admin tokens from the ops token role', () => {
    expect(esc(a, ROLE.ops, ROLE.payments, 'vault-auth-role-write')!.evidence[0]).toMatchObject({ file: 'role-admin.hcl', location: 'line 2: path "auth/kubernetes/role/*"' });
    expect(esc(a, ROLE.ops, ROLE.monitoring, 'vault-auth-role-write')).toBeDefined();
    expect(esc(a, ROLE.ops, ROLE.tokenOps, 'vault-token-role')).toBeDefined();
    expect(esc(a, ROLE.ops, ROLE.batch)).toBeUndefined();
  });

  it('a deny on one role path removes that edge only', async () => {
    const b = await run({ 'sys/policy/role-admin.hcl': { text: (t) => `${t}\npath "auth/kubernetes/role/payments" {\n  capabilities = ["deny"]\n}\n` } });
    expect(esc(b, ROLE.ops, ROLE.payments)).toBeUndefined();
    expect(esc(b, ROLE.ops, ROLE.monitoring, 'vault-auth-role-write')).toBeDefined();
  });

  it('a token role with no allowed policies passes on only its creator\'s: no edge', async () => {
    const b = await run({ 'auth/token/roles/ops.json': { set: { 'data.allowed_policies': [] } } });
    expect(esc(b, ROLE.ops, ROLE.tokenOps)).toBeUndefined();
  });
});

describe('escalation: AppRole secret IDs', () => {
  it('ci-deployer reads the batch role ID and mints secret IDs: logs in as batch', () => {
    const e = esc(a, ROLE.infra, ROLE.batch, 'vault-approle-secret-id')!;
    expect(e.attributes.conditional).toBe(false);
    expect(e.evidence.map((x) => x.location)).toEqual(['line 19: path "auth/approle/role/batch/secret-id"', 'line 16: path "auth/approle/role/batch/role-id"']);
  });

  it('without read on the role ID the step is conditional', async () => {
    const b = await run({ 'sys/policy/ci-deployer.hcl': { text: (t) => t.replace('path "auth/approle/role/batch/role-id"', 'path "auth/approle/role/other/role-id"') } });
    expect(esc(b, ROLE.infra, ROLE.batch, 'vault-approle-secret-id')!.attributes.conditional).toBe(true);
  });

  it('without secret-id generation there is no edge', async () => {
    const b = await run({ 'sys/policy/ci-deployer.hcl': { text: (t) => t.replace('path "auth/approle/role/batch/secret-id"', 'path "auth/approle/role/other/secret-id"') } });
    expect(esc(b, ROLE.infra, ROLE.batch)).toBeUndefined();
  });
});

describe('escalation: dynamic credentials and the cloud identities they mint', () => {
  it('payments reads aws/creds/deploy: the AWS role deploy, through vault.mints', () => {
    expect(esc(a, ROLE.payments, V('aws/roles/deploy'), 'vault-read-creds')!.attributes.conditional).toBe(false);
    expect(edgeOf(a, 'vault.mints', V('aws/roles/deploy'), AWS_DEPLOY)).toBeDefined();
    const br = blastRadius(a, ROLE.payments);
    expect(br.identities.map((i) => i.id)).toContain(AWS_DEPLOY);
  });

  it('ci-deployer\'s sts path is conditional on the ttl parameter it constrains', () => {
    const e = esc(a, ROLE.infra, V('aws/roles/deploy'), 'vault-read-creds')!;
    expect(e.attributes.conditional).toBe(true);
    expect(e.evidence[0]).toMatchObject({ location: 'line 2: path "aws/sts/deploy"', condition: 'allowed_parameters = { "ttl" = ["15m", "1h"] }' });
  });

  it('GCP and Azure engines: the service account and the application', () => {
    expect(esc(a, ROLE.infra, V('gcp/roleset/analytics'), 'vault-read-creds')).toBeDefined();
    expect(edgeOf(a, 'vault.mints', V('gcp/roleset/analytics'), 'serviceAccount:vaultanalytics-1718000000@acme-data.iam.gserviceaccount.com')).toBeDefined();
    expect(esc(a, ROLE.infra, V('azure/roles/app-deployer'), 'vault-read-creds')).toBeDefined();
    expect(esc(a, V('azure/roles/app-deployer'), 'azure:app-object:7d9e2c4a-3b1f-4e8d-a6c5-0f9b8e7d6c5a', 'vault-azure-application')).toBeDefined();
  });

  it('an Azure role without application_object_id makes a new principal per lease: no application edge', async () => {
    const b = await run({ 'azure/roles/app-deployer.json': { set: { 'data.application_object_id': '' } } });
    expect(esc(b, V('azure/roles/app-deployer'), 'azure:app-object:7d9e2c4a-3b1f-4e8d-a6c5-0f9b8e7d6c5a')).toBeUndefined();
    expect(esc(b, ROLE.infra, V('azure/roles/app-deployer'))).toBeUndefined();
  });

  it('without the creds path in its policy, payments reaches no AWS role', async () => {
    const b = await run({ 'sys/policy/payments.hcl': { text: (t) => t.replace('path "aws/creds/deploy"', 'path "aws/creds/other"') } });
    expect(esc(b, ROLE.payments, V('aws/roles/deploy'))).toBeUndefined();
    expect(blastRadius(b, ROLE.payments).identities.map((i) => i.id)).not.toContain(AWS_DEPLOY);
  });

  it('the database role gives access to its connection, not an identity', () => {
    const v = vaultAnalysisOf(a)!;
    expect(v.accessOf(ROLE.payments, V('database/config/payments-db'))?.allowed.Write).toEqual(['read database/creds/payments']);
    expect(esc(a, ROLE.payments, V('database/roles/payments'))).toBeUndefined();
  });
});

describe('federation: Kubernetes service accounts', () => {
  it('payments/payments-api of the cluster at kubernetes_host logs in as kubernetes/payments', () => {
    const e = fed(a, SA('payments', 'payments-api'), ROLE.payments, 'vault-kubernetes-auth')!;
    expect(e.attributes.conditional).toBe(false);
    expect(e.evidence.map((x) => x.location)).toEqual(['auth/kubernetes/role/payments: data.bound_service_account_names', 'auth/kubernetes/role/payments: data.bound_service_account_namespaces', 'auth/kubernetes/config: data.kubernetes_host']);
    expect(fed(a, SA('payments', 'worker'), ROLE.payments)).toBeUndefined();
  });

  it('`*` names: every account of the namespace, none outside it', () => {
    expect(fed(a, SA('monitoring', 'prometheus'), ROLE.monitoring)).toBeDefined();
    expect(fed(a, SA('monitoring', 'grafana'), ROLE.monitoring)).toBeDefined();
    expect(fed(a, SA('default', 'default'), ROLE.monitoring)).toBeUndefined();
  });

  it('another namespace: no edge, and the claim is reported', async () => {
    const b = await run({ 'auth/kubernetes/role/payments.json': { set: { 'data.bound_service_account_namespaces': ['payments-staging'] } } });
    expect(fed(b, SA('payments', 'payments-api'), ROLE.payments)).toBeUndefined();
    expect(b.federation).toContainEqual(expect.objectContaining({ to: ROLE.payments, technique: 'vault-kubernetes-auth', status: 'unverified' }));
  });

  it('another cluster endpoint: no edge, and the missing cluster is a potential finding', async () => {
    const b = await run({ 'auth/kubernetes/config.json': { set: { 'data.kubernetes_host': 'https://other.example.internal:6443' } } });
    expect(fed(b, SA('payments', 'payments-api'), ROLE.payments)).toBeUndefined();
    expect(vaultAnalysisOf(b)!.potential).toContainEqual(expect.objectContaining({ source: ROLE.payments, missing: expect.stringContaining('https://other.example.internal:6443') }));
  });

  it('a path from the pod\'s service account to the AWS role Vault mints', () => {
    const [p] = privilegePaths(a, SA('payments', 'payments-api'), AWS_DEPLOY);
    expect(p!.steps.map((s) => s.to)).toEqual([ROLE.payments, V('aws/roles/deploy'), AWS_DEPLOY]);
  });
});

describe('federation: GitHub workflows (JWT)', () => {
  it('acme/infra on main logs in as infra-deploy (repository and ref claims from the subject)', () => {
    const e = fed(a, oidc(MAIN), ROLE.infra, 'oidc-web-identity')!;
    expect(e.attributes.conditional).toBe(false);
    expect(e.evidence.map((x) => x.location)).toEqual(['auth/github/role/infra-deploy: data.bound_audiences', 'auth/github/role/infra-deploy: data.bound_claims.repository', 'auth/github/role/infra-deploy: data.bound_claims.ref', 'auth/github/config: data.bound_issuer']);
  });

  it('another branch or repository does not', async () => {
    const b = await run({}, [{ issuer: GITHUB, subject: 'repo:acme/infra:ref:refs/heads/dev' }, { issuer: GITHUB, subject: 'repo:acme/web:ref:refs/heads/main' }]);
    expect(fed(b, `oidc:${GITHUB}:repo:acme/infra:ref:refs/heads/dev`, ROLE.infra)).toBeUndefined();
    expect(fed(b, `oidc:${GITHUB}:repo:acme/web:ref:refs/heads/main`, ROLE.infra)).toBeUndefined();
  });

  it('team-lead binds the prod environment subject exactly', async () => {
    expect(fed(a, oidc(PROD), ROLE.teamLead)).toBeDefined();
    const b = await run({}, [{ issuer: GITHUB, subject: 'repo:acme/platform:ref:refs/heads/main' }]);
    expect(fed(b, `oidc:${GITHUB}:repo:acme/platform:ref:refs/heads/main`, ROLE.teamLead)).toBeUndefined();
  });

  it('a role bound by audience only admits any workflow of any organisation', () => {
    expect(fed(a, `oidc:${GITHUB}:*`, ROLE.anyWorkflow, 'oidc-any-subject')).toBeDefined();
    expect(fed(a, `oidc:${GITHUB}:*`, ROLE.infra)).toBeUndefined();
    expect(fed(a, `oidc:${GITHUB}:*`, ROLE.teamLead)).toBeUndefined();
  });

  it('a repository glob admits other organisations\' look-alikes', async () => {
    const b = await run({ 'auth/github/role/infra-deploy.json': { set: { 'data.bound_claims': { repository: 'acme*' }, 'data.bound_claims_type': 'glob' } } });
    expect(fed(b, `oidc:${GITHUB}:*`, ROLE.infra, 'oidc-any-subject')).toBeDefined();
  });

  it('the chain: a GitHub workflow → Vault → the AWS role, and → Vault administrator', () => {
    const [p] = privilegePaths(a, oidc(MAIN), AWS_DEPLOY);
    expect(p!.steps.map((s) => s.to)).toEqual([ROLE.infra, V('aws/roles/deploy'), AWS_DEPLOY]);
    expect(blastRadius(a, oidc(PROD)).adminOf).toContain('acme');
  });
});

describe('federation: AWS roles', () => {
  it('lambda-reader by its exact ARN; ops-* by a glob over the imported roles', () => {
    expect(fed(a, 'arn:aws:iam::111122223333:role/lambda-reader', ROLE.lambda, 'vault-aws-auth')!.evidence[0]).toMatchObject({ location: 'auth/aws/role/lambda-reader: data.bound_iam_principal_arn[0]' });
    expect(fed(a, 'arn:aws:iam::111122223333:role/ops-admin', ROLE.ops)).toBeDefined();
    expect(fed(a, 'arn:aws:iam::111122223333:role/ops-audit', ROLE.ops)).toBeDefined();
    expect(fed(a, 'arn:aws:iam::111122223333:role/reporting', ROLE.ops)).toBeUndefined();
  });

  it('another ARN: no edge', async () => {
    const b = await run({ 'auth/aws/role/lambda-reader.json': { set: { 'data.bound_iam_principal_arn': ['arn:aws:iam::111122223333:role/lambda-writer'] } } });
    expect(fed(b, 'arn:aws:iam::111122223333:role/lambda-reader', ROLE.lambda)).toBeUndefined();
  });

  it('an AWS role that logs in as ops reaches Vault administrator (ops token role)', () => {
    expect(blastRadius(a, 'arn:aws:iam::111122223333:role/ops-admin').adminOf).toContain('acme');
  });
});
