/**
 * Privilege paths: the shortest ways from a node to another node, to "admin" (any account
 * administrator node) or to a resource, several alternatives ranked (Yen's k-shortest loopless
 * paths over the reach index), each step explained with its evidence. Among equal lengths, paths
 * with fewer conditional steps rank first.
 *
 * A resource (or secret) is not a node of the reach index: a path to it goes to one of its direct
 * accessors (accessors.ts: an identity with access, a principal its policy names, its scope's
 * administrator) and ends with that accessor acting on it, a step of its own (numbered after the
 * reach edges, one per accessor) with the evidence of the access.
 */
import type { Analysis } from './analysis';
import { explainStep, type PathStep } from './explain';
import { NODE, nodeFacts, scratch } from './reach-index';
import { accessorsOf, accessStep, isResourceKind, type Accessors } from './accessors';

export interface PrivilegePath {
  steps: PathStep[];
  hops: number;
  conditionalSteps: number;
}

interface RawPath {
  nodes: number[];
  edges: number[];
}

/** Where paths end: one node, any administrator node, or a resource through its accessors. */
type Goal = { type: 'node'; node: number } | { type: 'admin' } | { type: 'resource'; node: number; accessors: Accessors; firstStep: number };

/** The step by which an accessor acts on the resource: numbered after the reach edges. */
const accessEdge = (goal: Goal & { type: 'resource' }, node: number) => {
  const at = goal.accessors.byIndex.get(node);
  return at === undefined ? -1 : goal.firstStep + at;
};

/** The path ending at `v` by the BFS tree edges `via`. */
function backtrack(edgeSrc: readonly number[], via: Int32Array, v: number): RawPath {
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

/**
 * The first path found breadth-first from `from` to the goal (not `from` itself, unless it acts on
 * the goal resource), avoiding the blocked nodes and edges. It stops at the first end discovered:
 * in a FIFO queue that is the first end dequeued, with the same tree edge, so the path is the one
 * a full sweep would give. For a resource, an accessor discovered ends the path with its access
 * step (every access step is one step: the nearest accessor is the shortest way).
 */
function shortest(a: Analysis, from: number, goal: Goal, blockedNodes: readonly number[], blockedEdges: ReadonlySet<number>): RawPath | undefined {
  const ix = a.reach;
  const { flags } = nodeFacts(ix);
  const { fwdStart, fwdTargets, fwdEdge, edgeSrc } = ix;
  const s = scratch(ix);
  const gen = s.begin();
  const { seen, queue, via } = s;
  const checkEdges = blockedEdges.size > 0;
  // An access step not blocked: the path to `v`, then `v` acting on the resource.
  const access = (v: number): RawPath | undefined => {
    if (goal.type !== 'resource') return undefined;
    const step = accessEdge(goal, v);
    if (step < 0 || (checkEdges && blockedEdges.has(step))) return undefined;
    const p = backtrack(edgeSrc, via, v);
    return { nodes: [...p.nodes, goal.node], edges: [...p.edges, step] };
  };
  for (const b of blockedNodes) seen[b] = gen;
  // The resource itself is never a step on the way to it.
  if (goal.type === 'resource') seen[goal.node] = gen;
  seen[from] = gen;
  via[from] = -1;
  const direct = access(from);
  if (direct) return direct;
  queue[0] = from;
  let tail = 1;
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
      if (goal.type === 'resource') {
        const found = access(v);
        if (found) return found;
      } else if (goal.type === 'admin' ? (flags[v]! & NODE.ADMIN) !== 0 : v === goal.node) return backtrack(edgeSrc, via, v);
      queue[tail++] = v;
    }
  }
  return undefined;
}

/** Is step `e` (a reach edge, or a resource's access step) conditional? */
const stepConditional = (a: Analysis, goal: Goal, e: number) =>
  goal.type === 'resource' && e >= goal.firstStep ? goal.accessors.list[e - goal.firstStep]!.conditional : a.reach.edges[e]!.conditional;
const conditionalCount = (a: Analysis, goal: Goal, p: RawPath) => p.edges.filter((e) => stepConditional(a, goal, e)).length;
const rank = (a: Analysis, goal: Goal) => (x: RawPath, y: RawPath) => x.edges.length - y.edges.length || conditionalCount(a, goal, x) - conditionalCount(a, goal, y);

/** `to` is a node id (an identity, or a resource or secret: paths end acting on it), or `admin` for any account administrator. */
export function privilegePaths(a: Analysis, from: string, to: string, k = 3): PrivilegePath[] {
  const ix = a.reach;
  const source = ix.index.get(from);
  if (source === undefined) throw new Error(`paths: no node ${from}`);
  let goal: Goal = { type: 'admin' };
  if (to !== 'admin') {
    const t = ix.index.get(to);
    if (t === undefined) throw new Error(`paths: no node ${to}`);
    goal = t !== source && isResourceKind(ix.attrs[t]!.kind) ? { type: 'resource', node: t, accessors: accessorsOf(a, to), firstStep: ix.edges.length } : { type: 'node', node: t };
  }
  const first = shortest(a, source, goal, [], new Set());
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
      const spur = shortest(a, prev.nodes[i]!, goal, prev.nodes.slice(0, i), blockedEdges);
      if (!spur) continue;
      const candidate = { nodes: [...prev.nodes.slice(0, i), ...spur.nodes], edges: [...rootEdges, ...spur.edges] };
      if (!seen.has(key(candidate))) {
        seen.add(key(candidate));
        candidates.push(candidate);
      }
    }
    if (!candidates.length) break;
    candidates.sort(rank(a, goal));
    found.push(candidates.shift()!);
  }
  const step = (e: number) => (goal.type === 'resource' && e >= goal.firstStep ? accessStep(a, goal.accessors, goal.accessors.list[e - goal.firstStep]!) : explainStep(a, e));
  return found.sort(rank(a, goal)).map((p) => ({ steps: p.edges.map(step), hops: p.edges.length, conditionalSteps: conditionalCount(a, goal, p) }));
}
