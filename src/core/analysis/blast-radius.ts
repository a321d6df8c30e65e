/**
 * Blast radius of a node (identity, credential, secret, token...): every identity it can act as,
 * in any provider, with hops and the first edge on the way; every resource those identities can
 * touch, by access level and service; the scopes (account, project, cluster) whose administrator
 * it reaches; and one severity score. Provider-neutral: each resource is judged by its provider.
 */
import type { AccessLevel, ResourceAccess } from '../model/access';
import { levelsOf } from '../model/access';
import { categoryOf, isActorKind, kindInfo } from '../model/kinds';
import { providerOf, type Analysis } from './analysis';
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
    const node = a.graph.getNodeAttributes(id);
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

function reachableResources(a: Analysis, actors: string[], admins: ReachedAdmin[], hopsOf: (id: string) => number, viaConditional: (id: string) => boolean): ReachedResource[] {
  const out: ReachedResource[] = [];
  const adminOf = new Map(admins.map((x) => [`${x.provider}|${x.scope}`, x]));
  const actorsByProvider = new Map<string, string[]>();
  for (const actor of actors) pushTo(actorsByProvider, a.graph.getNodeAttribute(actor, 'provider'), actor);
  a.graph.forEachNode((id, n) => {
    const category = kindInfo(n.kind).category;
    if (category !== 'resource' && category !== 'secret') return;
    const p = providerOf(a, id);
    if (!p) return;
    const base = { id, name: n.name, kind: n.kind, provider: n.provider, service: p.serviceOf(id) };
    const scope = p.scopeOf(id);
    const admin = scope === undefined ? undefined : adminOf.get(`${n.provider}|${scope}`);
    if (admin) {
      const access = p.fullAccess(id);
      out.push({ ...base, hops: admin.hops + 1, access, levels: levelsOf(access), through: admin.id, conditionalOnly: admin.conditional });
      return;
    }
    // The attacker holds every reached identity at once: union their access.
    const union: ResourceAccess = { allowed: {}, conditional: {} };
    let through: string | undefined;
    for (const actor of actorsByProvider.get(n.provider) ?? []) {
      const access = p.accessOf(actor, id);
      if (!access) continue;
      // Actors come in breadth-first order: the first one with access is the nearest.
      through ??= actor;
      const certain = !viaConditional(actor);
      for (const [level, actions] of Object.entries(access.allowed) as [AccessLevel, string[]][]) mergeInto(certain ? union.allowed : union.conditional, level, actions);
      for (const [level, actions] of Object.entries(access.conditional) as [AccessLevel, string[]][]) mergeInto(union.conditional, level, actions);
    }
    if (through) out.push({ ...base, hops: hopsOf(through) + 1, access: union, levels: levelsOf(union), through, conditionalOnly: Object.keys(union.allowed).length === 0 });
  });
  return out;
}

function mergeInto(into: Partial<Record<AccessLevel, string[]>>, level: AccessLevel, actions: string[]): void {
  into[level] = [...new Set([...(into[level] ?? []), ...actions])];
}
