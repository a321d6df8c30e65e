/**
 * The "can act as" graph in compact form (CSR over integer ids, forward and reverse), built
 * once per analysis from the graphology model. Whole-graph sweeps (blast radius, who can reach,
 * shortest paths) run here: ~50x faster than walking graphology (see setup-notes).
 *
 * An edge u → v means: whoever holds u can act as v. It comes from credentials (key → user),
 * instance profiles (profile → role), trusts that need nothing more (federation, services,
 * outside accounts, anyone), evaluated escalation edges (incl. sts:AssumeRole), and the admin
 * node of an account, which can act as every identity of that account.
 */
import type { BlastGraph } from '../graph/graph';
import type { NodeAttributes } from '../model/types';
import { pushTo } from '../io/multimap';

export interface ReachEdgeRef {
  /** Graph edge key, or a `admin-of:` pseudo-edge for the admin expansion. */
  key: string;
  conditional: boolean;
}

export class ReachIndex {
  readonly ids: string[] = [];
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
    graph.forEachNode((id) => {
      this.index.set(id, this.ids.length);
      this.ids.push(id);
    });
    const src: number[] = [];
    const dst: number[] = [];
    const add = (s: string, t: string, ref: ReachEdgeRef) => {
      src.push(this.index.get(s)!);
      dst.push(this.index.get(t)!);
      this.edges.push(ref);
    };
    graph.forEachEdge((key, a, s, t, sa, ta) => {
      if (isReachEdge(a.kind, sa, ta)) add(s, t, { key, conditional: a.attributes.conditional === true });
    });
    // The admin of an account can act as any identity in it.
    const byAccount = new Map<string, string[]>();
    graph.forEachNode((id, a) => {
      if ((a.kind === 'user' || a.kind === 'role' || a.kind === 'group') && !a.placeholder && a.account) pushTo(byAccount, a.account, id);
    });
    graph.forEachNode((id, a) => {
      if (a.kind !== 'adminAccess' || !a.account) return;
      for (const member of byAccount.get(a.account) ?? []) add(id, member, { key: `admin-of:${a.account}`, conditional: false });
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

const FREE_TRUSTERS = new Set(['identityProvider', 'servicePrincipal', 'publicPrincipal', 'externalPrincipal']);

function isReachEdge(kind: string, s: NodeAttributes, t: NodeAttributes): boolean {
  switch (kind) {
    case 'credentialOf':
    case 'hasRole':
    case 'escalatesTo':
      return true;
    case 'canAssume':
      // In-account principals are covered by evaluated sts:AssumeRole edges; trusts to parties
      // outside the export (federation, services, other accounts, anyone) stand on their own.
      return t.kind === 'role' && (FREE_TRUSTERS.has(s.kind) || (s.kind === 'account' && s.placeholder === true));
    default:
      return false;
  }
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
