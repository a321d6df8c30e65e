/**
 * Blast radius of a node (identity, credential, secret, token...), kept columnar: one sweep over
 * the reach index writes each reached identity's node, hops, conditional flag and first edge into
 * typed arrays; counts, admins, resources and the score are computed from them; identity rows
 * (`ReachedIdentity`) are built only for the range asked (`identities(from, to)`), so a page of a
 * 100,000-identity answer costs a page. `blastRadius` (blast-radius.ts) builds every row from it.
 *
 * What is reached: every identity the node can act as, in any provider, with hops and the first
 * edge on the way; every resource those identities can touch, by access level and service; the
 * scopes (account, project, cluster) whose administrator it reaches; one severity score.
 * Provider-neutral: each resource is judged by its provider.
 */
import type { AccessLevel, ResourceAccess } from '../model/access';
import { levelsOf } from '../model/access';
import { kindInfo } from '../model/kinds';
import type { Analysis } from './analysis';
import { NODE, nodeFacts, scratch, type NodeFacts, type ReachIndex, type Scratch } from './reach-index';
import { actorsOf, identityRow, takeRows, type Actors, type ReachedRows } from './reached-rows';
import { resourceSummary, type ResourceSummary } from './resource-summary';
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

export interface BlastCounts {
  /** Identities reached: the rows `identities()` lists. */
  identities: number;
  byKind: Record<string, number>;
  byProvider: Record<string, number>;
}

/**
 * One blast radius, columnar. Column `i` (0 ≤ i < identityCount) describes the i-th reached
 * identity in breadth-first order, the source excluded; `identities(i, i + 1)[0]` is its row.
 */
export interface BlastResult extends ReachedRows, ResourceSummary {
  readonly source: string;
  readonly counts: BlastCounts;
  /** Scopes whose administrator is reached (ids of accounts, projects, clusters). */
  readonly adminOf: string[];
  readonly admins: ReachedAdmin[];
  readonly resources: ReachedResource[];
  /** Rows `from` to `to` (exclusive; negative counts from the end, as `Array.prototype.slice`), built now. */
  identities(from?: number, to?: number): ReachedIdentity[];
}

/** `Array.prototype.slice`'s reading of a relative index. */
function relative(x: number | undefined, length: number, fallback: number): number {
  if (x === undefined) return fallback;
  const i = Math.trunc(x) || 0;
  return i < 0 ? Math.max(length + i, 0) : Math.min(i, length);
}

class Columns implements BlastResult {
  // Private (#) so a structured clone or JSON of the result carries the columns, not the index.
  readonly #ix: ReachIndex;
  readonly identityCount: number;

  constructor(
    ix: ReachIndex,
    readonly source: string,
    readonly nodes: Uint32Array,
    readonly hops: Int32Array,
    readonly conditional: Uint8Array,
    readonly firstEdge: Int32Array,
    readonly counts: BlastCounts,
    readonly admins: ReachedAdmin[],
    readonly adminOf: string[],
    readonly resources: ReachedResource[],
    readonly byAccessLevel: Partial<Record<AccessLevel, number>>,
    readonly byService: Record<string, number>,
    readonly score: number,
  ) {
    this.#ix = ix;
    this.identityCount = nodes.length;
  }

  identities(from?: number, to?: number): ReachedIdentity[] {
    const n = this.nodes.length;
    const lo = relative(from, n, 0);
    const hi = relative(to, n, n);
    const rows: ReachedIdentity[] = [];
    for (let i = lo; i < hi; i++) rows.push(identityRow(this.#ix, this, i));
    return rows;
  }
}

export function blastResult(a: Analysis, source: string, opts: { maxHops?: number } = {}): BlastResult {
  const ix = a.reach;
  const start = ix.index.get(source);
  if (start === undefined) throw new Error(`blast radius: no node ${source}`);
  const facts = nodeFacts(ix);
  const s = scratch(ix);
  const count = sweep(ix, facts, s, [start], opts.maxHops ?? Infinity);
  const rows = takeRows(s, count);
  const { nodes, hops, conditional, firstEdge } = rows;

  const t = tally(ix, facts, start, nodes, hops, conditional);
  const { admins } = t;

  const lists = resourcesByProvider(a);
  const resources = lists.size ? reachableResources(a, lists, actorsOf(facts.flags, [start], rows, t.actors), admins) : [];
  const { byAccessLevel, byService, score } = resourceSummary(resources, admins, t.certain, t.uncertain);
  const counts: BlastCounts = { identities: count, byKind: named(t.byKind, facts.kinds), byProvider: named(t.byProvider, facts.providers) };
  return new Columns(ix, source, nodes, hops, conditional, firstEdge, counts, admins, admins.map((x) => x.scope), resources, byAccessLevel, byService, score);
}

/**
 * Breadth-first from the starts (one for a blast radius, every breached mark for the combined one)
 * over the forward edges, level by level. Each listed node reached (not a start) becomes a row of
 * the scratch's row columns: node, hops, whether the first path found (the one reported) has a
 * conditional step, and the edge it ends with. With `sourceOf`, `sourceOf[v]` is the index of the
 * start whose wave reached v first. Returns the rows. Nodes `maxHops` away are not expanded. A
 * small function of its own, so the engine optimises it as early as a plain BFS.
 */
export function sweep(ix: ReachIndex, facts: NodeFacts, s: Scratch, starts: readonly number[], maxHops: number, sourceOf?: Uint32Array): number {
  const gen = s.begin();
  const { seen, queue, conditional, rowNode, rowHops, rowConditional, rowEdge } = s;
  const { fwdStart, fwdTargets, fwdEdge } = ix;
  const { flags, fwdConditional } = facts;
  let tail = 0;
  for (let k = 0; k < starts.length; k++) {
    const v = starts[k]!;
    if (seen[v] === gen) continue;
    seen[v] = gen;
    conditional[v] = 0;
    if (sourceOf) sourceOf[v] = k;
    queue[tail++] = v;
  }
  let head = 0;
  let rows = 0;
  for (let depth = 1; head < tail && !(depth - 1 >= maxHops); depth++) {
    const levelEnd = tail;
    for (; head < levelEnd; head++) {
      const u = queue[head]!;
      const c = conditional[u]!;
      const end = fwdStart[u + 1]!;
      for (let p = fwdStart[u]!; p < end; p++) {
        const v = fwdTargets[p]!;
        if (seen[v] === gen) continue;
        seen[v] = gen;
        const cv = c | fwdConditional[p]!;
        conditional[v] = cv;
        if (sourceOf) sourceOf[v] = sourceOf[u]!;
        queue[tail++] = v;
        if (flags[v]! & NODE.LISTED) {
          rowNode[rows] = v;
          rowHops[rows] = depth;
          rowConditional[rows] = cv;
          rowEdge[rows++] = fwdEdge[p]!;
        }
      }
    }
  }
  return rows;
}

interface Tally {
  /** Rows by kind and provider code (see NodeFacts). */
  byKind: Uint32Array;
  byProvider: Uint32Array;
  admins: ReachedAdmin[];
  /** How many actors, the source included. */
  actors: number;
  /** Rows but the admin nodes, by certain steps only and through some conditional step: what the score counts. */
  certain: number;
  uncertain: number;
}

/** Counts and admins of the source and the rows (a function of its own, optimised early). */
function tally(ix: ReachIndex, facts: NodeFacts, start: number, nodes: Uint32Array, hops: Int32Array, conditional: Uint8Array): Tally {
  const { flags } = facts;
  const t: Tally = { byKind: new Uint32Array(facts.kinds.length), byProvider: new Uint32Array(facts.providers.length), admins: [], actors: 0, certain: 0, uncertain: 0 };
  const { byKind, byProvider } = t;
  const admin = (v: number, hops: number, conditional: boolean) => {
    const node = ix.attrs[v]!;
    t.admins.push({ id: ix.ids[v]!, name: node.name, provider: node.provider, scope: node.account!, hops, conditional });
  };
  // The source is not listed as reached, but may be an admin or an actor.
  if (flags[start]! & NODE.SCOPE_ADMIN) admin(start, 0, false);
  let actors = flags[start]! & NODE.ACTOR ? 1 : 0;
  let certain = 0;
  let uncertain = 0;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    const f = flags[v]!;
    byKind[facts.kind[v]!]!++;
    byProvider[facts.provider[v]!]!++;
    if (f & NODE.ACTOR) actors++;
    if (f & NODE.SCOPE_ADMIN) admin(v, hops[i]!, conditional[i] === 1);
    // The score counts every identity but the admin nodes (which score on their own).
    else if (!(f & NODE.ADMIN)) {
      if (conditional[i]) uncertain++;
      else certain++;
    }
  }
  t.actors = actors;
  t.certain = certain;
  t.uncertain = uncertain;
  return t;
}

/** Counts by code as counts by name (kind, provider), the zeros left out. */
export function named(counts: Uint32Array, names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 0; c < counts.length; c++) if (counts[c]) out[names[c]!] = counts[c]!;
  return out;
}

/** Resource and secret nodes by provider (and all of them under ALL), listed once per analysis. */
const ALL = '\u0000all';
const resourceLists = new WeakMap<Analysis, Map<string, string[]>>();

export function resourcesByProvider(a: Analysis): Map<string, string[]> {
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
  /** Members (positions in `Actors`) in breadth-first order: the first is the nearest. */
  actors: number[];
  /** Some member is reached by certain steps only. */
  certain: boolean;
}

/**
 * What the reached identities can do to resources. The attacker holds them all at once, so each
 * resource gets the union of their access. Work is shared where the provider allows it: actors
 * of one access group are evaluated once, and only on the resources their grants can name;
 * resources whose own policy names principals are evaluated actor by actor.
 */
export function reachableResources(a: Analysis, lists: Map<string, string[]>, actors: Actors, admins: ReachedAdmin[]): ReachedResource[] {
  const ix = a.reach;
  const idOf = (actor: number) => ix.ids[actors.nodes[actor]!]!;
  const adminOf = new Map(admins.map((x) => [`${x.provider}|${x.scope}`, x]));
  const actorsByProvider = new Map<string, number[]>();
  for (let actor = 0; actor < actors.nodes.length; actor++) pushTo(actorsByProvider, ix.attrs[actors.nodes[actor]!]!.provider, actor);
  // `through` is the nearest actor with the access: actors are numbered in breadth-first order.
  const found = new Map<string, { union: ResourceAccess; through: number }>();
  const grant = (resource: string, actor: number, access: ResourceAccess, certain: boolean) => {
    let f = found.get(resource);
    if (!f) found.set(resource, (f = { union: { allowed: {}, conditional: {} }, through: actor }));
    else if (actor < f.through) f.through = actor;
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
      const key = p.accessGroupOf?.(idOf(actor)) ?? idOf(actor);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { actors: [], certain: false }));
      g.actors.push(actor);
      if (!actors.conditional[actor]) g.certain = true;
    }
    const openSet = new Set(open);
    const byName = open.filter((id) => p.accessByName?.(id) ?? true);
    const byNameSet = new Set(byName);
    for (const g of groups.values()) {
      const rep = g.actors[0]!;
      const candidates = p.accessCandidates?.(idOf(rep));
      for (const id of candidates ?? open) {
        if (!openSet.has(id) || byNameSet.has(id)) continue;
        const access = p.accessOf(idOf(rep), id);
        // Certain when some member of the group is held by certain steps (the union's rule).
        if (access) grant(id, rep, access, g.certain);
      }
    }
    for (const id of byName) {
      for (const actor of members) {
        const access = p.accessOf(idOf(actor), id);
        if (access) grant(id, actor, access, !actors.conditional[actor]);
      }
    }
    for (const id of open) {
      const f = found.get(id);
      if (f) results.set(id, { ...base(id), hops: actors.hops[f.through]! + 1, access: f.union, levels: levelsOf(f.union), through: idOf(f.through), conditionalOnly: Object.keys(f.union.allowed).length === 0 });
    }
  }
  // In graph order, as listed before sharing existed.
  return (lists.get(ALL) ?? []).flatMap((id) => results.get(id) ?? []);
}

function mergeInto(into: Partial<Record<AccessLevel, string[]>>, level: AccessLevel, actions: string[]): void {
  into[level] = [...new Set([...(into[level] ?? []), ...actions])];
}
