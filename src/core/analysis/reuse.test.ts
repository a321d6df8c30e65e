/**
 * Re-analysis after more files arrive keeps the analyses of providers whose part did not change
 * (analysis.ts `reuse`). Whatever it keeps, the graph and every answer must be those of an analysis
 * from scratch: each workspace is imported in two batches, split every way by provider, analysed
 * after each batch, and compared with one analysis of all its files.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from './analysis';
import { bfs } from './reach-index';
import { ImportSession } from '../graph/session';
import { WorkspaceEngine } from '../graph/workspace-engine';
import { demoFiles, REPO_FIXTURES, repoFile } from '../test-support/public-corpus';
import type { FileInput } from '../importers/import-file';

const AS_OF = Date.UTC(2026, 10, 22, 8);

const walk = (d: string): string[] => readdirSync(d).sort().flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const fixtureFiles = (...dirs: string[]): FileInput[] => dirs.flatMap((d) => walk(join(REPO_FIXTURES, d))).filter((p) => !p.endsWith('.md')).map((p) => repoFile(relative(REPO_FIXTURES, p)));

const WORKSPACES: [string, () => FileInput[]][] = [
  ['the demo (AWS, EKS, GCP, Azure)', demoFiles],
  ['federation fixtures (EKS, GKE, AWS, GCP, OIDC)', () => fixtureFiles('federation')],
  ['Vault with its AWS, EKS and cloud companions', () => fixtureFiles('vault')],
  ['Azure with AKS', () => fixtureFiles('azure')],
];

/** JSON with sorted keys: equal content, equal text. */
const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/** Everything an analysis leaves and answers, independent of the order edges were drawn in. */
function fingerprint(a: Analysis) {
  const g = a.graph;
  const nodes: string[] = [];
  g.forEachNode((id, n) => void nodes.push(`${id} ${stable(n)}`));
  const edges: string[] = [];
  g.forEachEdge((k, e, s, t) => void edges.push(`${k} ${s} ${t} ${stable(e)}`));
  const reach: string[] = [];
  const ix = a.reach;
  for (let i = 0; i < ix.ids.length; i++) {
    const t = bfs(ix, [i]);
    reach.push(`${ix.ids[i]} -> ${t.order.map((v) => `${ix.ids[v]}@${t.hops[v]}`).sort().join(' ')}`);
  }
  const providers = [...a.providers.values()].map((p) => `${p.provider} admins ${stable([...p.admins].sort())} potential ${stable(p.potential.map((x) => stable(x)).sort())}`).sort();
  return { nodes: nodes.sort(), edges: edges.sort(), reach: reach.sort(), providers, federation: a.federation.map((f) => stable(f)).sort(), unmapped: a.unmapped.length };
}

/** The provider a file was read as (its format's prefix), after importing it alone. */
function providerOfFile(f: FileInput): string {
  const s = new ImportSession();
  const [r] = s.addFiles([f]);
  return r!.format.split('.')[0]!;
}

async function incremental(first: FileInput[], second: FileInput[]) {
  const s = new ImportSession();
  s.addFiles(first);
  const before = await analyze(s.graph, { asOf: AS_OF, reuse: undefined });
  s.takeChanged();
  s.addFiles(second);
  const after = await analyze(s.graph, { asOf: AS_OF, reuse: { providers: before.providers, asOf: AS_OF, changed: s.takeChanged() } });
  return after;
}

/** The same two batches, each analysed in full (importing in two batches is itself not importing in one). */
async function fromScratch(first: FileInput[], second: FileInput[]) {
  const s = new ImportSession();
  s.addFiles(first);
  await analyze(s.graph, { asOf: AS_OF });
  s.addFiles(second);
  return analyze(s.graph, { asOf: AS_OF });
}

describe.each(WORKSPACES)('re-analysis keeps what it can: %s', (_name, load) => {
  const files = load();
  const byProvider = new Map<string, FileInput[]>();
  for (const f of files) {
    const p = providerOfFile(f);
    byProvider.set(p, [...(byProvider.get(p) ?? []), f]);
  }
  const splits: [string, FileInput[], FileInput[]][] = [];
  for (const [p, own] of byProvider) {
    const rest = files.filter((f) => !own.includes(f));
    if (!rest.length) continue;
    splits.push([`${p} files last`, rest, own]);
    splits.push([`${p} files first`, own, rest]);
  }
  splits.push(['every other file last', files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)]);

  it.each(splits)('%s: the same graph and answers as one analysis of everything', async (_split, first, second) => {
    const after = await incremental(first, second);
    const full = await fromScratch(first, second);
    expect(fingerprint(after)).toEqual(fingerprint(full));
  });
});

describe('what re-analysis keeps', () => {
  const demo = demoFiles();
  const gcp = demo.filter((f) => providerOfFile(f) === 'gcp');
  const aws = demo.filter((f) => providerOfFile(f) === 'aws');
  const k8s = demo.filter((f) => providerOfFile(f) === 'k8s');
  const notGcp = demo.filter((f) => !gcp.includes(f));

  it('adding a GCP project keeps the analyses of the AWS account and the cluster', async () => {
    expect([gcp.length > 0, aws.length > 0, k8s.length > 0]).toEqual([true, true, true]);
    const after = await incremental(notGcp, gcp);
    expect(after.reused).toEqual(expect.arrayContaining(['aws', 'kubernetes']));
    expect(after.reused).not.toContain('gcp');
  });

  it('a file that only mentions nodes already described changes nothing of their provider (aws-auth naming IAM roles)', () => {
    const s = new ImportSession();
    s.addFiles([...aws, ...k8s]);
    s.takeChanged();
    s.addFiles(k8s.map((f) => ({ ...f, name: `again-${f.name}` })));
    expect([...s.takeChanged()].sort()).toEqual(['kubernetes']);
  });

  it('a file describing a node the last analysis drew as a claim replaces the claim', async () => {
    const s = new ImportSession();
    s.addFiles(k8s);
    await analyze(s.graph, { asOf: AS_OF });
    const claimed = s.graph.filterNodes((_, a) => a.attributes.claimedBy !== undefined && a.provider === 'aws');
    expect(claimed.length).toBeGreaterThan(0);
    s.addFiles(aws);
    await analyze(s.graph, { asOf: AS_OF });
    for (const id of claimed) expect(s.graph.getNodeAttributes(id).attributes.claimedBy, id).toBeUndefined();
  });

  it('adding an AWS export re-runs AWS and what reads it; a new analysis date re-runs everything', async () => {
    expect((await incremental(demo.filter((f) => !aws.includes(f)), aws)).reused).not.toContain('aws');
    const s = new ImportSession();
    s.addFiles(notGcp);
    const before = await analyze(s.graph, { asOf: AS_OF });
    s.takeChanged();
    s.addFiles(gcp);
    const after = await analyze(s.graph, { asOf: AS_OF + 86_400_000, reuse: { providers: before.providers, asOf: AS_OF, changed: s.takeChanged() } });
    expect(after.reused).toEqual([]);
  });

  it('the workspace engine passes what changed: a GCP project added keeps AWS and Kubernetes; a new token start keeps every provider', async () => {
    const engine = new WorkspaceEngine(undefined, AS_OF);
    engine.setAsOf({ override: AS_OF, importTime: AS_OF });
    engine.addFiles(notGcp);
    await engine.view();
    engine.addFiles(gcp);
    expect((await engine.view()).analysis?.reused).toEqual(expect.arrayContaining(['aws', 'kubernetes']));
    engine.setStarts([]);
    const all = (await engine.view()).analysis?.reused ?? [];
    expect(all).toEqual(expect.arrayContaining(['aws', 'kubernetes', 'gcp']));
  });
});
