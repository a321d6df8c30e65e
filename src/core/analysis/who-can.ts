/**
 * Who can reach a crown jewel: for an identity, everyone whose reach includes it; for a
 * resource, every identity with access to it (or with one given action), every principal its
 * resource policy names, and everyone who can become one of them. Reverse breadth-first over the
 * reach index, from the direct accessors (accessors.ts). An entry is conditional when each of its
 * ways in depends on a condition the analysis could not decide (a conditional step, or access
 * that holds only under a condition): it is listed and marked, never dropped.
 */
import type { Analysis } from './analysis';
import { bfs, type ReachIndex } from './reach-index';
import { kindInfo } from '../model/kinds';
import { accessorsOf, isResourceKind } from './accessors';

export interface WhoCanEntry {
  id: string;
  name: string;
  kind: string;
  provider: string;
  /** Steps to the target (a direct accessor of a resource is 1 step away). */
  hops: number;
  /** The direct accessor (or the target) this entry reaches. */
  through: string;
  /** Every way it has to the target depends on a condition the analysis could not decide. */
  conditional: boolean;
}

export interface WhoCan {
  target: string;
  action?: string;
  /** Identities that act on the resource themselves (empty for identity targets). */
  direct: string[];
  reachers: WhoCanEntry[];
}

export function whoCan(a: Analysis, target: string, action?: string): WhoCan {
  const ix = a.reach;
  if (!a.graph.hasNode(target)) throw new Error(`who-can: no node ${target}`);
  const node = a.graph.getNodeAttributes(target);
  const resource = isResourceKind(node.kind);
  let starts: number[];
  let certainStarts: number[];
  let direct: string[] = [];
  if (resource) {
    const acc = accessorsOf(a, target, action);
    direct = acc.list.filter((x) => x.how !== 'admin').map((x) => x.id);
    starts = acc.list.map((x) => x.index);
    certainStarts = acc.list.filter((x) => !x.conditional).map((x) => x.index);
  } else {
    const t = ix.index.get(target);
    starts = certainStarts = t === undefined ? [] : [t];
  }
  const t = bfs(ix, starts, true);
  const certain = certainlyReaching(ix, certainStarts);
  const reachers: WhoCanEntry[] = [];
  for (const v of t.order) {
    const id = ix.ids[v]!;
    if (id === target) continue;
    // Walk forward along the BFS tree to the seed this entry reaches.
    let through = v;
    while (t.via[through]! >= 0) through = ix.edgeDst[t.via[through]!]!;
    const n = ix.attrs[v]!;
    reachers.push({ id, name: n.name, kind: n.kind, provider: n.provider, hops: t.hops[v]! + (resource ? 1 : 0), through: ix.ids[through]!, conditional: certain[v] === 0 });
  }
  return { target, action, direct, reachers };
}

/** 1 for each node with a way to one of `starts` by unconditional steps only (reverse breadth-first). */
function certainlyReaching(ix: ReachIndex, starts: readonly number[]): Uint8Array {
  const seen = new Uint8Array(ix.ids.length);
  const queue = new Uint32Array(ix.ids.length);
  let tail = 0;
  for (const s of starts) {
    if (seen[s]) continue;
    seen[s] = 1;
    queue[tail++] = s;
  }
  const { revStart, revTargets, revEdge, edges } = ix;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    const end = revStart[u + 1]!;
    for (let p = revStart[u]!; p < end; p++) {
      const v = revTargets[p]!;
      if (seen[v] || edges[revEdge[p]!]!.conditional) continue;
      seen[v] = 1;
      queue[tail++] = v;
    }
  }
  return seen;
}

export interface RankedEntry extends WhoCanEntry {
  /** Non-human: by its kind (roles, service accounts, keys), or a user without a console password. */
  nonHuman: boolean;
  /** Holds a long-lived credential (an active access key or certificate). */
  standingCredential: boolean;
}

export interface RankedWhoCan extends Omit<WhoCan, 'reachers'> {
  reachers: RankedEntry[];
}

/**
 * Who can reach, ranked the way an analyst triages: shortest paths first; among equals, certain
 * access before conditional, then the non-human identities with standing credentials (the usual
 * way in).
 */
export function rankedWhoCan(a: Analysis, target: string, action?: string): RankedWhoCan {
  const w = whoCan(a, target, action);
  const standing = (id: string) => {
    let yes = false;
    a.graph.forEachInEdge(id, (_, e, source) => {
      const s = a.graph.getNodeAttributes(source);
      if (e.kind === 'credentialOf' && kindInfo(s.kind).standing && s.attributes.active !== false) yes = true;
    });
    return yes;
  };
  const reachers = w.reachers.map((r) => {
    const n = a.graph.getNodeAttributes(r.id);
    const info = kindInfo(n.kind);
    const nonHuman = info.nature === 'non-human' || (info.nature === 'depends' && n.attributes.passwordEnabled === false);
    return { ...r, nonHuman, standingCredential: info.standing === true || (info.category === 'identity' && standing(r.id)) };
  });
  const score = (r: RankedEntry) => (r.nonHuman && r.standingCredential ? 0 : r.standingCredential ? 1 : 2);
  // Among equals, certain access before conditional access.
  reachers.sort((x, y) => x.hops - y.hops || Number(x.conditional) - Number(y.conditional) || score(x) - score(y) || x.name.localeCompare(y.name));
  return { ...w, reachers };
}
