/**
 * The identities a blast radius reaches, as columns, and what is read from them: shared by the
 * single-source blast (blast-result.ts) and the combined one (combined-blast.ts), which sweep the
 * reach index the same way and differ only in how many sources they start from.
 */
import type { ReachIndex, Scratch } from './reach-index';
import { NODE } from './reach-index';
import type { ReachedIdentity } from './blast-result';

/** Column `i` (0 ≤ i < identityCount) describes the i-th reached identity in breadth-first order, the sources excluded. */
export interface ReachedRows {
  /** Reach-index node (`a.reach.ids[...]`) of each reached identity. */
  readonly nodes: Uint32Array;
  readonly hops: Int32Array;
  /** 1 where the first path found has a conditional step. */
  readonly conditional: Uint8Array;
  /** Reach edge (`a.reach.edges[...]`) by which each was first reached; -1 for none. */
  readonly firstEdge: Int32Array;
  readonly identityCount: number;
}

/**
 * The `count` rows a sweep wrote, copied out of the scratch before anything else can sweep. The
 * four columns share one buffer: one allocation instead of four (a typed array's backing store
 * costs more to allocate than a small blast radius costs to sweep).
 */
export function takeRows(s: Scratch, count: number): Omit<ReachedRows, 'identityCount'> {
  const buffer = new ArrayBuffer(count * 13);
  const nodes = new Uint32Array(buffer, 0, count);
  const hops = new Int32Array(buffer, count * 4, count);
  const firstEdge = new Int32Array(buffer, count * 8, count);
  const conditional = new Uint8Array(buffer, count * 12, count);
  nodes.set(s.rowNode.subarray(0, count));
  hops.set(s.rowHops.subarray(0, count));
  firstEdge.set(s.rowEdge.subarray(0, count));
  conditional.set(s.rowConditional.subarray(0, count));
  return { nodes, hops, conditional, firstEdge };
}

/** Row `i` as the analyst reads it. */
export function identityRow(ix: ReachIndex, rows: Omit<ReachedRows, 'identityCount'>, i: number): ReachedIdentity {
  const v = rows.nodes[i]!;
  const node = ix.attrs[v]!;
  const e = rows.firstEdge[i]!;
  return { id: ix.ids[v]!, name: node.name, kind: node.kind, provider: node.provider, hops: rows.hops[i]!, firstEdge: e >= 0 ? ix.edges[e]!.key : undefined, conditional: rows.conditional[i] === 1 };
}

/** The actors reached (listed, not placeholders), the sources included, in breadth-first order. */
export interface Actors {
  nodes: Uint32Array;
  hops: Int32Array;
  conditional: Uint8Array;
}

/**
 * The `count` actors among the sources (hop 0, in the order given) and the rows (in breadth-first
 * order): `reachableResources` takes the first actor with an access as the nearest.
 */
export function actorsOf(flags: Uint8Array, starts: readonly number[], rows: Omit<ReachedRows, 'firstEdge' | 'identityCount'>, count: number): Actors {
  const { nodes, hops, conditional } = rows;
  const actors: Actors = { nodes: new Uint32Array(count), hops: new Int32Array(count), conditional: new Uint8Array(count) };
  let k = 0;
  for (const v of starts) if (flags[v]! & NODE.ACTOR) actors.nodes[k++] = v;
  for (let i = 0; i < nodes.length; i++) {
    if (!(flags[nodes[i]!]! & NODE.ACTOR)) continue;
    actors.nodes[k] = nodes[i]!;
    actors.hops[k] = hops[i]!;
    actors.conditional[k++] = conditional[i]!;
  }
  return actors;
}
