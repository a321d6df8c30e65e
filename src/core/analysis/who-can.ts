/**
 * Who can reach a crown jewel: for an identity, everyone whose reach includes it; for a
 * resource, every identity with access to it (or with one given action), and everyone who can
 * become one of them. Reverse breadth-first over the reach index.
 */
import { providerOf, type Analysis } from './analysis';
import { bfs } from './reach-index';
import { categoryOf, kindInfo } from '../model/kinds';

const isResource = (kind: string) => categoryOf(kind) === 'resource' || categoryOf(kind) === 'secret';

export interface WhoCanEntry {
  id: string;
  name: string;
  kind: string;
  provider: string;
  /** Steps to the target (a direct accessor of a resource is 1 step away). */
  hops: number;
  /** The direct accessor (or the target) this entry reaches. */
  through: string;
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
  let seeds: string[];
  let direct: string[] = [];
  const resource = isResource(node.kind);
  const p = providerOf(a, target);
  if (resource && p) {
    const has = (pr: string) => (action ? p.decide(pr, action, target) !== 'no' : p.accessOf(pr, target) !== undefined);
    // Without a resource policy naming principals, one answer per access group.
    const perGroup = p.accessGroupOf && p.accessByName?.(target) === false ? new Map<string, boolean>() : undefined;
    direct = p.principals().filter((pr) => {
      if (!perGroup) return has(pr);
      const g = p.accessGroupOf!(pr);
      let v = perGroup.get(g);
      if (v === undefined) perGroup.set(g, (v = has(pr)));
      return v;
    });
    const scope = p.scopeOf(target);
    const admins: string[] = [];
    a.graph.forEachNode((id, n) => {
      if (n.kind === 'adminAccess' && n.provider === node.provider && (!scope || n.account === scope)) admins.push(id);
    });
    seeds = [...direct, ...admins];
  } else seeds = [target];
  const starts = seeds.map((s) => ix.index.get(s)).filter((i): i is number => i !== undefined);
  const t = bfs(ix, starts, true);
  const reachers: WhoCanEntry[] = [];
  for (const v of t.order) {
    const id = ix.ids[v]!;
    if (id === target) continue;
    // Walk forward along the BFS tree to the seed this entry reaches.
    let through = v;
    while (t.via[through]! >= 0) through = ix.edgeDst[t.via[through]!]!;
    const n = a.graph.getNodeAttributes(id);
    reachers.push({ id, name: n.name, kind: n.kind, provider: n.provider, hops: t.hops[v]! + (resource ? 1 : 0), through: ix.ids[through]! });
  }
  return { target, action, direct, reachers };
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
 * Who can reach, ranked the way an analyst triages: shortest paths first, and among equals the
 * non-human identities with standing credentials (the usual way in) first.
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
  reachers.sort((x, y) => x.hops - y.hops || score(x) - score(y) || x.name.localeCompare(y.name));
  return { ...w, reachers };
}
