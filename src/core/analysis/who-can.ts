/**
 * Who can reach a crown jewel: for an identity, everyone whose reach includes it; for a
 * resource, every identity with access to it (or with one given action), and everyone who can
 * become one of them. Reverse breadth-first over the reach index.
 */
import { parseArn } from '../providers/aws/importers/arn';
import type { Analysis } from './analysis';
import { bfs } from './reach-index';
import { accessOf, resourceArns, RESOURCE_KINDS } from './resource-access';

export interface WhoCanEntry {
  id: string;
  name: string;
  kind: string;
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
  const node = a.model.node(target);
  if (!node) throw new Error(`who-can: no node ${target}`);
  let seeds: string[];
  let direct: string[] = [];
  if (RESOURCE_KINDS.has(node.kind)) {
    direct = a.model.principals().filter((p) => {
      if (action) return resourceArns(target, node.kind).some((r) => ['allowed', 'conditional'].includes(a.model.can(p, action, r).decision));
      return accessOf(a, p, target) !== undefined;
    });
    const account = parseArn(target)?.account;
    const admins: string[] = [];
    a.graph.forEachNode((id, n) => {
      if (n.kind === 'adminAccess' && (!account || n.account === account)) admins.push(id);
    });
    seeds = [...direct, ...admins];
  } else seeds = [target];
  const starts = seeds.map((s) => ix.index.get(s)).filter((i): i is number => i !== undefined);
  const t = bfs(ix, starts, true);
  const reachers: WhoCanEntry[] = [];
  const isResource = RESOURCE_KINDS.has(node.kind);
  for (const v of t.order) {
    const id = ix.ids[v]!;
    if (id === target) continue;
    // Walk forward along the BFS tree to the seed this entry reaches.
    let through = v;
    while (t.via[through]! >= 0) through = ix.edgeDst[t.via[through]!]!;
    const n = a.graph.getNodeAttributes(id);
    reachers.push({ id, name: n.name, kind: n.kind, hops: t.hops[v]! + (isResource ? 1 : 0), through: ix.ids[through]! });
  }
  return { target, action, direct, reachers };
}

export interface RankedEntry extends WhoCanEntry {
  /** Non-human: a role, or a user without a console password. */
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
      if (e.kind === 'credentialOf' && (s.kind === 'accessKey' || s.kind === 'certificate') && s.attributes.active !== false) yes = true;
    });
    return yes;
  };
  const reachers = w.reachers.map((r) => {
    const n = a.graph.getNodeAttributes(r.id);
    const nonHuman = n.kind === 'role' || n.kind === 'serviceAccount' || n.kind === 'accessKey' || n.kind === 'servicePrincipal' || (n.kind === 'user' && n.attributes.passwordEnabled === false);
    return { ...r, nonHuman, standingCredential: n.kind === 'accessKey' || ((n.kind === 'user' || n.kind === 'serviceAccount') && standing(r.id)) };
  });
  const score = (r: RankedEntry) => (r.nonHuman && r.standingCredential ? 0 : r.standingCredential ? 1 : 2);
  reachers.sort((x, y) => x.hops - y.hops || score(x) - score(y) || x.name.localeCompare(y.name));
  return { ...w, reachers };
}
