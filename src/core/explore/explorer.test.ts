/**
 * What the page receives: scenes, list pages and details, over the demo, the real IAM Vulnerable
 * export and a generated account large enough to fold into groups.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../graph/workspace-engine';
import type { FileInput } from '../importers/import-file';
import { demoFiles, hasPublicCorpus, publicFile, textFile } from '../test-support/public-corpus';
import { realisticAccount } from '../generate/realistic-account';
import { gaadChunks } from '../generate/export';
import { NO_FILTER } from './inventory';
import { DIRECT_LIMIT, MEMBER_LIMIT } from './scene/overview-scene';
import { EDGE_BUDGET } from './scene/edge-budget';
import { SUMMARY_HEAD, type OverviewRequest, type Scene } from './types';

const OVERVIEW: OverviewRequest = { showPolicies: true, hidden: [], expanded: [], jewels: [] };
const A = '210987654321';
const JENKINS_KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;
const JENKINS = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`;

async function engineWith(files: FileInput[]): Promise<WorkspaceEngine> {
  const e = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
  e.addFiles(files);
  await e.view();
  return e;
}

/** Every edge joins two drawn nodes; every node has a finite position; ids are unique. */
function expectWellFormed(scene: Scene): void {
  const ids = new Set(scene.nodes.map((n) => n.id));
  expect(ids.size).toBe(scene.nodes.length);
  for (const n of scene.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  for (const e of scene.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  expect(scene.edges.length).toBeLessThanOrEqual(EDGE_BUDGET);
}

describe('the demo workspace', () => {
  let e: WorkspaceEngine;
  beforeAll(async () => {
    e = await engineWith(demoFiles());
  });

  it('summarises without the graph: counts, files, the analysis and the names it mentions', async () => {
    const v = await e.view();
    expect(v.stats.nodes).toBeGreaterThan(80);
    expect(v.files).toHaveLength(demoFiles().length);
    expect(v.analysis!.admins.length).toBeGreaterThan(0);
    for (const id of [...v.analysis!.admins, ...v.analysis!.escalatesToAdmin.map((x) => x.principal)]) expect(v.refs[id]?.name).toBeTruthy();
    expect(JSON.stringify(v)).not.toContain('"nodes":[');
  });

  it('draws every node of a small workspace, with positions that do not change between runs', async () => {
    const a = await e.explore({ type: 'overview', req: OVERVIEW });
    const v = await e.view();
    expect(a.nodes).toHaveLength(v.stats.nodes);
    expect(a.caption).toBe(`All ${v.stats.nodes} nodes`);
    expectWellFormed(a);
    const again = await (await engineWith(demoFiles())).explore({ type: 'overview', req: OVERVIEW });
    expect(again.nodes.map((n) => [n.id, n.x, n.y])).toEqual(a.nodes.map((n) => [n.id, n.x, n.y]));
    // Admins are marked for the page to draw and label first.
    for (const id of v.analysis!.admins) expect(a.nodes.find((n) => n.id === id)?.mark).toBe('admin');
  });

  it('hides policies, hidden nodes, and narrows to a focus', async () => {
    const all = await e.explore({ type: 'overview', req: OVERVIEW });
    const noPolicies = await e.explore({ type: 'overview', req: { ...OVERVIEW, showPolicies: false, hidden: [JENKINS] } });
    expect(noPolicies.nodes.length).toBeLessThan(all.nodes.length - 1);
    expect(noPolicies.nodes.some((n) => n.id === JENKINS)).toBe(false);
    const around = await e.explore({ type: 'neighbours', id: JENKINS });
    expect(around[0]).toBe(JENKINS);
    const focused = await e.explore({ type: 'overview', req: { ...OVERVIEW, focus: around } });
    expect(focused.nodes.map((n) => n.id).sort()).toEqual([...around].sort());
  });

  it('details: attributes, ages at the analysis date, edges by page with their evidence', async () => {
    const d = (await e.explore({ type: 'details', req: { id: JENKINS, outLimit: 1, inLimit: 300 } }))!;
    expect(d.node.name).toBe('svc-jenkins-deploy');
    expect(d.outgoing.edges).toHaveLength(1);
    expect(d.outgoing.total).toBeGreaterThan(1);
    expect(d.outgoing.edges[0]!.kind).toBe('escalatesTo');
    expect(d.incoming.edges.some((x) => x.other.id === JENKINS_KEY && x.evidence.length > 0)).toBe(true);
    expect(d.ages.some((a) => a.name.includes('access key'))).toBe(true);
    expect(await e.explore({ type: 'details', req: { id: 'no-such-node', outLimit: 10, inLimit: 10 } })).toBeNull();
  });

  it('blast panel and scene of a leaked key: counts whole, rows by page, rings by step', async () => {
    const p = await e.explore({ type: 'blast', node: JENKINS_KEY, limit: 2 });
    expect(p.identities.length).toBeLessThanOrEqual(2);
    expect(p.identityCount).toBeGreaterThan(2);
    expect(p.adminOf).toContain(A);
    expect(p.adminPaths[0]!.steps[0]!.from).toBe(JENKINS_KEY);
    expect(p.refs[JENKINS_KEY]!.name).toContain('access key');
    const s = await e.explore({ type: 'blastScene', node: JENKINS_KEY, expanded: [] });
    expectWellFormed(s);
    expect(s.nodes[0]).toMatchObject({ id: JENKINS_KEY, mark: 'source', ring: 0 });
    expect(s.caption).toContain('Blast radius of');
  });

  it('path scene: steps from the source, in layers left to right', async () => {
    const s = await e.explore({ type: 'pathScene', from: JENKINS, to: 'admin' });
    expectWellFormed(s);
    const src = s.nodes.find((n) => n.id === JENKINS)!;
    for (const n of s.nodes) if (n.id !== JENKINS) expect(n.x).toBeGreaterThan(src.x);
    expect(s.edges.every((x) => x.label !== undefined)).toBe(true);
  });

  it('inventory pages, filtered and sorted in the worker; search ranks name prefixes first', async () => {
    const first = await e.explore({ type: 'inventory', req: { filter: NO_FILTER, sort: { key: 'name', desc: false }, offset: 0, limit: 5 } });
    expect(first.rows).toHaveLength(5);
    expect(first.total).toBeGreaterThan(5);
    const next = await e.explore({ type: 'inventory', req: { filter: NO_FILTER, sort: { key: 'name', desc: false }, offset: 5, limit: 5 } });
    expect(next.rows[0]!.name.localeCompare(first.rows[4]!.name)).toBeGreaterThanOrEqual(0);
    const admins = await e.explore({ type: 'inventory', req: { filter: { ...NO_FILTER, adminOnly: true }, sort: { key: 'name', desc: false }, offset: 0, limit: 1000 } });
    expect(admins.matching).toBeLessThan(first.total);
    expect(admins.rows.every((r) => r.admin !== '')).toBe(true);
    const found = await e.explore({ type: 'search', query: 'svc-jenk', limit: 20 });
    expect(found.matches[0]!.id).toBe(JENKINS);
  });
});

describe('a generated account of 1,500 principals', () => {
  let e: WorkspaceEngine;
  let scene: Scene;
  beforeAll(async () => {
    const account = realisticAccount({ principals: 1500, seed: 5 });
    e = await engineWith([textFile('gaad.json', [...gaadChunks(account)].join(''))]);
    scene = await e.explore({ type: 'overview', req: OVERVIEW });
  }, 60_000);

  it('folds into groups instead of drawing a slice, admins and paths to admin drawn one by one', async () => {
    const v = await e.view();
    expect(v.stats.nodes).toBeGreaterThan(DIRECT_LIMIT);
    expectWellFormed(scene);
    const groups = scene.nodes.filter((n) => n.group);
    expect(groups.length).toBeGreaterThan(3);
    // Every node is accounted for: drawn one by one or inside a group.
    expect(scene.drawn).toBe(v.stats.nodes);
    expect(scene.nodes.filter((n) => !n.group).length + groups.reduce((s, g) => s + g.group!.count, 0)).toBe(v.stats.nodes);
    for (const id of v.analysis!.admins.slice(0, 10)) expect(scene.nodes.some((n) => n.id === id)).toBe(true);
    expect(scene.nodes.length).toBeLessThan(200);
  });

  it('posts the head of each long summary list with its length; the rest comes by page, with names', async () => {
    const v = await e.view();
    const full = (await e.snapshot()).analysis!;
    const lists = ['admins', 'conditionalAdmins', 'escalatesToAdmin', 'needsInventory', 'federation'] as const;
    for (const list of lists) {
      expect(v.analysis![list]).toEqual(full[list].slice(0, SUMMARY_HEAD));
      expect(v.analysis!.totals[list]).toBe(full[list].length);
    }
    const longest = [...lists].sort((a, b) => full[b].length - full[a].length)[0]!;
    expect(full[longest].length).toBeGreaterThan(SUMMARY_HEAD);
    const page = await e.explore({ type: 'summaryList', list: longest, limit: SUMMARY_HEAD + 500 });
    expect(page.items).toEqual(full[longest].slice(0, SUMMARY_HEAD + 500));
    for (const item of page.items) expect(page.refs[typeof item === 'string' ? item : 'principal' in item ? item.principal : item.from]?.name).toBeTruthy();
  });

  it('a group opens into its members, or into smaller groups when it has many', async () => {
    const roles = scene.nodes.filter((n) => n.group && n.kind === 'role').sort((a, b) => b.group!.count - a.group!.count)[0]!;
    expect(roles.group!.count).toBeGreaterThan(MEMBER_LIMIT);
    const opened = await e.explore({ type: 'overview', req: { ...OVERVIEW, expanded: [roles.group!.key] } });
    expectWellFormed(opened);
    expect(opened.nodes.some((n) => n.id === roles.id)).toBe(false);
    const subgroups = opened.nodes.filter((n) => n.group?.key.startsWith(`${roles.group!.key}/`) || n.group?.key.startsWith(`${roles.group!.key}#`));
    expect(subgroups.length).toBeGreaterThan(1);
    expect(opened.drawn).toBe(scene.drawn);
    const small = subgroups.find((g) => g.group!.count <= MEMBER_LIMIT)!;
    const members = await e.explore({ type: 'overview', req: { ...OVERVIEW, expanded: [roles.group!.key, small.group!.key] } });
    expect(members.nodes.filter((n) => !n.group).length).toBeGreaterThanOrEqual(scene.nodes.filter((n) => !n.group).length + small.group!.count - 1);
  });
});

describe.skipIf(!hasPublicCorpus)('the real IAM Vulnerable export (Cloudsplaining example)', () => {
  it('opens as a readable overview: escalating roles drawn, the rest folded by kind', async () => {
    const e = await engineWith([publicFile('cloudsplaining/examples/files/example.json')]);
    const s = await e.explore({ type: 'overview', req: OVERVIEW });
    expectWellFormed(s);
    expect(s.nodes.some((n) => n.label === 'privesc-AssumeRole-starting-role' && n.mark === 'escalates')).toBe(true);
    expect(s.nodes.length).toBeLessThan(150);
  });
});
