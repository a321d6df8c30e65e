/**
 * Vault's NHI risk rules and metrics over the repository's Vault tree (fixtures/vault: the Vault
 * `acme` and its companions) plus the roles and policy of fixtures/risk/vault, as of 2025-06-01:
 * each rule fires where the fixtures say and not on its near miss; the metrics are counted by
 * hand. Then the public Vault samples (vault-guides policies): the assessment completes.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../../graph/session';
import { analyze } from '../../../analysis/analysis';
import { assessRisk, type RiskReport } from '../../../risk/assess';
import type { FileInput } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, REPO_FIXTURES, repoFile } from '../../../test-support/public-corpus';
import { importFile } from '../../../importers/import-file';
import { BROAD_POLICY, broadRules, NO_MAX_TTL, PERIODIC_TOKEN, tokenMaxTtl } from './rules';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const dirFiles = (...dirs: string[]) => dirs.flatMap((d) => walk(join(REPO_FIXTURES, d))).filter((f) => !f.endsWith('.md')).sort().map((f) => repoFile(relative(REPO_FIXTURES, f)));

async function assess(files: FileInput[]): Promise<RiskReport> {
  const session = new ImportSession();
  const reports = session.addFiles(files);
  expect(reports.filter((r) => r.status === 'rejected').map((r) => r.file)).toEqual([]);
  return assessRisk(await analyze(session.graph, { asOf: AS_OF }));
}

const V = (p: string) => `vault:acme:${p}`;
const APPROLE = (name: string) => V(`auth/approle/role/${name}`);
const ACME_ROLES = ['approle/role/admin-bot', 'approle/role/batch', 'approle/role/legacy-sync', 'aws/role/lambda-reader', 'aws/role/ops', 'github/role/any-workflow', 'github/role/infra-deploy', 'github/role/team-lead', 'kubernetes/role/monitoring', 'kubernetes/role/payments'].map((r) => V(`auth/${r}`));

let report: RiskReport;
const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
const subjects = (rule: string) => of(rule).map((f) => f.subject).sort();

beforeAll(async () => {
  report = await assess(dirFiles('vault', 'risk/vault'));
});

describe('Vault token lifetimes and policies', () => {
  it('reads the lifetime fields of auth and token roles', () => {
    const { fragment } = importFile(repoFile('risk/vault/acme/auth/approle/role/year-plus.json'));
    const role = [...fragment.nodes.values()].find((n) => n.kind === 'vault.authRole')!;
    expect(role.attributes).toMatchObject({ tokenMaxTtl: 0, tokenExplicitMaxTtl: 40000000, tokenPeriod: 0 });
    const token = [...importFile(repoFile('vault/acme/auth/token/roles/ops.json')).fragment.nodes.values()].find((n) => n.kind === 'vault.tokenRole')!;
    expect(token.attributes).toMatchObject({ tokenExplicitMaxTtl: 0, tokenPeriod: 0 });
  });

  it.each([
    ['neither set', { tokenMaxTtl: 0, tokenExplicitMaxTtl: 0 }, 'vault.authRole', { seconds: 0, field: '' }],
    ['the smaller of the two', { tokenMaxTtl: 7200, tokenExplicitMaxTtl: 3600 }, 'vault.authRole', { seconds: 3600, field: 'token_explicit_max_ttl' }],
    ['max only', { tokenMaxTtl: 7200, tokenExplicitMaxTtl: 0 }, 'vault.authRole', { seconds: 7200, field: 'token_max_ttl' }],
    ['not in the export', {}, 'vault.authRole', undefined],
    ['a token role (no token_max_ttl)', { tokenExplicitMaxTtl: 0 }, 'vault.tokenRole', { seconds: 0, field: '' }],
  ] as const)('max TTL: %s', (_what, attrs, kind, want) => {
    expect(tokenMaxTtl(kind, attrs)).toEqual(want);
  });

  it('takes sudo and every-path blocks as broad, never a deny', () => {
    const r = (path: string, caps: string[]) => ({ path, caps, line: 1 }) as never;
    expect(broadRules([r('sys/mounts/*', ['read', 'sudo']), r('*', ['read', 'list']), r('+/*', ['list']), r('*', ['deny']), r('secret/*', ['read']), r('secret/*', [])]).map((x: { path: string }) => x.path)).toEqual(['sys/mounts/*', '*', '+/*']);
  });
});

describe('Vault risk rules', () => {
  const TABLE: { rule: string; fires: string[]; nearMiss: string; why: string }[] = [
    { rule: NO_MAX_TTL.id, fires: [...ACME_ROLES, V('auth/token/roles/ops'), APPROLE('year-plus')], nearMiss: APPROLE('short-lived'), why: 'token_max_ttl 3600' },
    { rule: PERIODIC_TOKEN.id, fires: [APPROLE('periodic')], nearMiss: APPROLE('batch'), why: 'token_period 0' },
    { rule: BROAD_POLICY.id, fires: [APPROLE('admin-bot'), V('auth/token/roles/ops'), APPROLE('wildcard-reader')], nearMiss: APPROLE('batch'), why: 'payments and default grant neither sudo nor every path' },
  ];
  it.each(TABLE)('$rule fires on its subjects, not on the near miss ($why)', ({ rule, fires, nearMiss }) => {
    expect(subjects(rule)).toEqual([...fires].sort());
    expect(subjects(rule)).not.toContain(nearMiss);
    for (const f of of(rule)) expect(f.evidence[0]!.file).toMatch(/\.(json|hcl)$/);
  });

  it('rates a maximum over a year above an unset one', () => {
    const year = of(NO_MAX_TTL.id).find((f) => f.subject === APPROLE('year-plus'))!;
    expect(year).toMatchObject({ severity: 'medium', owasp: 'NHI7', detail: 'role approle/year-plus: tokens may live about 463 days (token_explicit_max_ttl), over a year.' });
    expect(year.remediation).toBe('Lower token_explicit_max_ttl on auth/approle/role/year-plus to what one job needs (vault write auth/approle/role/year-plus token_explicit_max_ttl=1h).');
    const batch = of(NO_MAX_TTL.id).find((f) => f.subject === APPROLE('batch'))!;
    expect(batch).toMatchObject({ severity: 'low', evidence: [expect.objectContaining({ file: 'batch.json' })] });
  });

  it('says a periodic role\'s tokens never expire', () => {
    const [f] = of(PERIODIC_TOKEN.id);
    expect(f!.detail).toBe('role approle/periodic: periodic tokens (period 1 day) with no explicit maximum TTL.');
    // Reported as periodic, not again as "no max TTL".
    expect(subjects(NO_MAX_TTL.id)).not.toContain(APPROLE('periodic'));
  });

  it('cites the policy block and the role field that attach sudo or every path', () => {
    const bot = of(BROAD_POLICY.id).find((f) => f.subject === APPROLE('admin-bot'))!;
    expect(bot).toMatchObject({ owasp: 'NHI5', severity: 'high' });
    expect(bot.detail).toMatch(/^role approle\/admin-bot: its tokens hold policy admin \(sys\/policies\/acl\/\*: create, read, update, delete, list, sudo; auth\/\*: /);
    expect(bot.evidence[0]).toMatchObject({ file: 'admin-bot.json', location: 'auth/approle/role/admin-bot: data.token_policies[0]' });
    expect(bot.evidence[1]).toMatchObject({ file: 'admin.hcl', location: 'line 2: path "sys/policies/acl/*"', policy: 'admin' });
    const wildcard = of(BROAD_POLICY.id).find((f) => f.subject === APPROLE('wildcard-reader'))!;
    expect(wildcard.detail).toBe('role approle/wildcard-reader: its tokens hold policy everything (*: read, list).');
    expect(wildcard.remediation).toMatch(/^Detach policy everything from auth\/approle\/role\/wildcard-reader/);
  });

  it('counts the lifecycle metrics (by hand)', () => {
    expect(report.metrics.vault).toEqual({
      // acme: approle admin-bot, batch, legacy-sync; aws lambda-reader, ops; github any-workflow,
      // infra-deploy, team-lead; kubernetes monitoring, payments (10) + short-lived, year-plus, periodic, wildcard-reader
      authRolesTotal: 14,
      // the 10 acme roles (token_max_ttl 0, token_explicit_max_ttl 0) + periodic; the token role ops is not an auth role
      authRolesWithoutMaxTtl: 11,
      // admin.hcl (everything.hcl reads every path, without sudo)
      policiesWithSudo: 1,
    });
  });
});

describe.skipIf(!hasPublicCorpus)('Vault risk over the public samples', () => {
  it('completes over the vault-guides policies', async () => {
    const G = 'vault-guides';
    const files = ['cloud/terraform-hcp-vault/configure-vault/policies/admin-policy.hcl', 'cloud/terraform-hcp-vault/configure-vault/policies/eaas-client-policy.hcl', 'identity/aws-second-sample/dev-policy.hcl', 'governance/sentinel/my-acl-policy.json'];
    const r = await assess(files.map((f) => publicFile(`${G}/${f}`)));
    // Policies alone name no identity: nothing to judge, and the metrics still count them.
    expect(r.findings).toEqual([]);
    expect(r.metrics.vault).toEqual({ authRolesTotal: 0, authRolesWithoutMaxTtl: 0, policiesWithSudo: 1 });
  });
});
