/**
 * `blastmap whatif` on the demo: the plan and the numbers before and after are the core's
 * (whatIf), the change set file is checked entry by entry (exit 2), changes that name nothing in
 * the exports are reported and the rest applied (exit 1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from './args';
import { runWhatIf } from './whatif';
import { ImportSession } from '../core';
import { analyze } from '../core/analysis/analysis';
import { assessRisk } from '../core/risk/assess';
import { whatIf, type Change } from '../core/diff/whatif';
import { demoFiles } from '../core/test-support/public-corpus';

const DEMO = resolve(__dirname, '../../public/demo');
const ASOF = '2026-11-22T08:05:00Z';
const A = 'arn:aws:iam::210987654321';
const VALUED = new Set(['fail-on', 'changes', 'as-of']);
const dir = mkdtempSync(join(tmpdir(), 'blastmap-whatif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function changesFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function whatif(argv: string[]) {
  const args = parseArgs(['whatif', ...argv], VALUED);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWhatIf(args.paths, args.flags, args.flags.has('json'), { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CHANGES: Change[] = [
  { type: 'policy-statement', policy: `${A}:policy/CIDeployLegacy`, statement: 3 },
  { type: 'group-membership', member: `${A}:user/chen.li`, group: `${A}:group/Developers` },
];

describe('blastmap whatif', () => {
  it('prints the same plan and numbers as the core', async () => {
    const file = changesFile('plan.json', CHANGES);
    const r = await whatif([DEMO, '--changes', file, '--json', '--as-of', ASOF]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);

    const session = new ImportSession();
    session.addFiles(demoFiles());
    const asOf = Date.parse(ASOF);
    const analysis = await analyze(session.graph, { asOf });
    const core = await whatIf(session, CHANGES, asOf, { before: { analysis, risk: assessRisk(analysis) } });
    expect(doc.plan.metrics).toEqual(core.plan.metrics);
    expect(doc.plan.identities).toEqual(core.plan.identities);
    expect(doc.plan.identities.find((i: { id: string }) => i.id === `${A}:user/service/svc-jenkins-deploy`)).toMatchObject({ before: { identities: 37, score: 100 }, after: { identities: 1, score: 38.7 } });
    expect(doc.plan.providers.map((p: { provider: string }) => p.provider)).toEqual(['aws']);
    expect(doc.plan.providers[0].actions.map((a: { action: string }) => a.action)).toEqual(core.plan.providers[0]!.actions.map((a) => a.action));
    expect(doc.diff.adminPaths.closed.map((c: { principal: string }) => c.principal)).toEqual([`${A}:user/chen.li`, `${A}:user/service/svc-jenkins-deploy`]);
    expect(doc.applied.map((a: { summary: string }) => a.summary)).toEqual(['removed statement #3 from CIDeployLegacy', `removed memberOf|${A}:user/chen.li|${A}:group/Developers`]);

    // The text shows the same figures side by side.
    const text = (await whatif([DEMO, '--changes', file, '--as-of', ASOF])).out;
    expect(text).toMatch(/^ {2}principals that can become admin +6 → 4 +\(-2\)$/m);
    expect(text).toMatch(/^ {2}user\/service\/svc-jenkins-deploy\n {4}before: identities 37, resources 17, score 100, admin of 210987654321, 6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a, northwind-analytics\n {4}after: {2}identities 1, resources 3, score 38\.7$/m);
    expect(text).toMatch(/^ {5}\$ aws iam remove-user-from-group --user-name chen\.li --group-name Developers$/m);
  });

  it('exits 2 on a malformed change set, naming each bad entry, before reading any export', async () => {
    const bad = changesFile('bad.json', [{ type: 'policy-statement', policy: 'p' }, { type: 'remove-all' }]);
    const r = await whatif([DEMO, '--changes', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      `blastmap: --changes ${bad}: changes[0] (policy-statement): policy-statement takes "policy" and "statement"`,
      `blastmap: --changes ${bad}: changes[1]: "type" must be one of policy-statement, policy-attachment, group-membership, trust, credential, federation, grant, identity (found "remove-all")`,
    ]);
    const notJson = changesFile('not.json', '[{"type": "identity",');
    expect((await whatif([DEMO, '--changes', notJson])).err).toMatch(/^blastmap: --changes .*not\.json: not valid JSON \(/);
    expect((await whatif([DEMO, '--changes', changesFile('empty.json', [])])).code).toBe(2);
    expect((await whatif([DEMO, '--changes', join(dir, 'missing.json')])).code).toBe(2);
    await expect(whatif([DEMO])).rejects.toThrow(/--changes is required/);
  });

  it('exits 1 when a change names nothing in the exports; the others are applied', async () => {
    const file = changesFile('partly.json', [{ type: 'credential', node: `${A}:user/nobody#access-key-1` }, CHANGES[0]]);
    const r = await whatif([DEMO, '--changes', file, '--as-of', ASOF]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`blastmap: change 0 (credential): no node ${A}:user/nobody#access-key-1 in the imported exports`);
    expect(r.out).toMatch(/delete statement #3 \(Allow iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion\) from managed policy CIDeployLegacy/);
    expect(r.out).toMatch(/^Not applied:$/m);
  });
});
