/**
 * The combined blast radius of several marks against the single blast radius of each, computed
 * independently: the union of what they reach (the marks themselves left out), each at its
 * smallest hop count and attributed to a mark at that distance; the same resources, levels and
 * admin scopes. Over the demo and a generated account.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import type { FileInput } from '../importers/import-file';
import { demoFiles } from '../test-support/public-corpus';
import { generatedFiles } from '../test-support/generated-workspace';
import { analyze, type Analysis } from './analysis';
import { blastRadius, type BlastRadius } from './blast-radius';
import { combinedBlast } from './combined-blast';

const A = '210987654321';
const JENKINS_KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;
const GRAFANA_KEY = `arn:aws:iam::${A}:user/service/svc-grafana#access-key-1`;
const PAYMENTS_SA = 'k8s:northwind-prod:ServiceAccount:payments/payments-api';

async function analysed(files: FileInput[]): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files);
  return analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
}

/** The union of single blast radii, computed one by one, as the combined one should read. */
function union(a: Analysis, marks: string[]) {
  const singles = marks.map((m) => blastRadius(a, m));
  const hops = new Map<string, number>();
  for (const b of singles) for (const i of b.identities) hops.set(i.id, Math.min(hops.get(i.id) ?? Infinity, i.hops));
  for (const m of marks) hops.delete(m);
  const levels = new Map<string, Set<string>>();
  for (const b of singles) for (const r of b.resources) levels.set(r.id, new Set([...(levels.get(r.id) ?? []), ...r.levels]));
  return { singles, hops, levels, adminOf: new Set(singles.flatMap((b: BlastRadius) => b.adminOf)) };
}

function expectUnion(a: Analysis, marks: string[]) {
  const c = combinedBlast(a, marks);
  const u = union(a, marks);
  const rows = c.identities();
  expect(rows).toHaveLength(c.identityCount);
  expect(new Map(rows.map((r) => [r.id, r.hops]))).toEqual(u.hops);
  // Each row's source is a mark at exactly that distance.
  const single = new Map(marks.map((m, i) => [m, new Map(u.singles[i]!.identities.map((x) => [x.id, x.hops]))]));
  for (const r of rows) expect(single.get(r.source)!.get(r.id)).toBe(r.hops);
  expect(new Map(c.resources.map((r) => [r.id, new Set(r.levels)]))).toEqual(u.levels);
  expect(new Set(c.adminOf)).toEqual(u.adminOf);
  const total = Object.values(c.bySource).reduce((s, n) => s + n, 0);
  expect(total).toBe(c.identityCount);
  return c;
}

describe('combined blast radius over the demo', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analysed(demoFiles());
  });

  it('of a leaked key and a compromised pod: the union of their two blast radii', () => {
    const c = expectUnion(a, [JENKINS_KEY, PAYMENTS_SA]);
    expect(c.sources).toEqual([JENKINS_KEY, PAYMENTS_SA]);
    // The leaked key reaches the account's administrator; the pod's role is attributed to the pod.
    expect(c.adminOf).toContain(A);
    expect(c.identities().find((r) => r.id === `arn:aws:iam::${A}:role/payments-api-irsa`)?.source).toBe(PAYMENTS_SA);
    expect(c.score).toBe(100);
  });

  it('of every pair of standing keys and identities: always the union', () => {
    const starts = a.graph.filterNodes((_, n) => n.kind === 'accessKey' || n.kind === 'k8s.serviceAccount' || n.kind === 'gcp.serviceAccountKey');
    for (let i = 0; i < starts.length; i++) for (let j = i + 1; j < starts.length; j++) expectUnion(a, [starts[i]!, starts[j]!]);
  });

  it('a mark reached by another is a source, not a row; unknown marks are reported, repeats ignored', () => {
    const user = `arn:aws:iam::${A}:user/service/svc-grafana`;
    const c = combinedBlast(a, [GRAFANA_KEY, user, GRAFANA_KEY, 'no-such-node']);
    expect(c.sources).toEqual([GRAFANA_KEY, user]);
    expect(c.missing).toEqual(['no-such-node']);
    expect(c.identities().some((r) => r.id === user)).toBe(false);
    expectUnion(a, [GRAFANA_KEY, user]);
  });

  it('of no mark: nothing', () => {
    const c = combinedBlast(a, []);
    expect(c.identityCount).toBe(0);
    expect(c.resources).toEqual([]);
    expect(c.score).toBe(0);
  });
});

describe('combined blast radius over a generated account of 600 principals', () => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analysed(generatedFiles(600, 7));
  }, 60_000);

  it('of several service users\' access keys: the union of their blast radii', () => {
    const keys = a.graph.filterNodes((_, n) => n.kind === 'accessKey' && n.attributes.active !== false);
    expect(keys.length).toBeGreaterThan(20);
    // Keys spread over the account, a few of them at once.
    for (const step of [7, 13, 29]) expectUnion(a, keys.filter((_, i) => i % step === 0).slice(0, 6));
  });
});
