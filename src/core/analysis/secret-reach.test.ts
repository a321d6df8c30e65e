/**
 * Secrets ranked by reach, in one pass, against who-can asked secret by secret: the same number
 * of identities for every secret of the demo and of a generated account with secrets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import type { FileInput } from '../importers/import-file';
import { categoryOf } from '../model/kinds';
import { demoFiles } from '../test-support/public-corpus';
import { generatedFiles } from '../test-support/generated-workspace';
import { analyze, type Analysis } from './analysis';
import { secretsByReach } from './secret-reach';
import { whoCan } from './who-can';
import { bfs } from './reach-index';
import { providerOf } from './analysis';

async function analysed(files: FileInput[]): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files);
  return analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
}

/** Identities that can reach the secret as who-can finds them, and those of them that cannot become its scope's administrator. */
function byWhoCan(a: Analysis, secret: string) {
  const w = whoCan(a, secret);
  const identity = (id: string) => categoryOf(a.graph.getNodeAttribute(id, 'kind')) === 'identity';
  const node = a.graph.getNodeAttributes(secret);
  const scope = providerOf(a, secret)?.scopeOf(secret);
  const admins = a.graph.filterNodes((_, n) => n.kind === 'adminAccess' && n.provider === node.provider && (!scope || n.account === scope)).map((id) => a.reach.index.get(id)!);
  const t = bfs(a.reach, admins, true);
  const reachers = w.reachers.filter((r) => identity(r.id));
  return { identities: reachers.length, beyondAdmin: reachers.filter((r) => t.hops[a.reach.index.get(r.id)!] === -1).length };
}

describe.each([
  ['the demo', demoFiles],
  ['a generated account of 800 principals with secrets', () => generatedFiles(800, 3)],
])('secrets by reach over %s', (_name, files) => {
  let a: Analysis;
  beforeAll(async () => {
    a = await analysed(files());
  }, 60_000);

  it('the first rows are exact and in order, deciding fewer secrets than there are', () => {
    const secrets = a.graph.filterNodes((_, n) => categoryOf(n.kind) === 'secret');
    const top = secretsByReach(a, 3, Infinity);
    expect(top.complete).toBe(true);
    expect(top.total).toBe(secrets.length);
    expect(top.top).toHaveLength(3);
    for (const s of top.top) expect(s).toEqual({ id: s.id, ...byWhoCan(a, s.id) });
    expect(top.decided).toBeLessThan(secrets.length);
  });

  it('counts, for every secret, the identities who-can finds; the whole ranking extends the first rows', { timeout: 120_000 }, () => {
    const first = secretsByReach(a, 3, Infinity).top;
    const all = secretsByReach(a, Infinity, Infinity);
    expect(all.top.map((s) => s.id).sort()).toEqual(a.graph.filterNodes((_, n) => categoryOf(n.kind) === 'secret').sort());
    expect(all.decided).toBe(all.total);
    expect(all.complete).toBe(true);
    expect(all.top.slice(0, 3)).toEqual(first);
    for (const s of all.top) expect(s).toEqual({ id: s.id, ...byWhoCan(a, s.id) });
    for (let i = 1; i < all.top.length; i++) expect(all.top[i - 1]!.identities).toBeGreaterThanOrEqual(all.top[i]!.identities);
    expect(all.top[0]!.identities).toBeGreaterThan(all.top.at(-1)!.identities);
  });
});

describe('secrets by reach within a decision budget', () => {
  it('answers with what it decided, says so, and continues on the next call', async () => {
    const a = await analysed(demoFiles());
    const first = secretsByReach(a, 10, 1);
    expect(first.complete).toBe(false);
    expect(first.decided).toBe(1);
    expect(first.pending).toBeGreaterThan(0);
    const next = secretsByReach(a, 10, 1);
    expect(next.decided).toBe(2);
    const rest = secretsByReach(a, 10, Infinity);
    expect(rest.complete).toBe(true);
    // The same top as a ranking decided in one go.
    const fresh = secretsByReach(await analysed(demoFiles()), 10, Infinity);
    expect(rest.top).toEqual(fresh.top);
  });
});
