/**
 * Privilege paths: the shortest ways from a node to another node or to "admin" (any account
 * administrator node), several alternatives ranked (Yen's k-shortest loopless paths over the
 * reach index), each step explained with its evidence. Among equal lengths, paths with fewer
 * conditional steps rank first.
 */
import type { Analysis } from './analysis';
import { explainStep, type PathStep } from './explain';
import { NODE, nodeFacts, scratch } from './reach-index';

export interface PrivilegePath {
  steps: PathStep[];
  hops: number;
  conditionalSteps: number;
}

interface RawPath {
  nodes: number[];
  edges: number[];
}

/** A node index, or ADMIN for any administrator node. */
const ADMIN = -1;

/**
 * The first path found breadth-first from `from` to a target (not `from` itself), avoiding the
 * blocked nodes and edges. It stops at the first target discovered: in a FIFO queue that is the
 * first target dequeued, with the same tree edge, so the path is the one a full sweep would give.
 */
function shortest(a: Analysis, from: number, target: number, blockedNodes: readonly number[], blockedEdges: ReadonlySet<number>): RawPath | undefined {
  const ix = a.reach;
  const { flags } = nodeFacts(ix);
  const { fwdStart, fwdTargets, fwdEdge, edgeSrc } = ix;
  const s = scratch(ix);
  const gen = s.begin();
  const { seen, queue, via } = s;
  for (const b of blockedNodes) seen[b] = gen;
  seen[from] = gen;
  via[from] = -1;
  queue[0] = from;
  let tail = 1;
  const checkEdges = blockedEdges.size > 0;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    const end = fwdStart[u + 1]!;
    for (let p = fwdStart[u]!; p < end; p++) {
      const v = fwdTargets[p]!;
      if (seen[v] === gen) continue;
      const e = fwdEdge[p]!;
      if (checkEdges && blockedEdges.has(e)) continue;
      seen[v] = gen;
      via[v] = e;
      if (target === ADMIN ? (flags[v]! & NODE.ADMIN) !== 0 : v === target) {
        const nodes = [v];
        const edges: number[] = [];
        for (let w = v; via[w]! >= 0; ) {
          const x = via[w]!;
          edges.push(x);
          w = edgeSrc[x]!;
          nodes.push(w);
        }
        return { nodes: nodes.reverse(), edges: edges.reverse() };
      }
      queue[tail++] = v;
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
  let target = ADMIN;
  if (to !== 'admin') {
    const t = ix.index.get(to);
    if (t === undefined) throw new Error(`paths: no node ${to}`);
    target = t;
  }
  const first = shortest(a, source, target, [], new Set());
  if (!first) return [];
  const found: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const key = (p: RawPath) => p.edges.join(',');
  const seen = new Set([key(first)]);
  while (found.length < k) {
    const prev = found[found.length - 1]!;
    for (let i = 0; i < prev.nodes.length - 1; i++) {
      const rootEdges = prev.edges.slice(0, i);
      const root = rootEdges.join(',');
      const blockedEdges = new Set<number>();
      for (const p of found) if (p.edges.slice(0, i).join(',') === root && p.edges[i] !== undefined) blockedEdges.add(p.edges[i]!);
      const spur = shortest(a, prev.nodes[i]!, target, prev.nodes.slice(0, i), blockedEdges);
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
