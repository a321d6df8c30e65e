/** The CLI over real exports: same counts as the app, the JSON shape, and the exit codes. */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { PUBLIC_CORPUS, hasPublicCorpus } from '../core/test-support/public-corpus';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CLOUDSPLAINING = join(PUBLIC_CORPUS, 'cloudsplaining/examples/files/example.json');

describe.skipIf(!hasPublicCorpus)('blastmap analyze on the public corpus', () => {
  it('prints the Cloudsplaining counts as JSON with files, nodes, edges and stats', async () => {
    const r = await run(['analyze', CLOUDSPLAINING, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0]).toMatchObject({ file: CLOUDSPLAINING, format: 'aws.gaad', status: 'imported', warnings: [], errors: [] });
    expect(doc.stats.nodesByKind).toMatchObject({ user: 44, group: 5, role: 78, managedPolicy: 84, inlinePolicy: 39 });
    const role = doc.nodes.find((n: { kind: string }) => n.kind === 'role');
    expect(Object.keys(role)).toEqual(expect.arrayContaining(['id', 'kind', 'provider', 'name', 'attributes']));
    const edge = doc.edges.find((e: { kind: string }) => e.kind === 'canAssume');
    expect(edge.evidence[0]).toMatchObject({ file: CLOUDSPLAINING, location: expect.stringMatching(/^RoleDetailList\[\d+\]\.AssumeRolePolicyDocument\.Statement\[\d+\]$/) });
    expect(doc.stats.edges).toBe(doc.edges.length);
  });

  it('walks folders and prints a summary table; exit 0 when every file imported', async () => {
    const r = await run(['analyze', join(PUBLIC_CORPUS, 'cloudmapper'), join(PUBLIC_CORPUS, 'cloudsplaining'), join(PUBLIC_CORPUS, 'aws-scp-examples')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/20 of 20 files imported/);
    expect(r.out).toMatch(/44 users/);
  });
});

describe('the analysis date (--as-of)', () => {
  const DEMO = resolve(__dirname, '../../public/demo');

  it('defaults to the date the exports were taken and prints it in --json', async () => {
    const doc = JSON.parse((await run(['analyze', DEMO, '--json'])).out);
    expect(doc.asOf).toMatchObject({ time: '2026-11-22T08:05:00.000Z', source: 'export' });
    expect(doc.age.asOf).toBe('2026-11-22T08:05:00.000Z');
    expect(doc.age.counts['rotation-overdue']).toBeUndefined();
  });

  it('judges ages against --as-of, in every command', async () => {
    const doc = JSON.parse((await run(['analyze', DEMO, '--json', '--as-of', '2026-12-15'])).out);
    expect(doc.asOf).toMatchObject({ time: '2026-12-15T23:59:59.999Z', source: 'analyst' });
    expect(doc.age.entries.filter((e: { issues: string[] }) => e.issues.includes('rotation-overdue')).map((e: { name: string }) => e.name).sort()).toEqual(['prod/api/postgres', 'rds!cluster-5d3b6a1c-8e2f-4c7a-9b1d-0a6e4f2c8d91']);
    const text = (await run(['analyze', DEMO, '--as-of=2026-12-15T00:00:00Z'])).out;
    expect(text).toMatch(/^As of 2026-12-15T00:00:00.000Z \(given with --as-of\)$/m);
    for (const argv of [['admins'], ['blast', '--from', 'arn:aws:iam::210987654321:user/service/svc-backup'], ['who-can', '--to', 'arn:aws:iam::210987654321:role/break-glass']]) {
      const r = await run([argv[0]!, DEMO, ...argv.slice(1), '--as-of', '2027-01-02', '--json']);
      expect(JSON.parse(r.out).asOf.time).toBe('2027-01-02T23:59:59.999Z');
    }
  });

  it('who-can marks, in text, who gets in only through a condition the exports cannot decide', async () => {
    const text = (await run(['who-can', DEMO, '--to', 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/billing/stripe-api-key-Xc81Tb'])).out;
    expect(text).toMatch(/role\/billing-lambda {2}\(conditional\)$/m);
    // An administrator's access does not depend on the undecided condition.
    expect(text).toMatch(/ arn:aws:iam::210987654321:user\/alice\.ng$/m);
  });

  it('refuses a date it cannot read (exit 2, saying what it expects)', async () => {
    const r = await run(['admins', DEMO, '--as-of', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--as-of: "2026-02-30" is not a date: give YYYY-MM-DD or a full ISO time/);
  });
});

describe('--from oidc:<issuer>:<subject>: a token no export describes', () => {
  const roles = resolve(__dirname, '../../fixtures/aws/github-oidc-roles.json');
  const provider = resolve(__dirname, '../../fixtures/aws/github-oidc-provider.json');
  const token = 'oidc:token.actions.githubusercontent.com:repo:acme/web:ref:refs/heads/main';

  it('blast --json lists what the token reaches, with provider, kind and hops', async () => {
    const r = await run(['blast', roles, provider, '--from', token, '--json']);
    expect(r.code).toBe(0);
    const br = JSON.parse(r.out);
    expect(br.source).toBe(token);
    expect(br.identities.find((i: { id: string }) => i.id === 'arn:aws:iam::210987654321:role/gh-deploy-web-main')).toMatchObject({ provider: 'aws', kind: 'role', hops: 1 });
    expect(br.admins).toEqual([expect.objectContaining({ provider: 'aws', scope: '210987654321', hops: 2 })]);
  });

  it('paths explain the federation step with the trust statement', async () => {
    const r = await run(['paths', roles, provider, '--from', token, '--to', 'admin']);
    expect(r.out).toMatch(/Path 1: 2 hop\(s\)/);
    expect(r.out).toMatch(/github-oidc-roles\.json: RoleDetailList\[\d\]\.AssumeRolePolicyDocument\.Statement\[0\]/);
  });

  it('refuses a malformed start point', async () => {
    const r = await run(['blast', roles, '--from', 'oidc:nohost']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not an OIDC start point/);
  });
});

describe('a chain across three providers (the demo: GitHub Actions → AWS → EKS → AWS)', () => {
  const DEMO = resolve(__dirname, '../../public/demo');
  const token = 'oidc:token.actions.githubusercontent.com:repo:northwind-parcel/api:ref:refs/heads/main';
  const SA = 'k8s:northwind-prod:ServiceAccount:payments/payments-api';
  const IRSA = 'arn:aws:iam::210987654321:role/payments-api-irsa';

  it('paths: the workflow token assumes the deploy role, which aws-auth maps into the cluster, which may run pods as the payments service account, which IRSA federates back to an AWS role', async () => {
    const doc = JSON.parse((await run(['paths', DEMO, '--from', token, '--to', IRSA, '--k', '4', '--json'])).out);
    const chain = doc.paths.find((p: { steps: { to: string }[] }) => p.steps.some((s) => s.to === SA));
    expect(chain.steps.map((s: { kind: string; technique?: string }) => s.technique ?? s.kind)).toEqual(['oidc-web-identity', 'k8s.mapsTo', 'k8s-create-workload', 'eks-irsa']);
    expect(chain.steps[1].evidence[0].file).toMatch(/northwind-prod\.rbac\.json$/);
    expect(chain.steps[3].evidence.map((e: { file: string }) => e.file.split('/').pop())).toEqual(['northwind-prod.rbac.json', 'iam-get-account-authorization-details.json']);
  });

  it('blast --json from the service account lists identities and resources with id, provider, kind and hops', async () => {
    const br = JSON.parse((await run(['blast', DEMO, '--from', SA, '--json'])).out);
    expect(br.identities).toContainEqual(expect.objectContaining({ id: IRSA, provider: 'aws', kind: 'role', hops: 1 }));
    expect(br.resources).toContainEqual(expect.objectContaining({ id: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/api/postgres-9fK2qL', provider: 'aws', kind: 'secret', hops: 2, through: IRSA, levels: ['Read'] }));
  });

  it('the AWS data pipeline role reaches the GCP project owner through the workload identity pool (conditional on the pool provider)', async () => {
    const br = JSON.parse((await run(['blast', DEMO, '--from', 'arn:aws:iam::210987654321:role/data-pipeline', '--json'])).out);
    expect(br.admins).toContainEqual(expect.objectContaining({ provider: 'gcp', scope: 'northwind-analytics', conditional: true }));
  });
});

describe('blastmap exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-cli-'));
  const good = join(dir, 'users.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a' }] }));
  writeFileSync(bad, '{"UserDetailList": [');

  it('exits 1 when some file was rejected, and still imports the others', async () => {
    const r = await run(['analyze', good, bad, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: { status: string }) => f.status)).toEqual(['imported', 'rejected']);
    expect(doc.files[1].errors[0]).toBe(`${bad}: JSON ends unexpectedly at line 1 (the document that starts at line 1 is not closed)`);
    expect(doc.stats.nodesByKind.user).toBe(1);
  });

  it('a missing path is reported and skipped, the others analysed (exit 1)', async () => {
    const missing = join(dir, 'missing.json');
    const r = await run(['analyze', missing, good]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`blastmap: ${missing}: no such file or folder; skipped`);
    expect(r.out).toMatch(/1 of 2 files imported, 1 rejected/);
  });

  it.each([[[]], [['analyze']], [['frobnicate', good]], [['can', good, '--batch=']]])('exits 2 on bad usage: %j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^blastmap: /);
  });

  const bin = resolve(__dirname, '../../bin/blastmap.mjs');
  it.skipIf(!existsSync(resolve(__dirname, '../../dist-cli/blastmap.mjs')))('runs as the installed `blastmap` command', () => {
    const out = execFileSync(process.execPath, [bin, 'analyze', good], { encoding: 'utf8' });
    expect(out).toMatch(/1 of 1 files imported/);
    expect(spawnSync(process.execPath, [bin, 'analyze', bad]).status).toBe(1);
  });
});

describe.skipIf(!hasPublicCorpus)('analysis subcommands on IAM Vulnerable (Cloudsplaining example)', () => {
  const A = '200611803367';
  const U = (n: string) => `arn:aws:iam::${A}:user/${n}`;
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-batch-'));

  it('can: allowed / not allowed with the deciding statements', async () => {
    const r = await run(['can', CLOUDSPLAINING, '--principal', U('privesc4-CreateAccessKey-user'), '--action', 'iam:CreateAccessKey', '--resource', U('obama'), '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.decision).toBe('allowed');
    expect(d.allowedBy[0].ref).toMatchObject({ policyName: 'privesc4-CreateAccessKey', statement: '#0', effect: 'Allow' });
  });

  it('can --batch: one NDJSON decision per request, in order, errors in place', async () => {
    const file = join(dir, 'req.ndjson');
    writeFileSync(file, [
      JSON.stringify({ principal: U('fp3-deny-iam-user'), action: 'iam:CreateUser', resource: U('x') }),
      'not json',
      // Long-term keys carry no aws:TokenIssueTime; a GetSessionToken session does, but calls IAM only with MFA.
      JSON.stringify({ principal: U('fn3-exploitableConditionConstraint-user'), action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${A}:policy/fn3-exploitableConditionConstraint` }),
    ].join('\n'));
    const r = await run(['can', CLOUDSPLAINING, '--batch', file]);
    const lines = r.out.split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision ?? l.error)).toEqual(['denied', 'not valid JSON', 'conditional']);
  });

  it('admins --json lists admins and every principal that escalates, with paths', async () => {
    const doc = JSON.parse((await run(['admins', CLOUDSPLAINING, '--json'])).out);
    expect(doc.admins).toContain(`arn:aws:iam::${A}:role/privesc-high-priv-service-role`);
    const e = doc.escalatesToAdmin.find((x: { principal: string }) => x.principal === U('privesc7-AttachUserPolicy-user'));
    expect(e.paths[0].steps[0].technique).toBe('iam-008');
  });

  it('blast, paths and who-can answer in JSON', async () => {
    const blast = JSON.parse((await run(['blast', CLOUDSPLAINING, '--from', U('privesc13-AddUserToGroup-user'), '--json'])).out);
    expect(blast.adminOf).toEqual([A]);
    const paths = JSON.parse((await run(['paths', CLOUDSPLAINING, '--from', U('privesc13-AddUserToGroup-user'), '--to', 'admin', '--json'])).out);
    expect(paths.paths[0].steps[0].technique).toBe('iam-013');
    const who = JSON.parse((await run(['who-can', CLOUDSPLAINING, '--to', `arn:aws:iam::${A}:role/privesc-AssumeRole-ending-role`, '--json'])).out);
    expect(who.reachers.map((x: { id: string }) => x.id)).toContain(`arn:aws:iam::${A}:role/privesc-AssumeRole-starting-role`);
  });

  it('analyze --json carries admins, escalation to admin and paths that need inventory', async () => {
    const doc = JSON.parse((await run(['analyze', CLOUDSPLAINING, '--json'])).out);
    expect(doc.analysis.admins.length).toBeGreaterThan(0);
    expect(doc.analysis.escalatesToAdmin.some((e: { principal: string }) => e.principal === U('privesc1-CreateNewPolicyVersion-user'))).toBe(true);
    expect(doc.analysis.needsInventory.some((p: { technique: string }) => p.technique === 'lambda-003')).toBe(true);
    expect(doc.edges.some((e: { kind: string; attributes: { technique?: string } }) => e.kind === 'escalatesTo' && e.attributes.technique === 'iam-002')).toBe(true);
  });

  it('exits 2 for an unknown principal', async () => {
    const r = await run(['blast', CLOUDSPLAINING, '--from', 'arn:aws:iam::1:user/nobody']);
    expect(r.code).toBe(2);
  });
});

describe('blastmap techniques', () => {
  it('reports pathfinding.cloud coverage honestly', async () => {
    const doc = JSON.parse((await run(['techniques', '--json'])).out);
    expect(doc.summary.catalogue).toBe(65);
    expect(doc.summary.modelled + doc.summary.modelledWithInventory + doc.summary.needsInventory + doc.summary.notYet).toBe(65);
    expect(doc.summary).toMatchObject({ modelled: 45, modelledWithInventory: 17, needsInventory: 3, notYet: 0 });
    expect(new Set(doc.techniques.map((t: { id: string }) => t.id)).size).toBe(doc.techniques.length);
  });
});

describe('blastmap paths on the demo: one chain across three providers', () => {
  const TOKEN = 'oidc:token.actions.githubusercontent.com:repo:northwind-parcel/azure-sync:ref:refs/heads/main';
  const AZURE_ADMIN = 'admin:azure:6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';

  it('GitHub workflow -> AWS role -> the secret holding an Entra application credential -> Owner of the Azure subscription', async () => {
    const r = await run(['paths', resolve(__dirname, '../../public/demo'), '--from', TOKEN, '--to', AZURE_ADMIN, '--k', '3', '--json']);
    expect(r.code).toBe(0);
    type Step = { from: string; to: string; technique?: string; evidence: { file: string; location: string }[] };
    const paths = JSON.parse(r.out).paths as { steps: Step[] }[];
    // Two roles the workflow may assume read the secret (the org-wide terraform role, too): both
    // three-step paths cross GitHub -> AWS -> Azure the same way.
    for (const path of paths.slice(0, 2)) expect(path.steps.map((s) => s.technique)).toEqual(['oidc-web-identity', 'read-secret-credential', 'azure-role-assignment-write']);
    const path = paths.find((p) => p.steps[0]!.to === 'arn:aws:iam::210987654321:role/github-actions-azure-sync');
    expect(path?.steps.map((s) => s.to)).toEqual(['arn:aws:iam::210987654321:role/github-actions-azure-sync', 'azure:principal:9d40613a-5e7f-4081-acbd-2e3f4a5b6c7d', AZURE_ADMIN]);
    // Each provider's evidence: the AWS trust, the read grant and the analyst's mapping, the Azure assignment.
    const files = path!.steps.flatMap((s) => s.evidence.map((e) => e.file.split('/').pop()));
    expect(files).toEqual(expect.arrayContaining(['iam-get-account-authorization-details.json', 'secret-mapping.csv', 'azure-role-assignments.json']));
  });
});
