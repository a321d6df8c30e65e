/**
 * The diff of two versions of one small AWS account (fixtures/diff): version 2 attaches one
 * managed policy (iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction on *) to role
 * ci-deployer, which opens a path to admin through role lambda-admin.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { assessRisk } from '../risk/assess';
import { repoFile, textFile } from '../test-support/public-corpus';
import { diffText, diffWorkspaces, type DiffSide } from './diff';

const ASOF = Date.parse('2026-01-01T00:00:00Z');
const A = 'arn:aws:iam::111111111111';
const CI = `${A}:role/ci-deployer`;
const BOT = `${A}:user/build-bot`;
const GAAD = 'iam-get-account-authorization-details.json';

async function side(text: string, name = GAAD): Promise<DiffSide> {
  const s = new ImportSession();
  s.addFiles([textFile(name, text)]);
  const analysis = await analyze(s.graph, { asOf: ASOF });
  return { analysis, risk: assessRisk(analysis) };
}

const v1Text = () => repoFile(`diff/v1/${GAAD}`).text;
const v2Text = () => repoFile(`diff/v2/${GAAD}`).text;

describe('diff of two versions of an account (one new grant opens a path to admin)', () => {
  it('reports the new admin paths with their steps, techniques and evidence', async () => {
    const d = diffWorkspaces(await side(v1Text()), await side(v2Text()));
    expect(d.adminPaths.opened.map((c) => c.principal)).toEqual([CI, BOT]);
    expect(d.adminPaths.closed).toEqual([]);
    const ci = d.adminPaths.opened[0]!;
    expect(ci).toMatchObject({ status: 'escalates', scopes: ['111111111111'] });
    expect(ci.path!.steps.map((s) => [s.from, s.to, s.technique])).toEqual([
      [CI, `${A}:role/lambda-admin`, 'lambda-001'],
      [`${A}:role/lambda-admin`, 'admin:aws:111111111111', 'blastmap-admin'],
    ]);
    expect(ci.path!.steps[0]!.techniqueName).toBe('iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction');
    expect(ci.path!.steps[0]!.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ policy: `${A}:policy/LambdaDeployer`, statement: 'PassAnyRole' })]));
    // build-bot assumes ci-deployer first.
    expect(d.adminPaths.opened[1]!.path!.steps.map((s) => s.technique)).toEqual(['sts-001', 'lambda-001', 'blastmap-admin']);

    // The one grant, the new policy and the findings it brings.
    expect(d.grants.added.map((g) => g.key)).toEqual([`hasPolicy|${CI}|${A}:policy/LambdaDeployer`]);
    expect(d.grants.removed).toEqual([]);
    expect(d.policies.added.map((p) => p.id)).toEqual([`${A}:policy/LambdaDeployer`]);
    expect(d.identities).toEqual({ added: [], removed: [], changed: [] });
    expect(d.findings.added.map((f) => [f.rule, f.subject])).toEqual([
      ['nhi.escalates-to-admin', CI],
      ['nhi.escalates-to-admin', BOT],
    ]);
    // Blast radius: both now reach the admin of the account.
    const blast = Object.fromEntries(d.blast.changes.map((c) => [c.id, c]));
    expect(blast[CI]).toMatchObject({ trend: 'growth', before: { identities: 0, score: 0, adminOf: [] }, after: { identities: 8, score: 100, adminOf: ['111111111111'] }, adminOfGained: ['111111111111'] });
    expect(blast[BOT]).toMatchObject({ trend: 'growth', before: { identities: 1 }, after: { identities: 8, score: 100 } });
    expect(d.summary).toMatchObject({ adminPathsOpened: 2, adminPathsClosed: 0, blastGrowth: 2, blastShrinkage: 0, newFindingsBySeverity: { critical: 0, high: 2, medium: 0, low: 0 } });

    const text = diffText(d).join('\n');
    expect(text).toMatch(/^ {2}\+ role\/ci-deployer can now become admin of 111111111111 \(lambda-001 iam:PassRole \+ lambda:CreateFunction \+ lambda:InvokeFunction → role\/lambda-admin → /m);
    expect(text).toMatch(/evidence: iam-get-account-authorization-details\.json: LambdaDeployer statement PassAnyRole/);
    expect(text).toMatch(/▲ role\/ci-deployer: identities 0 → 8 \(\+8\)/);
  });

  it('the reverse diff reports the same paths closed, from the side where they exist', async () => {
    const d = diffWorkspaces(await side(v2Text()), await side(v1Text()));
    expect(d.adminPaths.opened).toEqual([]);
    expect(d.adminPaths.closed.map((c) => c.principal)).toEqual([CI, BOT]);
    expect(d.adminPaths.closed[0]!.path!.steps.map((s) => s.technique)).toEqual(['lambda-001', 'blastmap-admin']);
    expect(d.grants.removed.map((g) => g.key)).toEqual([`hasPolicy|${CI}|${A}:policy/LambdaDeployer`]);
    expect(d.findings.removed).toHaveLength(2);
    expect(d.blast.changes.map((c) => [c.id, c.trend])).toEqual([
      [CI, 'shrinkage'],
      [BOT, 'shrinkage'],
    ]);
    expect(diffText(d).join('\n')).toMatch(/^ {2}- role\/ci-deployer can no longer become admin of 111111111111/m);
  });

  it('is deterministic, and a workspace compared with itself has no change', async () => {
    const [a, b] = [await side(v1Text()), await side(v2Text())];
    expect(JSON.stringify(diffWorkspaces(a, b))).toBe(JSON.stringify(diffWorkspaces(await side(v1Text()), await side(v2Text()))));
    const same = diffWorkspaces(a, await side(v1Text()));
    expect(same.summary).toMatchObject({ identities: { added: 0, removed: 0, changed: 0 }, grants: { added: 0, removed: 0, changed: 0 }, findings: { added: 0, removed: 0, changed: 0 }, adminPathsOpened: 0, adminPathsClosed: 0 });
    expect(same.blast.changes).toEqual([]);
    expect(diffText(same)).toContain('No change.');
  });

  it('compares grants by kind, source and target, not by file name or record position', async () => {
    // The same account exported under another name, with its users in another order.
    const doc = JSON.parse(v1Text());
    doc.UserDetailList.reverse();
    const d = diffWorkspaces(await side(v1Text()), await side(JSON.stringify(doc), 'elsewhere/gaad-2.json'));
    expect(d.summary).toMatchObject({ identities: { added: 0, removed: 0, changed: 0 }, grants: { added: 0, removed: 0, changed: 0 }, policies: { added: 0, removed: 0, changed: 0 } });
  });

  it('reports a trust whose condition changed as a changed grant, and a changed statement of a policy', async () => {
    const doc = JSON.parse(v1Text());
    const ci = doc.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === 'ci-deployer');
    ci.AssumeRolePolicyDocument.Statement[0].Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const policy = doc.Policies.find((p: { PolicyName: string }) => p.PolicyName === 'CIDeploy');
    policy.PolicyVersionList[0].Document.Statement[1].Action = ['lambda:UpdateFunctionCode', 'lambda:PublishVersion'];
    const d = diffWorkspaces(await side(v1Text()), await side(JSON.stringify(doc)));
    expect(d.grants.changed.map((g) => [g.key, g.changes])).toEqual([[`canAssume|${BOT}|${CI}`, ['attributes.conditional', 'condition']]]);
    expect(d.grants.changed[0]!.evidence[0]!.condition).toBe('{"Bool":{"aws:MultiFactorAuthPresent":"true"}}');
    expect(d.policies.changed).toEqual([expect.objectContaining({ id: `${A}:policy/CIDeploy`, fields: ['document', 'versions'], statements: { added: [], removed: [], changed: ['UpdateApp'] } })]);
    // Changed identity attributes (the trust policy) are named.
    expect(d.identities.changed).toEqual([expect.objectContaining({ id: CI, fields: ['trustPolicy'] })]);
  });

  it('bounds the blast radius work by its budget and says how many were compared', async () => {
    const d = diffWorkspaces(await side(v1Text()), await side(v2Text()), { blastBudget: 1, topByRisk: 0 });
    expect(d.blast.compared).toBe(1);
    expect(d.blast.budget).toBe(1);
    // The first candidate (a principal whose admin status changed) is computed in full; past the
    // budget a changed reach is still reported, without resources and score.
    expect(d.blast.changes.map((c) => c.id)).toEqual([CI, BOT]);
    expect(d.blast.changes[0]!.after).toEqual({ identities: 8, adminOf: ['111111111111'], resources: 0, score: 100 });
    expect(d.blast.changes[1]!.before).toEqual({ identities: 1, adminOf: [] });
    expect(d.blast.changes[1]!.after).toEqual({ identities: 8, adminOf: ['111111111111'] });
    expect(diffText(d).join('\n')).toMatch(/▲ user\/build-bot: identities 1 → 8 \(\+7\) \(resources and score not computed: over the blast budget\); now admin of 111111111111/);
  });

  it('reports paths to crown jewels opened and closed', async () => {
    const jewel = `${A}:role/lambda-admin`;
    const d = diffWorkspaces(await side(v1Text()), await side(v2Text()), { jewels: [jewel, 'no-such-node'] });
    expect(d.jewelPaths).toHaveLength(1);
    expect(d.jewelPaths[0]).toMatchObject({ jewel, presentBefore: true, presentAfter: true, closed: [] });
    expect(d.jewelPaths[0]!.opened.map((r) => r.principal)).toEqual(expect.arrayContaining([CI, BOT]));
    const ci = d.jewelPaths[0]!.opened.find((r) => r.principal === CI)!;
    expect(ci.path!.steps.map((s) => s.technique)).toEqual(['lambda-001']);
    const back = diffWorkspaces(await side(v2Text()), await side(v1Text()), { jewels: [jewel] });
    expect(back.jewelPaths[0]!.closed.map((r) => r.principal)).toEqual(expect.arrayContaining([CI, BOT]));
  });
});
