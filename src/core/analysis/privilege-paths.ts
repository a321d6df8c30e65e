/**
 * Privilege paths: the shortest ways from a node to another node or to "admin" (any account
 * administrator node), several alternatives ranked (Yen's k-shortest loopless paths over the
 * reach index), each step explained with its evidence. Among equal lengths, paths with fewer
 * conditional steps rank first.
 */
import type { Analysis } from './analysis';
import { explainStep, type PathStep } from './explain';

export interface PrivilegePath {
  steps: PathStep[];
  hops: number;
  conditionalSteps: number;
}

interface RawPath {
  nodes: number[];
  edges: number[];
}

function shortest(a: Analysis, from: number, targets: Set<number>, blockedNodes: Set<number>, blockedEdges: Set<number>): RawPath | undefined {
  const ix = a.reach;
  const prevEdge = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    if (targets.has(u) && u !== from) {
      const nodes = [u];
      const edges: number[] = [];
      for (let v = u; prevEdge.get(v)! >= 0; ) {
        const e = prevEdge.get(v)!;
        edges.unshift(e);
        v = ix.edgeSrc[e]!;
        nodes.unshift(v);
      }
      return { nodes, edges };
    }
    for (let p = ix.fwdStart[u]!; p < ix.fwdStart[u + 1]!; p++) {
      const v = ix.fwdTargets[p]!;
      const e = ix.fwdEdge[p]!;
      if (prevEdge.has(v) || blockedNodes.has(v) || blockedEdges.has(e)) continue;
      prevEdge.set(v, e);
      queue.push(v);
    }
  }
  return undefined;
}

const conditionalCount = (a: Analysis, p: RawPath) => p.edges.filter((e) => a.reach.edges[e]!.conditional).length;
const rank = (a: Analysis) => (x: RawPath, y: RawPath) => x.edges.length - y.edges.length || conditionalCount(a, x) - conditionalCount(a, y);

/** `to` is a node id, or `admin` for any account administrator. */
export function privilegePaths(a: Analysis, from: string, to: string, k = 3): PrivilegePath[] {
  const ix = a.reach;
  const source = ix.index.get(from);
  if (source === undefined) throw new Error(`paths: no node ${from}`);
  const targets = new Set<number>();
  if (to === 'admin') a.graph.forEachNode((id, n) => n.kind === 'adminAccess' && targets.add(ix.index.get(id)!));
  else {
    const t = ix.index.get(to);
    if (t === undefined) throw new Error(`paths: no node ${to}`);
    targets.add(t);
  }
  const first = shortest(a, source, targets, new Set(), new Set());
  if (!first) return [];
  const found: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const key = (p: RawPath) => p.edges.join(',');
  const seen = new Set([key(first)]);
  while (found.length < k) {
    const prev = found[found.length - 1]!;
    for (let i = 0; i < prev.nodes.length - 1; i++) {
      const rootEdges = prev.edges.slice(0, i);
      const blockedEdges = new Set<number>();
      for (const p of found) if (p.edges.slice(0, i).join(',') === rootEdges.join(',') && p.edges[i] !== undefined) blockedEdges.add(p.edges[i]!);
      const spur = shortest(a, prev.nodes[i]!, targets, new Set(prev.nodes.slice(0, i)), blockedEdges);
      if (!spur) continue;
      const candidate = { nodes: [...prev.nodes.slice(0, i), ...spur.nodes], edges: [...rootEdges, ...spur.edges] };
      if (!seen.has(key(candidate))) {
        seen.add(key(candidate));
        candidates.push(candidate);
      }
    }
    if (!candidates.length) break;
    candidates.sort(rank(a));
    found.push(candidates.shift()!);
  }
  return found.sort(rank(a)).map((p) => ({ steps: p.edges.map((e) => explainStep(a, e)), hops: p.edges.length, conditionalSteps: conditionalCount(a, p) }));
}
