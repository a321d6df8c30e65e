/**
 * The columnar blast radius (`blastResult`) against the full one (`blastRadius`) from every node
 * of the demo, IAM Vulnerable (real export) and a generated account: pages are slices of the
 * full list, counts tally it, and the score from counts is the score the rows give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import type { FileInput } from '../importers/import-file';
import { categoryOf } from '../model/kinds';
import { demoFiles, hasPublicCorpus, publicFile, textFile } from '../test-support/public-corpus';
import { realisticAccount } from '../generate/realistic-account';
import { credentialReportEnvelope, credentialReportLines, gaadChunks } from '../generate/export';
import { analyze, type Analysis } from './analysis';
import { blastRadius, type BlastRadius } from './blast-radius';
import { blastResult } from './blast-result';
import { Scratch } from './reach-index';

function generated(principals: number, seed: number): FileInput[] {
  const account = realisticAccount({ principals, seed });
  const env = credentialReportEnvelope(account);
  const csv = [...credentialReportLines(account)].join('');
  return [textFile('gaad.json', [...gaadChunks(account)].join('')), textFile('credential-report.json', env.before + Buffer.from(csv, 'utf8').toString('base64') + env.after)];
}

/** The score as computed before counts: one factor per identity row, in order (docs/scoring.md). */
function scoreFromRows(b: BlastRadius): number {
  if (b.admins.some((x) => !x.conditional)) return 100;
  let keep = 1;
  for (const i of b.identities) if (i.kind !== 'adminAccess') keep *= 1 - (i.conditional ? 0.015 : 0.03);
  for (const r of b.resources) {
    const secret = categoryOf(r.kind) === 'secret';
    const l = r.levels;
    const w = l.includes('Permissions management') ? 0.25 : l.includes('Write') ? (secret ? 0.25 : 0.15) : l.includes('Read') ? (secret ? 0.25 : 0.08) : l.length ? 0.01 : 0;
    keep *= 1 - w * (r.conditionalOnly ? 0.5 : 1);
  }
  return Math.round(100 * (1 - keep) * 10) / 10;
}

const tally = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
const sorted = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort(([x], [y]) => x.localeCompare(y)));

const WORKSPACES: [string, () => FileInput[], boolean][] = [
  ['the demo', demoFiles, true],
  ['IAM Vulnerable', () => [publicFile('cloudsplaining/examples/files/example.json')], hasPublicCorpus],
  ['a generated account of 300 principals', () => generated(300, 11), true],
];

describe.each(WORKSPACES)('blastResult over %s', (_name, files, present) => {
  let a: Analysis;
  let largest = 0;
  beforeAll(async () => {
    if (!present) return;
    const s = new ImportSession();
    s.addFiles(files());
    a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
  });

  it.skipIf(!present)('from every node: pages are slices of blastRadius().identities; counts, admins, resources and score are the same', () => {
    for (const node of a.graph.nodes()) {
      const full = blastRadius(a, node);
      const r = blastResult(a, node);
      const n = full.identities.length;
      largest = Math.max(largest, n);
      expect(r.identityCount).toBe(n);
      expect(r.counts.identities).toBe(n);
      // Same rows, same shape (JSON: property order and absent firstEdge included).
      expect(JSON.stringify(r.identities())).toBe(JSON.stringify(full.identities));
      for (const [from, to] of [[0, 100], [100, 200], [3, 7], [n - 1, n], [n, n + 100], [50, 10], [-5, undefined], [0, -1], [-n - 10, 2]] as [number, number | undefined][]) {
        expect(JSON.stringify(r.identities(from, to))).toBe(JSON.stringify(full.identities.slice(from, to)));
      }
      const pages = [];
      for (let i = 0; i < n; i += 100) pages.push(...r.identities(i, i + 100));
      expect(JSON.stringify(pages)).toBe(JSON.stringify(full.identities));
      // Columns agree with the rows they build.
      expect(Array.from(r.hops)).toEqual(full.identities.map((i) => i.hops));
      expect(Array.from(r.conditional, (c) => c === 1)).toEqual(full.identities.map((i) => i.conditional));
      expect(Array.from(r.nodes, (v) => a.reach.ids[v])).toEqual(full.identities.map((i) => i.id));
      expect(sorted(r.counts.byKind)).toEqual(sorted(tally(full.identities.map((i) => i.kind))));
      expect(sorted(r.counts.byProvider)).toEqual(sorted(tally(full.identities.map((i) => i.provider))));
      expect(r.admins).toEqual(full.admins);
      expect(r.adminOf).toEqual(full.adminOf);
      expect(r.resources).toEqual(full.resources);
      expect(r.byAccessLevel).toEqual(full.byAccessLevel);
      expect(r.byService).toEqual(full.byService);
      expect(r.score).toBe(full.score);
      expect(r.score).toBe(scoreFromRows(full));
    }
    expect(largest).toBeGreaterThan(0);
  });

  it.skipIf(!present)('a hop limit keeps the nearer rows, in the same order', () => {
    for (const node of a.graph.nodes()) {
      const all = blastRadius(a, node).identities;
      const near = blastResult(a, node, { maxHops: 1 });
      expect(near.identities()).toEqual(all.filter((i) => i.hops <= 1));
      expect(JSON.stringify(blastRadius(a, node, { maxHops: 1 }).identities)).toBe(JSON.stringify(near.identities()));
    }
  });

  it.skipIf(!present)('an unknown node is refused, as before', () => {
    expect(() => blastResult(a, 'no-such-node')).toThrow('blast radius: no node no-such-node');
  });
});

describe('blastResult pages', () => {
  it('reach past the first page on the generated account (hundreds of identities)', async () => {
    const s = new ImportSession();
    s.addFiles(generated(300, 11));
    const a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
    const counts = a.graph.nodes().map((n) => blastResult(a, n).identityCount);
    expect(Math.max(...counts)).toBeGreaterThan(200);
  });

  it('structured-clones to its columns and figures, without the analysis', async () => {
    const s = new ImportSession();
    s.addFiles(demoFiles());
    const a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
    const node = a.graph.nodes().reduce((best, n) => (blastResult(a, n).identityCount > blastResult(a, best).identityCount ? n : best));
    const r = blastResult(a, node);
    const copy = structuredClone(r);
    expect(Array.from(copy.nodes)).toEqual(Array.from(r.nodes));
    expect(copy.score).toBe(r.score);
    expect(copy.identityCount).toBe(r.identityCount);
    // The reach index stays behind: only the columns and figures travel (e.g. to the app's page).
    expect(Object.keys(copy).sort()).toEqual(['adminOf', 'admins', 'byAccessLevel', 'byService', 'conditional', 'counts', 'firstEdge', 'hops', 'identityCount', 'nodes', 'resources', 'score', 'source']);
  });
});

describe('sweep scratch', () => {
  it('starts clean after 2^32 sweeps', () => {
    const s = new Scratch(4);
    s.generation = 0xffffffff;
    s.seen.fill(0xffffffff);
    const g = s.begin();
    expect(g).toBe(1);
    expect(Array.from(s.seen)).toEqual([0, 0, 0, 0]);
  });
});
