/**
 * Privilege paths from every node of the demo and IAM Vulnerable (real export): the first path to
 * admin is as short as the reverse breadth-first distance from the admin nodes says, every path
 * is a chain of reach edges from the source to its target, alternatives are distinct, loopless
 * and ranked, and a search stopped at the first target does not disturb the next one. A path to a
 * resource goes to its nearest direct accessor and ends acting on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import type { FileInput } from '../importers/import-file';
import { demoFiles, hasPublicCorpus, publicFile } from '../test-support/public-corpus';
import { analyze, type Analysis } from './analysis';
import { bfs } from './reach-index';
import { privilegePaths, type PrivilegePath } from './privilege-paths';
import { accessorsOf, isResourceKind } from './accessors';

const WORKSPACES: [string, () => FileInput[], boolean][] = [
  ['the demo', demoFiles, true],
  ['IAM Vulnerable', () => [publicFile('cloudsplaining/examples/files/example.json')], hasPublicCorpus],
];

describe.each(WORKSPACES)('privilegePaths over %s', (_name, files, present) => {
  let a: Analysis;
  beforeAll(async () => {
    if (!present) return;
    const s = new ImportSession();
    s.addFiles(files());
    a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
  });

  const isAdmin = (id: string) => a.graph.getNodeAttribute(id, 'kind') === 'adminAccess';

  function expectChain(p: PrivilegePath, from: string, to: (id: string) => boolean): void {
    expect(p.hops).toBe(p.steps.length);
    expect(p.steps[0]!.from).toBe(from);
    for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.from).toBe(p.steps[i - 1]!.to);
    expect(to(p.steps[p.steps.length - 1]!.to)).toBe(true);
    const visited = [from, ...p.steps.map((s) => s.to)];
    expect(new Set(visited).size).toBe(visited.length);
    expect(p.conditionalSteps).toBe(p.steps.filter((s) => s.conditional).length);
  }

  it.skipIf(!present)('to admin: shortest by the reverse sweep, chained, distinct, ranked', () => {
    const ix = a.reach;
    const admins: number[] = [];
    ix.ids.forEach((id, v) => isAdmin(id) && admins.push(v));
    const distance = bfs(ix, admins, true).hops;
    let found = 0;
    for (const node of a.graph.nodes()) {
      if (isAdmin(node)) continue;
      const paths = privilegePaths(a, node, 'admin', 3);
      const d = distance[ix.index.get(node)!]!;
      if (d === -1) {
        expect(paths).toEqual([]);
        continue;
      }
      found++;
      expect(paths[0]!.hops).toBe(d);
      expect(privilegePaths(a, node, 'admin', 1)).toEqual(paths.slice(0, 1));
      for (const p of paths) expectChain(p, node, isAdmin);
      expect(new Set(paths.map((p) => p.steps.map((s) => s.edge).join(','))).size).toBe(paths.length);
      for (let i = 1; i < paths.length; i++) {
        const [x, y] = [paths[i - 1]!, paths[i]!];
        expect(x.hops < y.hops || (x.hops === y.hops && x.conditionalSteps <= y.conditionalSteps)).toBe(true);
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  it.skipIf(!present)('to a node: as short as the forward sweep says (to a resource: to its nearest accessor, plus its access); none to itself', () => {
    const ix = a.reach;
    const nodes = a.graph.nodes();
    // Paths found to resources (the demo has them; IAM Vulnerable's export holds no resource).
    let toResources = 0;
    let resources = 0;
    for (const node of nodes) {
      const source = ix.index.get(node)!;
      const distance = bfs(ix, [source]).hops;
      expect(privilegePaths(a, node, node, 2)).toEqual([]);
      for (let t = 0; t < nodes.length; t += 7) {
        const target = nodes[t]!;
        if (target === node) continue;
        const paths = privilegePaths(a, node, target, 2);
        let d = distance[ix.index.get(target)!]!;
        if (isResourceKind(a.graph.getNodeAttribute(target, 'kind'))) {
          const near = accessorsOf(a, target).list.map((x) => (x.index === source ? 0 : distance[x.index]!)).filter((h) => h >= 0);
          d = near.length ? Math.min(...near) + 1 : -1;
          resources++;
          if (d > 0) toResources++;
        }
        if (d === -1) expect(paths).toEqual([]);
        else {
          expect(paths[0]!.hops).toBe(d);
          for (const p of paths) expectChain(p, node, (id) => id === target);
        }
      }
    }
    if (resources) expect(toResources).toBeGreaterThan(0);
  });

  it.skipIf(!present)('an unknown node is refused, as before', () => {
    expect(() => privilegePaths(a, 'nope', 'admin')).toThrow('paths: no node nope');
    expect(() => privilegePaths(a, a.graph.nodes()[0]!, 'nope')).toThrow('paths: no node nope');
  });
});
