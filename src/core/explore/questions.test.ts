/**
 * The pre-built questions through the explore query the page uses, over the demo and a generated
 * account, against answers computed another way: the summary, single-source paths, the
 * generator's expected admins and escalators.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../graph/workspace-engine';
import type { FileInput } from '../importers/import-file';
import { ImportSession } from '../graph/session';
import { analyze } from '../analysis/analysis';
import { privilegePaths } from '../analysis/privilege-paths';
import { blastResult } from '../analysis/blast-result';
import { kindInfo } from '../model/kinds';
import { demoFiles } from '../test-support/public-corpus';
import { generatedFiles } from '../test-support/generated-workspace';
import { realisticAccount } from '../generate/realistic-account';
import { subjectBreadth, QUESTIONS, DRAW_LIMIT, type QuestionId, type QuestionRequest } from './questions';
import { DIRECT_LIMIT } from './scene/overview-scene';
import type { OverviewRequest } from './types';

const A = '210987654321';
const JENKINS_KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;
const JENKINS = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`;
const PAYMENTS_SA = 'k8s:northwind-prod:ServiceAccount:payments/payments-api';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const TERRAFORM_CI = `arn:aws:iam::${A}:role/github-actions-terraform`;
const DEPLOY_CI = `arn:aws:iam::${A}:role/github-actions-deploy`;

async function engineWith(files: FileInput[]): Promise<WorkspaceEngine> {
  const e = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
  e.addFiles(files);
  await e.view();
  return e;
}

const ask = (e: WorkspaceEngine, question: QuestionId, more: Partial<QuestionRequest> = {}) =>
  e.explore({ type: 'question', req: { question, breached: [], jewels: { manual: [], rules: [] }, limit: 1000, ...more } });

describe('subject breadth of a federation trust', () => {
  it('reads GitHub subjects: any subject, any organisation, any repository; a wildcard branch of one repository is not listed', () => {
    const gh = 'https://token.actions.githubusercontent.com';
    expect(subjectBreadth(gh, [])?.rank).toBe(0);
    expect(subjectBreadth(gh, ['*'])?.rank).toBe(0);
    expect(subjectBreadth(gh, ['repo:acme*'])?.rank).toBe(1);
    expect(subjectBreadth(gh, ['repo:acme/*'])).toEqual({ rank: 2, text: 'any repository of acme (sub repo:acme/*)' });
    expect(subjectBreadth(gh, ['repo:acme/web-*:ref:refs/heads/main'])?.rank).toBe(2);
    expect(subjectBreadth(gh, ['repo:acme/web:*'])).toBeUndefined();
    expect(subjectBreadth(gh, ['repo:acme/web:ref:refs/heads/main'])).toBeUndefined();
    // The broadest pattern wins; other issuers' wildcards are listed as such.
    expect(subjectBreadth(gh, ['repo:acme/web:ref:refs/heads/main', 'repo:acme/*'])?.rank).toBe(2);
    expect(subjectBreadth('oidc.eks.eu-west-1.amazonaws.com/id/X', ['system:serviceaccount:ci:*'])?.text).toBe('any subject matching system:serviceaccount:ci:*');
  });
});

describe('questions over the demo', () => {
  let e: WorkspaceEngine;
  beforeAll(async () => {
    e = await engineWith(demoFiles());
  });

  it('lists every question once', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
  });

  it('who is admin, who can become admin: the summary, with names, paths to draw', async () => {
    const v = (await e.view()).analysis!;
    const admins = await ask(e, 'admins');
    expect(admins.count).toBe(v.admins.length + v.conditionalAdmins.length);
    expect(admins.rows.map((r) => r.id)).toEqual([...v.admins, ...v.conditionalAdmins]);
    expect(admins.refs[`arn:aws:iam::${A}:user/alice.ng`]?.name).toBe('alice.ng');
    expect(admins.draw).toContain(`admin:aws:${A}`);
    const become = await ask(e, 'becomeAdmin');
    expect(become.count).toBe(v.escalatesToAdmin.length);
    expect(become.rows.find((r) => r.id === JENKINS)).toMatchObject({ path: { from: JENKINS, to: 'admin' } });
    // The drawn answer holds the escalators' ways to an administrator.
    expect(become.draw).toContain(JENKINS);
    expect(become.draw.some((id) => id.startsWith('admin:'))).toBe(true);
    expect((await ask(e, 'admins', { limit: 2 })).rows).toHaveLength(2);
  });

  it('paths from a breached leaked key: to admin, and to the crown jewels it reaches', async () => {
    const none = await ask(e, 'breachedPaths');
    expect(none.count).toBe(0);
    expect(none.note).toContain('Mark as breached');
    const jewels = { manual: [DEPLOY_CI], rules: ['data-class=restricted'] };
    const p = await ask(e, 'breachedPaths', { breached: [JENKINS_KEY, PAYMENTS_SA], jewels });
    const toAdmin = p.rows.find((r) => r.id === JENKINS_KEY && r.section === 'to admin')!;
    expect(toAdmin.path).toEqual({ from: JENKINS_KEY, to: 'admin' });
    expect(toAdmin.hops).toBe(privilegePaths((e as unknown as { analysis: Parameters<typeof privilegePaths>[0] }).analysis, JENKINS_KEY, 'admin', 1)[0]!.hops);
    expect(toAdmin.detail).toContain('Administrator');
    // The leaked key becomes the account's administrator: the restricted Stripe key (a secret) is reached through it.
    const stripe = p.rows.find((r) => r.id === STRIPE)!;
    expect(stripe.section).toBe('to crown jewels');
    expect(stripe.detail).toContain('from svc-jenkins-deploy access key 1');
    // Drawn by the path view, which ends at the secret: the same length.
    expect(stripe.path?.to).toBe(STRIPE);
    const an = (e as unknown as { analysis: Parameters<typeof privilegePaths>[0] }).analysis;
    expect(privilegePaths(an, stripe.path!.from, STRIPE, 1)[0]!.hops).toBe(stripe.hops);
    // An identity jewel gets a path the path view can draw.
    const deploy = p.rows.find((r) => r.id === DEPLOY_CI);
    if (deploy) expect(deploy.path?.to).toBe(DEPLOY_CI);
    expect(p.count).toBe(p.rows.length);
    expect(p.draw).toEqual(expect.arrayContaining([JENKINS_KEY, PAYMENTS_SA, STRIPE]));
    expect(p.refs[JENKINS_KEY]!.name).toBe('svc-jenkins-deploy access key 1');
  });

  it('blast radius of every breached mark: the combined one, attributed to the nearest mark', async () => {
    const b = await ask(e, 'breachedBlast', { breached: [JENKINS_KEY, PAYMENTS_SA, 'gone'], limit: 5 });
    const identities = b.rows.filter((r) => r.section === 'identities');
    expect(identities).toHaveLength(5);
    expect(b.sources!.map((s) => s.id)).toEqual([JENKINS_KEY, PAYMENTS_SA]);
    expect(b.note).toContain(`admin of ${A}`);
    expect(b.note).toContain('1 mark is not in this workspace');
    const a = (e as unknown as { analysis: Parameters<typeof blastResult>[0] }).analysis;
    const single = [blastResult(a, JENKINS_KEY), blastResult(a, PAYMENTS_SA)];
    const reached = new Set(single.flatMap((x) => x.identities().map((r) => r.id)));
    reached.delete(JENKINS_KEY);
    reached.delete(PAYMENTS_SA);
    const resources = new Set(single.flatMap((x) => x.resources.map((r) => r.id)));
    expect(b.count).toBe(reached.size + resources.size);
    expect(b.draw.slice(0, 2)).toEqual([JENKINS_KEY, PAYMENTS_SA]);
    expect(b.draw.length).toBeLessThanOrEqual(DRAW_LIMIT);
  });

  it('non-human identities with standing keys that reach admin: the leaked Jenkins key, not a human\'s, not an inactive one', async () => {
    const k = await ask(e, 'standingKeys');
    const ids = k.rows.map((r) => r.id);
    expect(ids).toContain(JENKINS_KEY);
    expect(ids).not.toContain(`arn:aws:iam::${A}:user/eve.contractor#access-key-1`);
    expect(ids).not.toContain(`arn:aws:iam::${A}:user/service/svc-grafana#access-key-2`);
    expect(ids).not.toContain(`arn:aws:iam::${A}:user/bruno.diaz#access-key-1`);
    const a = (e as unknown as { analysis: Parameters<typeof privilegePaths>[0] }).analysis;
    for (const r of k.rows) {
      expect(kindInfo(r.id.includes('#access-key') ? 'accessKey' : (k.refs[r.id]!.kind)).standing).toBe(true);
      expect(r.hops).toBe(privilegePaths(a, r.id, 'admin', 1)[0]!.hops);
    }
  });

  it('federation trusts that admit any repository: the Terraform CI role trusts every repository of the organisation', async () => {
    const t = await ask(e, 'wildcardTrusts');
    const terraform = t.rows.find((r) => r.id === TERRAFORM_CI)!;
    expect(terraform.detail).toContain('any repository of northwind-parcel (sub repo:northwind-parcel/*)');
    expect(terraform.detail).toContain('is admin');
    // Trusts pinned to one repository and branch, or to one service account, are not listed.
    expect(t.rows.some((r) => r.id === DEPLOY_CI)).toBe(false);
    expect(t.rows.some((r) => r.id === `arn:aws:iam::${A}:role/payments-api-irsa`)).toBe(false);
    expect(t.draw).toContain(TERRAFORM_CI);
    expect(t.draw).toContain(`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`);
  });

  it('secrets readable by many: every secret, most reachable first', async () => {
    const s = await ask(e, 'secretsByReach');
    expect(s.count).toBe(7);
    expect(s.rows).toHaveLength(7);
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i - 1]!.count!).toBeGreaterThanOrEqual(s.rows[i]!.count!);
    const count = await ask(e, 'secretsByReach', { limit: 0 });
    expect(count.count).toBe(7);
    expect(count.rows).toEqual([]);
  });

  it('the overview marks breached nodes first', async () => {
    const req: OverviewRequest = { showPolicies: true, hidden: [], expanded: [], jewels: [JENKINS], breached: [JENKINS_KEY, JENKINS] };
    const s = await e.explore({ type: 'overview', req });
    expect(s.nodes.find((n) => n.id === JENKINS_KEY)?.mark).toBe('breached');
    // The analyst's breached mark leads over the jewel and escalation marks.
    expect(s.nodes.find((n) => n.id === JENKINS)?.mark).toBe('breached');
    // A lone breached mark's label comes before every other: shown at every zoom.
    const one = await e.explore({ type: 'overview', req: { ...req, breached: [JENKINS_KEY] } });
    expect(one.nodes.find((n) => n.id === JENKINS_KEY)?.labelZoom).toBe(0);
  });
});

describe('questions over a generated account of 700 principals', () => {
  let e: WorkspaceEngine;
  const account = realisticAccount({ principals: 700, seed: 9 });
  beforeAll(async () => {
    e = await engineWith(generatedFiles(700, 9));
  }, 60_000);

  it('admins and escalators: the generator\'s expected answers are listed', async () => {
    const admins = await ask(e, 'admins', { limit: 5000 });
    expect(admins.rows.map((r) => r.id)).toEqual(expect.arrayContaining([...account.expected.admins, ...account.expected.conditionalAdmins]));
    const become = await ask(e, 'becomeAdmin', { limit: 5000 });
    expect(become.rows.map((r) => r.id)).toEqual(expect.arrayContaining(account.expected.escalators));
    expect(become.draw.length).toBeLessThanOrEqual(DRAW_LIMIT);
  });

  it('standing keys reaching admin: exactly the active keys of service users with a path to admin, found one by one', async () => {
    const k = await ask(e, 'standingKeys', { limit: 5000 });
    const s = new ImportSession();
    s.addFiles(generatedFiles(700, 9));
    const a = await analyze(s.graph, { asOf: Date.UTC(2026, 0, 1) });
    const expected = a.graph.filterNodes((id, n) => {
      if (n.kind !== 'accessKey' || n.attributes.active === false) return false;
      const user = a.graph.outNeighbors(id)[0]!;
      return a.graph.getNodeAttribute(user, 'attributes').passwordEnabled === false && privilegePaths(a, id, 'admin', 1).length > 0;
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(k.rows.map((r) => r.id).sort()).toEqual(expected.sort());
  });

  it('breached marks at scale: pinned in the grouped overview, paths from each', async () => {
    const keys = (await ask(e, 'standingKeys', { limit: 3 })).rows.map((r) => r.id);
    const p = await ask(e, 'breachedPaths', { breached: keys });
    expect(p.rows.filter((r) => r.section === 'to admin').map((r) => r.id)).toEqual(expect.arrayContaining(keys));
    const s = await e.explore({ type: 'overview', req: { showPolicies: false, hidden: [], expanded: [], jewels: [], breached: keys } });
    expect(s.nodes.length).toBeLessThan(DIRECT_LIMIT);
    for (const k of keys) expect(s.nodes.find((n) => n.id === k)?.mark).toBe('breached');
    const b = await ask(e, 'breachedBlast', { breached: keys, limit: 0 });
    expect(b.count).toBeGreaterThan(0);
    expect(b.sources).toHaveLength(3);
  });

  it('counts the secrets without deciding any access', async () => {
    const s = await ask(e, 'secretsByReach', { limit: 0 });
    expect(s.count).toBeGreaterThan(20);
  });
});
