/**
 * Blast radius of a node (identity, credential, secret, token...): every identity it can act as,
 * in any provider, with hops and the first edge on the way; every resource those identities can
 * touch, by access level and service; the scopes (account, project, cluster) whose administrator
 * it reaches; and one severity score. Provider-neutral: each resource is judged by its provider.
 */
import type { AccessLevel, ResourceAccess } from '../model/access';
import { levelsOf } from '../model/access';
import { categoryOf, isActorKind, kindInfo } from '../model/kinds';
import type { Analysis } from './analysis';
import { bfs } from './reach-index';
import { blastScore } from './scoring';
import { pushTo } from '../io/multimap';

export interface ReachedIdentity {
  id: string;
  name: string;
  kind: string;
  provider: string;
  hops: number;
  /** Graph edge key (or `admin-of:SCOPE`) by which it was first reached. */
  firstEdge?: string;
  /** Some step on the way is conditional. */
  conditional: boolean;
}

export interface ReachedResource {
  id: string;
  name: string;
  kind: string;
  provider: string;
  service: string;
  /** Hops from the source: the reached identity that has the access, plus one. */
  hops: number;
  levels: AccessLevel[];
  access: ResourceAccess;
  /** The reached identity (or admin node) that has the access. */
  through: string;
  conditionalOnly: boolean;
}

export interface ReachedAdmin {
  id: string;
  name: string;
  provider: string;
  /** The account, project, subscription or cluster. */
  scope: string;
  hops: number;
  conditional: boolean;
}

export interface BlastRadius {
  source: string;
  identities: ReachedIdentity[];
  /** Scopes whose administrator is reached (ids of accounts, projects, clusters). */
  adminOf: string[];
  admins: ReachedAdmin[];
  resources: ReachedResource[];
  byAccessLevel: Partial<Record<AccessLevel, number>>;
  byService: Record<string, number>;
  score: number;
}

/** Nodes listed as reached identities: identities, and the analysis's admin and set nodes. */
const listed = (kind: string) => categoryOf(kind) === 'identity' || kind === 'adminAccess' || kind === 'identitySet';

export function blastRadius(a: Analysis, source: string, opts: { maxHops?: number } = {}): BlastRadius {
  const ix = a.reach;
  const start = ix.index.get(source);
  if (start === undefined) throw new Error(`blast radius: no node ${source}`);
  const t = bfs(ix, [start], false, opts.maxHops);
  // A node is reached "conditionally" when every path found so far has a conditional step;
  // BFS keeps the first path, which is what we report.
  const conditional = new Uint8Array(ix.ids.length);
  for (const v of t.order) {
    const e = t.via[v]!;
    if (e >= 0) conditional[v] = conditional[ix.edgeSrc[e]!]! | (ix.edges[e]!.conditional ? 1 : 0);
  }
  const identities: ReachedIdentity[] = [];
  const admins: ReachedAdmin[] = [];
  const actors: string[] = [];
  for (const v of t.order) {
    const id = ix.ids[v]!;
    const node = ix.attrs[v]!;
    if (node.kind === 'adminAccess' && node.account) admins.push({ id, name: node.name, provider: node.provider, scope: node.account, hops: t.hops[v]!, conditional: conditional[v] === 1 });
    if (!listed(node.kind)) continue;
    if (v !== start) identities.push({ id, name: node.name, kind: node.kind, provider: node.provider, hops: t.hops[v]!, firstEdge: t.via[v]! >= 0 ? ix.edges[t.via[v]!]!.key : undefined, conditional: conditional[v] === 1 });
    if (isActorKind(node.kind) && !node.placeholder) actors.push(id);
  }
  const hopsOf = (id: string) => t.hops[ix.index.get(id)!]!;
  const viaConditional = (id: string) => conditional[ix.index.get(id)!] === 1;
  const resources = reachableResources(a, actors, admins, hopsOf, viaConditional);
  const byAccessLevel: BlastRadius['byAccessLevel'] = {};
  const byService: Record<string, number> = {};
  for (const r of resources) {
    for (const l of r.levels) byAccessLevel[l] = (byAccessLevel[l] ?? 0) + 1;
    byService[r.service] = (byService[r.service] ?? 0) + 1;
  }
  const score = blastScore({
    admin: admins.some((x) => !x.conditional),
    identities: identities.filter((i) => i.kind !== 'adminAccess'),
    resources: resources.map((r) => ({ category: categoryOf(r.kind), levels: r.levels, conditionalOnly: r.conditionalOnly })),
  });
  return { source, identities, adminOf: admins.map((x) => x.scope), admins, resources, byAccessLevel, byService, score };
}

/** Resource and secret nodes by provider (and all of them under ALL), listed once per analysis. */
const ALL = '\u0000all';
const resourceLists = new WeakMap<Analysis, Map<string, string[]>>();

function resourcesByProvider(a: Analysis): Map<string, string[]> {
  let lists = resourceLists.get(a);
  if (!lists) {
    lists = new Map();
    const l = lists;
    a.graph.forEachNode((id, n) => {
      const category = kindInfo(n.kind).category;
      if (category !== 'resource' && category !== 'secret') return;
      pushTo(l, n.provider, id);
      pushTo(l, ALL, id);
    });
    resourceLists.set(a, lists);
  }
  return lists;
}

interface ActorGroup {
  /** Members in breadth-first order: the first is the nearest. */
  actors: string[];
  /** Some member is reached by certain steps only. */
  certain: boolean;
}

/**
 * What the reached identities can do to resources. The attacker holds them all at once, so each
 * resource gets the union of their access. Work is shared where the provider allows it: actors
 * of one access group are evaluated once, and only on the resources their grants can name;
 * resources whose own policy names principals are evaluated actor by actor.
 */
function reachableResources(a: Analysis, actors: string[], admins: ReachedAdmin[], hopsOf: (id: string) => number, viaConditional: (id: string) => boolean): ReachedResource[] {
  const lists = resourcesByProvider(a);
  if (!lists.size) return [];
  const adminOf = new Map(admins.map((x) => [`${x.provider}|${x.scope}`, x]));
  const actorsByProvider = new Map<string, string[]>();
  for (const actor of actors) pushTo(actorsByProvider, a.reach.attrs[a.reach.index.get(actor)!]!.provider, actor);
  const order = new Map(actors.map((id, i) => [id, i]));
  const found = new Map<string, { union: ResourceAccess; through: string }>();
  const grant = (resource: string, actor: string, access: ResourceAccess, certain: boolean) => {
    let f = found.get(resource);
    if (!f) found.set(resource, (f = { union: { allowed: {}, conditional: {} }, through: actor }));
    else if (order.get(actor)! < order.get(f.through)!) f.through = actor;
    for (const [level, acts] of Object.entries(access.allowed) as [AccessLevel, string[]][]) mergeInto(certain ? f.union.allowed : f.union.conditional, level, acts);
    for (const [level, acts] of Object.entries(access.conditional) as [AccessLevel, string[]][]) mergeInto(f.union.conditional, level, acts);
  };
  const results = new Map<string, ReachedResource>();
  for (const [provider, ids] of lists) {
    if (provider === ALL) continue;
    const p = a.providers.get(provider);
    if (!p) continue;
    const base = (id: string) => {
      const n = a.graph.getNodeAttributes(id);
      return { id, name: n.name, kind: n.kind, provider: n.provider, service: p.serviceOf(id) };
    };
    // Resources in a scope whose administrator is reached: everything, through the admin.
    const open: string[] = [];
    for (const id of ids) {
      const scope = p.scopeOf(id);
      const admin = scope === undefined ? undefined : adminOf.get(`${provider}|${scope}`);
      if (!admin) open.push(id);
      else {
        const access = p.fullAccess(id);
        results.set(id, { ...base(id), hops: admin.hops + 1, access, levels: levelsOf(access), through: admin.id, conditionalOnly: admin.conditional });
      }
    }
    const members = actorsByProvider.get(provider) ?? [];
    if (!open.length || !members.length) continue;
    const groups = new Map<string, ActorGroup>();
    for (const actor of members) {
      const key = p.accessGroupOf?.(actor) ?? actor;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { actors: [], certain: false }));
      g.actors.push(actor);
      if (!viaConditional(actor)) g.certain = true;
    }
    const openSet = new Set(open);
    const byName = open.filter((id) => p.accessByName?.(id) ?? true);
    const byNameSet = new Set(byName);
    for (const g of groups.values()) {
      const rep = g.actors[0]!;
      const candidates = p.accessCandidates?.(rep);
      for (const id of candidates ?? open) {
        if (!openSet.has(id) || byNameSet.has(id)) continue;
        const access = p.accessOf(rep, id);
        // Certain when some member of the group is held by certain steps (the union's rule).
        if (access) grant(id, rep, access, g.certain);
      }
    }
    for (const id of byName) {
      for (const actor of members) {
        const access = p.accessOf(actor, id);
        if (access) grant(id, actor, access, !viaConditional(actor));
      }
    }
    for (const id of open) {
      const f = found.get(id);
      if (f) results.set(id, { ...base(id), hops: hopsOf(f.through) + 1, access: f.union, levels: levelsOf(f.union), through: f.through, conditionalOnly: Object.keys(f.union.allowed).length === 0 });
    }
  }
  // In graph order, as listed before sharing existed.
  return (lists.get(ALL) ?? []).flatMap((id) => results.get(id) ?? []);
}

function mergeInto(into: Partial<Record<AccessLevel, string[]>>, level: AccessLevel, actions: string[]): void {
  into[level] = [...new Set([...(into[level] ?? []), ...actions])];
}
