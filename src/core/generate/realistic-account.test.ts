/**
 * The realistic generated account: deterministic, a valid export our importers read without a
 * warning, and its planted answers hold: the engine finds every planted path and no decoy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../importers/import-file';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { adminReport, type AdminReport } from '../analysis/admins';
import { textFile } from '../test-support/public-corpus';
import { loadManagedPolicies } from '../providers/aws/managed-policies';
import { realisticAccount, type RealisticAccount } from './realistic-account';
import { credentialReportEnvelope, credentialReportLines, gaadChunks } from './export';
import { GENERATED_AT, realize } from './model';

function texts(a: RealisticAccount): { gaad: string; report: string } {
  const csv = [...credentialReportLines(a)].join('');
  const env = credentialReportEnvelope(a);
  return { gaad: [...gaadChunks(a)].join(''), report: env.before + Buffer.from(csv, 'utf8').toString('base64') + env.after };
}

describe('realistic generated account', () => {
  const N = 300;
  const account = realisticAccount({ principals: N, seed: 11 });
  const { gaad, report } = texts(account);
  const x = account.expected;

  it('is deterministic for a seed and differs across seeds', () => {
    const again = texts(realisticAccount({ principals: N, seed: 11 }));
    expect(again.gaad).toBe(gaad);
    expect(again.report).toBe(report);
    expect(JSON.stringify(realisticAccount({ principals: N, seed: 11 }).expected)).toBe(JSON.stringify(x));
    expect(texts(realisticAccount({ principals: N, seed: 12 })).gaad).not.toBe(gaad);
  });

  it('has the requested principals, about 40% users, most of them service users with keys', () => {
    const doc = JSON.parse(gaad);
    expect(doc.UserDetailList.length + doc.RoleDetailList.length).toBe(N);
    expect(doc.UserDetailList.length).toBe(Math.round(N * 0.4));
    expect(x.counts).toEqual({ users: doc.UserDetailList.length, roles: doc.RoleDetailList.length, groups: doc.GroupDetailList.length, policies: doc.Policies.length });
    const users = account.users.map(realize);
    const withKeys = users.filter((u) => u.keys.length > 0 && !u.password);
    expect(withKeys.length / users.length).toBeGreaterThan(0.5);
    const names = new Set(doc.RoleDetailList.map((r: { RoleName: string }) => r.RoleName));
    expect(names.size).toBe(doc.RoleDetailList.length);
  });

  it('reuses attachment sets across many roles, with boundaries, conditions, root and chained trusts', () => {
    const big = realisticAccount({ principals: 3000, seed: 5 });
    const roles = big.roles.map(realize);
    const sets = new Map<string, number>();
    for (const r of roles) sets.set(r.managed.join('|'), (sets.get(r.managed.join('|')) ?? 0) + 1);
    expect(Math.max(...sets.values())).toBeGreaterThan(100);
    expect(roles.filter((r) => r.boundary).length).toBeGreaterThan(50);
    const trusts = roles.map((r) => JSON.stringify(r.trust));
    expect(trusts.some((t) => t.includes(`arn:aws:iam::${big.account}:root`))).toBe(true);
    expect(trusts.some((t) => t.includes('sts:ExternalId'))).toBe(true);
    expect(trusts.some((t) => t.includes('AssumeRoleWithSAML'))).toBe(true);
    expect(trusts.some((t) => t.includes('AssumeRoleWithWebIdentity'))).toBe(true);
    expect(trusts.some((t) => /"AWS":"arn:aws:iam::\d{12}:role\//.test(t))).toBe(true);
    const text = [...gaadChunks(big)].join('');
    for (const key of ['aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:RequestedRegion', 'aws:PrincipalTag', 's3:prefix', 'NotAction']) expect(text).toContain(key);
    expect(roles.some((r) => r.lastUsed === undefined) && roles.some((r) => r.lastUsed !== undefined)).toBe(true);
  }, 30_000);

  it('is read by our importers without a warning', () => {
    const g = importFile(textFile('gaad.json', gaad));
    expect(g.report.status).toBe('imported');
    expect(g.report.format).toBe('aws.gaad');
    expect(g.report.warnings).toEqual([]);
    const c = importFile(textFile('credential-report.json', report));
    expect(c.report.status).toBe('imported');
    expect(c.report.format).toBe('aws.credential-report');
    expect(c.report.warnings).toEqual([]);
    expect(c.report.generatedAt).toBe('2026-06-30T09:15:00.000Z');
  });

  it('attaches only AWS managed policies the product bundles', async () => {
    const managed = await loadManagedPolicies();
    const arns = new Set<string>();
    for (const r of account.roles.map(realize)) r.managed.forEach((m) => arns.add(m));
    for (const u of account.users.map(realize)) u.managed.forEach((m) => arns.add(m));
    for (const g of account.groups) g.managed.forEach((m) => arns.add(m));
    const aws = [...arns].filter((a) => a.startsWith('arn:aws:iam::aws:'));
    expect(aws.length).toBeGreaterThan(10);
    expect(aws.filter((a) => !managed.get(a))).toEqual([]);
  }, 60_000);

  describe('the engine finds the planted answers', () => {
    let a: Analysis;
    let r: AdminReport;
    beforeAll(async () => {
      const s = new ImportSession();
      s.addFiles([textFile('gaad.json', gaad), textFile('credential-report.json', report)]);
      a = await analyze(s.graph, { asOf: GENERATED_AT });
      r = adminReport(a);
    }, 60_000);
    const escalating = () => new Map(r.escalatesToAdmin.map((e) => [e.principal, e.paths[0]!]));

    it('plants one path of every kind', () => {
      expect(new Set(x.planted.map((p) => p.kind)).size).toBe(17);
      expect(new Set(x.decoys.map((d) => d.kind)).size).toBe(16);
    });

    it('every planted start becomes admin, unconditionally, in the planted hops, by a planted first technique', () => {
      const found = escalating();
      const got = x.planted.map((p) => {
        const path = found.get(p.start);
        // Hops an attacker takes: stepping from an identity set to one of its members is not one.
        const hops = path?.steps.filter((s) => s.kind !== 'setMember').length;
        return { id: p.id, hops, conditional: path?.conditionalSteps, first: path && p.firstStep.includes(path.steps[0]?.technique ?? '') };
      });
      expect(got).toEqual(x.planted.map((p) => ({ id: p.id, hops: p.hops, conditional: 0, first: true })));
    });

    it('no decoy is admin or can become admin', () => {
      const found = escalating();
      const reported = x.decoys.filter((d) => found.has(d.principal) || r.admins.includes(d.principal) || r.conditionalAdmins.includes(d.principal));
      expect(reported).toEqual([]);
    });

    it('reports exactly the planted admins and escalators: the background grants no escalation', () => {
      expect(r.admins).toEqual(x.admins);
      expect(r.conditionalAdmins).toEqual(x.conditionalAdmins);
      expect([...escalating().keys()].sort()).toEqual(x.escalators);
    });
  });
});
