/**
 * The "can act as" graph in compact form (CSR over integer ids, forward and reverse), built
 * once per analysis from the graphology model. Whole-graph sweeps (blast radius, who can reach,
 * shortest paths) run here: ~50x faster than walking graphology (see setup-notes).
 *
 * An edge u → v means: whoever holds u can act as v. Which graph edges mean that is declared by
 * the edge kinds (`reach` in model/kinds.ts: credentials, instance profiles, trusts that need
 * nothing more, evaluated escalation and federation edges); besides them, the administrator node of
 * a scope (account, project, cluster) can act as every actor identity of that scope, and an
 * identity set stands for each member.
 *
 * Beside each index, made on first use: per-node facts the sweeps test (`nodeFacts`: listed,
 * actor, admin, kind and provider codes) and one set of full-size working arrays (`scratch`),
 * so a query neither re-reads node kinds nor allocates in proportion to the graph.
 */
import type { BlastGraph } from '../graph/graph';
import type { NodeAttributes } from '../model/types';
import { EDGE_KINDS, categoryOf, isActorKind } from '../model/kinds';
import { pushTo } from '../io/multimap';

export interface ReachEdgeRef {
  /** Graph edge key, or a `admin-of:` pseudo-edge for the admin expansion. */
  readonly key: string;
  readonly conditional: boolean;
}

/**
 * A graph edge of the reach index. Its key is made when asked (to explain a path): keeping a key
 * per reach edge cost a quarter of a second and tens of megabytes at 100,000 principals.
 */
class GraphEdgeRef implements ReachEdgeRef {
  constructor(
    private readonly graph: BlastGraph,
    private readonly index: number,
    private readonly generation: number,
    readonly conditional: boolean,
  ) {}
  get key(): string {
    return this.graph.keyAt(this.index, this.generation);
  }
}

export class ReachIndex {
  readonly ids: string[] = [];
  /** Each node's attributes, by index: sweeps read them without a lookup per node. */
  readonly attrs: NodeAttributes[] = [];
  readonly index = new Map<string, number>();
  /** Forward CSR: targets of node i are fwdTargets[fwdStart[i] .. fwdStart[i+1]). */
  fwdStart!: Uint32Array;
  fwdTargets!: Uint32Array;
  fwdEdge!: Uint32Array;
  revStart!: Uint32Array;
  revTargets!: Uint32Array;
  revEdge!: Uint32Array;
  readonly edges: ReachEdgeRef[] = [];
  /** Endpoints of each reach edge (indexes into `ids`). */
  edgeSrc: number[] = [];
  edgeDst: number[] = [];

  constructor(readonly graph: BlastGraph) {
    graph.forEachNode((id, a) => {
      this.index.set(id, this.ids.length);
      this.ids.push(id);
      this.attrs.push(a);
    });
    const src: number[] = [];
    const dst: number[] = [];
    const add = (s: string, t: string, ref: ReachEdgeRef) => {
      src.push(this.index.get(s)!);
      dst.push(this.index.get(t)!);
      this.edges.push(ref);
    };
    const generation = graph.generation;
    graph.forEachEdge((_key, a, s, t, sa, ta, e) => {
      if (isReachEdge(a.kind, sa, ta)) add(s, t, new GraphEdgeRef(graph, e, generation, a.attributes.conditional === true));
    });
    // The admin of a scope can act as any actor identity in it.
    const byScope = new Map<string, string[]>();
    graph.forEachNode((id, a) => {
      if (isActorKind(a.kind) && !a.placeholder && a.account) pushTo(byScope, `${a.provider}|${a.account}`, id);
    });
    graph.forEachNode((id, a) => {
      if (a.kind !== 'adminAccess' || !a.account) return;
      for (const member of byScope.get(`${a.provider}|${a.account}`) ?? []) add(id, member, { key: `admin-of:${a.account}`, conditional: false });
    });
    // An identity set stands for each of its members.
    graph.forEachNode((id, a) => {
      if (a.kind !== 'identitySet' || !Array.isArray(a.attributes.members)) return;
      for (const member of a.attributes.members as string[]) if (graph.hasNode(member)) add(id, member, { key: `member-of-set:${id}`, conditional: false });
    });
    this.edgeSrc = src;
    this.edgeDst = dst;
    this.build(src, dst);
  }

  private build(src: number[], dst: number[]): void {
    const n = this.ids.length;
    const csr = (from: number[], to: number[]) => {
      const start = new Uint32Array(n + 1);
      for (const f of from) start[f + 1]!++;
      for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
      const targets = new Uint32Array(from.length);
      const edge = new Uint32Array(from.length);
      const fill = start.slice(0, n);
      for (let e = 0; e < from.length; e++) {
        const pos = fill[from[e]!]!++;
        targets[pos] = to[e]!;
        edge[pos] = e;
      }
      return [start, targets, edge] as const;
    };
    [this.fwdStart, this.fwdTargets, this.fwdEdge] = csr(src, dst);
    [this.revStart, this.revTargets, this.revEdge] = csr(dst, src);
  }

  get size(): number {
    return this.edges.length;
  }
}

function isReachEdge(kind: string, s: NodeAttributes, t: NodeAttributes): boolean {
  const rule = EDGE_KINDS[kind]?.reach;
  return rule === true || (typeof rule === 'function' && rule(s, t));
}

export interface Traversal {
  /** Hop count per node index; -1 when not reached. */
  hops: Int32Array;
  /** Reach-edge index used to first reach each node; -1 for the start. */
  via: Int32Array;
  order: number[];
}

/** Breadth-first over the forward (or reverse) edges, from one or several starts. */
export function bfs(ix: ReachIndex, starts: readonly number[], reverse = false, maxHops = Infinity): Traversal {
  const n = ix.ids.length;
  const hops = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const order: number[] = [];
  const [start, targets, edge] = reverse ? [ix.revStart, ix.revTargets, ix.revEdge] : [ix.fwdStart, ix.fwdTargets, ix.fwdEdge];
  for (const s of starts) {
    if (hops[s] === -1) {
      hops[s] = 0;
      order.push(s);
    }
  }
  for (let head = 0; head < order.length; head++) {
    const u = order[head]!;
    if (hops[u]! >= maxHops) continue;
    for (let p = start[u]!; p < start[u + 1]!; p++) {
      const v = targets[p]!;
      if (hops[v] !== -1) continue;
      hops[v] = hops[u]! + 1;
      via[v] = edge[p]!;
      order.push(v);
    }
  }
  return { hops, via, order };
}

/** Bits of `NodeFacts.flags`. */
export const NODE = {
  /** Listed as a reached identity: an identity, or the analysis's admin and set nodes. */
  LISTED: 1,
  /** A listed actor that is not a placeholder: its own grants reach resources. */
  ACTOR: 2,
  /** An administrator node (`adminAccess`): a target of paths to "admin". */
  ADMIN: 4,
  /** An administrator node of a named scope (account, project, cluster). */
  SCOPE_ADMIN: 8,
} as const;

/**
 * Per-node constants the sweeps test, computed once per reach index rather than per query:
 * flags, kind and provider as small codes, and whether each forward edge is conditional.
 */
export interface NodeFacts {
  flags: Uint8Array;
  /** Code of each node's kind: an index into `kinds`. */
  kind: Uint32Array;
  kinds: string[];
  /** Code of each node's provider: an index into `providers`. */
  provider: Uint32Array;
  providers: string[];
  /** 1 where the forward CSR slot's edge is conditional (`fwdTargets` order: read in sequence by a sweep). */
  fwdConditional: Uint8Array;
}

const factsOf = new WeakMap<ReachIndex, NodeFacts>();

export function nodeFacts(ix: ReachIndex): NodeFacts {
  let f = factsOf.get(ix);
  if (f) return f;
  const n = ix.ids.length;
  const flags = new Uint8Array(n);
  const kind = new Uint32Array(n);
  const provider = new Uint32Array(n);
  const kinds: string[] = [];
  const providers: string[] = [];
  const kindCode = new Map<string, number>();
  const providerCode = new Map<string, number>();
  const code = (codes: Map<string, number>, names: string[], name: string) => {
    let c = codes.get(name);
    if (c === undefined) {
      codes.set(name, (c = names.length));
      names.push(name);
    }
    return c;
  };
  // What depends on the kind alone, once per kind.
  const kindBits: number[] = [];
  const bitsOf = (k: string) => {
    const listed = categoryOf(k) === 'identity' || k === 'adminAccess' || k === 'identitySet';
    return (listed ? NODE.LISTED : 0) | (listed && isActorKind(k) ? NODE.ACTOR : 0) | (k === 'adminAccess' ? NODE.ADMIN | NODE.SCOPE_ADMIN : 0);
  };
  for (let v = 0; v < n; v++) {
    const a = ix.attrs[v]!;
    const k = code(kindCode, kinds, a.kind);
    if (k === kindBits.length) kindBits.push(bitsOf(a.kind));
    let bits = kindBits[k]!;
    if (a.placeholder) bits &= ~NODE.ACTOR;
    if (!a.account) bits &= ~NODE.SCOPE_ADMIN;
    flags[v] = bits;
    kind[v] = k;
    provider[v] = code(providerCode, providers, a.provider);
  }
  const fwdConditional = new Uint8Array(ix.fwdEdge.length);
  for (let p = 0; p < ix.fwdEdge.length; p++) fwdConditional[p] = ix.edges[ix.fwdEdge[p]!]!.conditional ? 1 : 0;
  f = { flags, kind, kinds, provider, providers, fwdConditional };
  factsOf.set(ix, f);
  return f;
}

/**
 * Full-size working arrays for one forward sweep at a time, kept per reach index so a query
 * allocates nothing in proportion to the graph. A node's entries are valid only where
 * `seen[v] === generation` of the current sweep; `begin` starts a sweep. Sweeps are synchronous
 * and copy out what they keep, so one set per index is enough.
 */
export class Scratch {
  readonly seen: Uint32Array;
  readonly queue: Uint32Array;
  /** Reach edge by which the node was first reached; -1 for a start. */
  readonly via: Int32Array;
  /** 1 when the first path to the node has a conditional step. */
  readonly conditional: Uint8Array;
  /** Rows a sweep lists (node, hops, conditional, first edge), in the order it reaches them. */
  readonly rowNode: Uint32Array;
  readonly rowHops: Int32Array;
  readonly rowConditional: Uint8Array;
  readonly rowEdge: Int32Array;
  generation = 0;

  constructor(n: number) {
    this.seen = new Uint32Array(n);
    this.queue = new Uint32Array(n);
    this.via = new Int32Array(n);
    this.conditional = new Uint8Array(n);
    this.rowNode = new Uint32Array(n);
    this.rowHops = new Int32Array(n);
    this.rowConditional = new Uint8Array(n);
    this.rowEdge = new Int32Array(n);
  }

  /** A new sweep: every node unseen. */
  begin(): number {
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }
}

const scratchOf = new WeakMap<ReachIndex, Scratch>();

export function scratch(ix: ReachIndex): Scratch {
  let s = scratchOf.get(ix);
  if (!s) scratchOf.set(ix, (s = new Scratch(ix.ids.length)));
  return s;
}
