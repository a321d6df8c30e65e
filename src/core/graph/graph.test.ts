/** The graph store: graphology's semantics for the methods Blastmap uses, on integer storage. */
import { describe, expect, it } from 'vitest';
import { createGraph, type BlastGraph } from './graph';
import type { EdgeAttributes, NodeAttributes } from '../model/types';
import { edgeKey } from '../model/edge-key';

const node = (name: string): NodeAttributes => ({ kind: 'user', provider: 'aws', name, attributes: {}, placeholder: false });
const edge = (kind = 'memberOf'): EdgeAttributes => ({ kind, attributes: {}, evidence: [{ file: 'f.json', location: 'x' }] });

/** a -> b (two kinds), a -> c, c -> a, b -> b (self-loop). */
function small(): BlastGraph {
  const g = createGraph();
  for (const id of ['a', 'b', 'c']) g.addNode(id, node(id));
  g.addEdgeWithKey('ab1', 'a', 'b', edge('memberOf'));
  g.addEdgeWithKey('ab2', 'a', 'b', edge('hasPolicy'));
  g.addEdgeWithKey('ac', 'a', 'c', edge());
  g.addEdgeWithKey('ca', 'c', 'a', edge());
  g.addEdgeWithKey('bb', 'b', 'b', edge());
  return g;
}

describe('graph store', () => {
  it('answers like graphology on a small multigraph with a self-loop', () => {
    const g = small();
    expect([g.order, g.size]).toEqual([3, 5]);
    expect(g.nodes()).toEqual(['a', 'b', 'c']);
    expect(g.edges()).toEqual(['ab1', 'ab2', 'ac', 'ca', 'bb']);
    expect(g.outEdges('a')).toEqual(['ab1', 'ab2', 'ac']);
    expect(g.inEdges('a')).toEqual(['ca']);
    expect(g.edges('b')).toEqual(['bb', 'ab1', 'ab2']);
    expect(g.outNeighbors('a')).toEqual(['b', 'c']);
    expect(g.neighbors('a').sort()).toEqual(['b', 'c']);
    expect(g.neighbors('b').sort()).toEqual(['a', 'b']);
    expect([g.degree('a'), g.degree('b'), g.degree('c')]).toEqual([4, 4, 2]);
    expect([g.hasEdge('a', 'b'), g.hasEdge('b', 'a'), g.hasEdge('ab2'), g.hasEdge('nope')]).toEqual([true, false, true, false]);
    expect([g.source('ca'), g.target('ca')]).toEqual(['c', 'a']);
    const between: string[] = [];
    g.forEachEdge('a', 'b', (k) => void between.push(k));
    expect(between).toEqual(['ab1', 'ab2']);
    const from: string[] = [];
    g.forEachInNeighbor('b', (id) => void from.push(id));
    expect(from).toEqual(['a', 'b']);
    expect(g.filterEdges((_, e) => e.kind === 'hasPolicy')).toEqual(['ab2']);
    expect(g.findNode((_, n) => n.name === 'c')).toBe('c');
    expect(g.someOutEdge('c', (_, _e, _s, t) => t === 'a')).toBe(true);
  });

  it('passes source and target attributes to edge callbacks', () => {
    const g = small();
    const seen: string[] = [];
    g.forEachOutEdge('c', (k, e, s, t, sa, ta) => void seen.push(`${k} ${e.kind} ${s}->${t} ${sa.name}->${ta.name}`));
    expect(seen).toEqual(['ca memberOf c->a c->a']);
  });

  it('drops edges and nodes, and an edge dropped during its own iteration does not stop the walk', () => {
    const g = small();
    g.forEachOutEdge('a', (k) => {
      if (k === 'ab1') g.dropEdge(k);
    });
    expect(g.outEdges('a')).toEqual(['ab2', 'ac']);
    g.dropNode('b');
    expect([g.order, g.size, g.hasNode('b'), g.hasEdge('ab2'), g.hasEdge('bb')]).toEqual([2, 2, false, false, false]);
    expect(g.edges()).toEqual(['ac', 'ca']);
    g.addNode('b', node('b again'));
    expect(g.nodes()).toEqual(['a', 'c', 'b']);
    expect(g.degree('b')).toBe(0);
  });

  it('refuses what graphology refuses: a duplicate node or key, an edge to a missing node, a missing lookup', () => {
    const g = small();
    expect(() => g.addNode('a', node('a'))).toThrow(/already exists/);
    expect(() => g.addEdgeWithKey('ab1', 'a', 'b', edge())).toThrow(/already exists/);
    expect(() => g.addEdgeWithKey('ax', 'a', 'x', edge())).toThrow(/no node "x"/);
    expect(() => g.getNodeAttributes('x')).toThrow(/no node/);
    expect(() => g.getEdgeAttributes('x')).toThrow(/no edge/);
    expect(g.size).toBe(5);
  });

  it('stores ids that are Object.prototype names like any other', () => {
    const g = createGraph();
    for (const id of ['__proto__', 'constructor', 'toString']) g.addNode(id, node(id));
    g.addEdgeWithKey('__proto__', '__proto__', 'constructor', edge());
    expect(g.nodes()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(g.outNeighbors('__proto__')).toEqual(['constructor']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('sets, merges and replaces attributes in place', () => {
    const g = small();
    g.setNodeAttribute('a', 'name', 'alice');
    g.mergeNodeAttributes('a', { account: '1' });
    expect(g.getNodeAttributes('a')).toMatchObject({ name: 'alice', account: '1' });
    g.replaceEdgeAttributes('ac', edge('canAssume'));
    expect(g.getEdgeAttribute('ac', 'kind')).toBe('canAssume');
  });

  it('compacts after a re-analysis drops most edges, keeping order and adjacency', () => {
    const g = createGraph();
    const N = 3000;
    for (let i = 0; i < N; i++) g.addNode(`n${i}`, node(`n${i}`));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < N; i++) g.addEdgeWithKey(`d${round}-${i}`, `n${i}`, `n${(i + 1) % N}`, edge('escalatesTo'));
      g.filterEdges((k) => k.startsWith(`d${round}-`) && Number(k.slice(3)) % 10 !== 0).forEach((k) => g.dropEdge(k));
    }
    expect(g.size).toBe(3 * (N / 10));
    expect(g.outEdges('n10')).toEqual(['d0-10', 'd1-10', 'd2-10']);
    expect(g.inEdges('n11')).toEqual(['d0-10', 'd1-10', 'd2-10']);
    expect(g.edges().slice(0, 2)).toEqual(['d0-0', 'd0-10']);
  });

  it('visits edges added during a whole-graph walk, as iterating a Map would', () => {
    const g = small();
    const seen: string[] = [];
    g.forEachEdge((k) => {
      seen.push(k);
      if (k === 'ab1') g.addEdgeWithKey('new', 'c', 'b', edge());
    });
    expect(seen).toEqual(['ab1', 'ab2', 'ac', 'ca', 'bb', 'new']);
  });

  describe('keys of the usual form are made, not stored', () => {
    const parts: [string, string, string, string][] = [
      ['canAssume', 'a', 'b', ''],
      ['escalatesTo', 'a', 'b', 'iam:PassRole+lambda'],
      ['escalatesTo', 'a', 'b', 'with|bars|in|it'],
      ['hasPolicy', 'x|y', 'z', ''],
      ['hasPolicy', 'x', 'y|z', ''],
    ];
    it.each(parts)('%s %s -> %s (%s): found by key and by parts, and its key comes back', (kind, s, t, q) => {
      const g = createGraph();
      for (const id of ['a', 'b', 'x', 'y', 'z', 'x|y', 'y|z']) g.addNode(id, node(id));
      g.addEdgeOf(s, t, edge(kind), q);
      const key = edgeKey(kind, s, t, q);
      expect([g.hasEdge(key), g.source(key), g.target(key), g.getEdgeAttribute(key, 'kind')]).toEqual([true, s, t, kind]);
      expect(g.edgeAttributesOf(kind, s, t, q)).toBe(g.getEdgeAttributes(key));
      expect(g.edges()).toEqual([key]);
      expect(() => g.addEdgeWithKey(key, s, t, edge(kind))).toThrow(/already exists/);
      g.dropEdge(key);
      expect([g.size, g.hasEdge(key), g.edgeAttributesOf(kind, s, t, q)]).toEqual([0, false, undefined]);
    });

    it('keeps one edge per key when ids holding bars make two edges spell the same key', () => {
      const g = createGraph();
      for (const id of ['x', 'y', 'x|y', 'z']) g.addNode(id, node(id));
      // `hasPolicy|x|y|z`: from x|y to z, or from x to y qualified z.
      g.addEdgeOf('x|y', 'z', edge('hasPolicy'));
      expect(g.edgeAttributesOf('hasPolicy', 'x', 'y', 'z')).toBe(g.getEdgeAttributes('hasPolicy|x|y|z'));
      expect(() => g.addEdgeOf('x', 'y', edge('hasPolicy'), 'z')).toThrow(/already exists/);
      expect(g.source('hasPolicy|x|y|z')).toBe('x|y');
    });

    it('refuses a kind change under a key that names the kind; any other key may change it', () => {
      const g = small();
      g.addEdgeOf('a', 'c', edge('hasPolicy'));
      expect(() => g.replaceEdgeAttributes('hasPolicy|a|c', edge('canAssume'))).toThrow(/cannot change its kind/);
      g.replaceEdgeAttributes('ac', edge('canAssume'));
      expect(g.getEdgeAttribute('ac', 'kind')).toBe('canAssume');
    });

    it('does not read a key that only looks like the usual form', () => {
      const g = small();
      for (const key of ['memberOf|a|b', 'memberOf|a|b|', 'memberOf|a', 'nokind|a|b', '|a|b']) expect(g.hasEdge(key)).toBe(false);
      g.addEdgeWithKey('memberOf|a|b|', 'a', 'b', edge('memberOf'));
      expect([g.hasEdge('memberOf|a|b|'), g.hasEdge('memberOf|a|b')]).toEqual([true, false]);
    });

    it('keeps qualifiers and kept keys through a compaction', () => {
      const g = createGraph();
      const N = 5000;
      for (let i = 0; i < N; i++) g.addNode(`n${i}`, node(`n${i}`));
      g.addNode('p|q', node('p|q'));
      g.addEdgeOf('n1', 'n2', edge('escalatesTo'), 'tech');
      g.addEdgeOf('p|q', 'n1', edge('hasPolicy'));
      g.addEdgeWithKey('custom', 'n2', 'n3', edge());
      for (let i = 0; i < N; i++) g.addEdgeOf(`n${i}`, `n${(i + 7) % N}`, edge('canAssume'));
      for (let i = 0; i < N; i++) g.dropEdge(edgeKey('canAssume', `n${i}`, `n${(i + 7) % N}`));
      expect(g.edges()).toEqual(['escalatesTo|n1|n2|tech', 'hasPolicy|p|q|n1', 'custom']);
      expect([g.hasEdge('escalatesTo|n1|n2|tech'), g.hasEdge('hasPolicy|p|q|n1'), g.hasEdge('custom')]).toEqual([true, true, true]);
      expect(g.outEdges('n1')).toEqual(['escalatesTo|n1|n2|tech']);
    });
  });
});
