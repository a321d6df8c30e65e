/**
 * The blast radius of several sources at once ("assume breached": every leaked key, compromised
 * pod, CI subject the analyst marked): the union of what any of them reaches, each reached node
 * attributed to its nearest source.
 *
 * One multi-source breadth-first sweep over the reach index (the one the single-source blast
 * uses), every source at hop 0: a node is first reached from its nearest source (ties go to the
 * source listed first), so its hops are the minimum over the sources and its source is the one
 * that reaches it soonest. Then, as for one source, the resources the reached actors (sources
 * included) can touch, evaluated once per access group (blast-result.ts `reachableResources`).
 *
 * Cost: O(V + E) for the sweep, whatever the number of sources (not one sweep per source, no
 * merging of per-source lists), plus the resource evaluation of one blast radius; memory O(V).
 */
import type { AccessLevel } from '../model/access';
import type { Analysis } from './analysis';
import { named, reachableResources, resourcesByProvider, sweep, type ReachedAdmin, type ReachedIdentity, type ReachedResource } from './blast-result';
import { NODE, nodeFacts, scratch, type ReachIndex } from './reach-index';
import { actorsOf, identityRow, takeRows, type ReachedRows } from './reached-rows';
import { resourceSummary, type ResourceSummary } from './resource-summary';

export interface CombinedAdmin extends ReachedAdmin {
  /** The nearest source that reaches it. */
  source: string;
}

export interface CombinedResource extends ReachedResource {
  source: string;
}

export interface CombinedIdentity extends ReachedIdentity {
  source: string;
}

/** Columns as in ReachedRows, the sources excluded, plus each reached identity's nearest source. */
export interface CombinedBlast extends ReachedRows, ResourceSummary {
  /** The sources found in the graph, deduplicated, in the order given. */
  readonly sources: string[];
  /** Sources not in the graph (a mark kept from files since removed). */
  readonly missing: string[];
  /** Index into `sources` of the nearest source of each. */
  readonly source: Uint32Array;
  readonly byKind: Record<string, number>;
  /** How many reached identities each source is the nearest of. */
  readonly bySource: Record<string, number>;
  readonly admins: CombinedAdmin[];
  /** Scopes whose administrator is reached. */
  readonly adminOf: string[];
  readonly resources: CombinedResource[];
  /** Rows `from` to `to` (exclusive), built now. */
  identities(from?: number, to?: number): CombinedIdentity[];
}

export function combinedBlast(a: Analysis, marks: readonly string[]): CombinedBlast {
  const ix = a.reach;
  const sources: string[] = [];
  const missing: string[] = [];
  const starts: number[] = [];
  for (const id of new Set(marks)) {
    const i = ix.index.get(id);
    if (i === undefined) missing.push(id);
    else {
      sources.push(id);
      starts.push(i);
    }
  }
  const facts = nodeFacts(ix);
  const s = scratch(ix);
  const sourceOf = new Uint32Array(ix.ids.length);
  const count = sweep(ix, facts, s, starts, Infinity, sourceOf);
  const rows = takeRows(s, count);
  const { nodes, hops, conditional, firstEdge } = rows;
  const source = new Uint32Array(count);
  for (let i = 0; i < count; i++) source[i] = sourceOf[nodes[i]!]!;

  const byKindCode = new Uint32Array(facts.kinds.length);
  const bySourceCount = new Uint32Array(sources.length);
  const admins: CombinedAdmin[] = [];
  const admin = (v: number, h: number, c: boolean, src: number) => {
    const n = ix.attrs[v]!;
    admins.push({ id: ix.ids[v]!, name: n.name, provider: n.provider, scope: n.account!, hops: h, conditional: c, source: sources[src]! });
  };
  // Sources are not listed as reached, but may be admins or actors themselves.
  let actorCount = 0;
  for (let k = 0; k < starts.length; k++) {
    const v = starts[k]!;
    if (facts.flags[v]! & NODE.SCOPE_ADMIN) admin(v, 0, false, k);
    if (facts.flags[v]! & NODE.ACTOR) actorCount++;
  }
  let certain = 0;
  let uncertain = 0;
  for (let i = 0; i < count; i++) {
    const v = nodes[i]!;
    const f = facts.flags[v]!;
    byKindCode[facts.kind[v]!]!++;
    bySourceCount[source[i]!]!++;
    if (f & NODE.ACTOR) actorCount++;
    if (f & NODE.SCOPE_ADMIN) admin(v, hops[i]!, conditional[i] === 1, source[i]!);
    else if (!(f & NODE.ADMIN)) {
      if (conditional[i]) uncertain++;
      else certain++;
    }
  }
  // The actors, sources first (hop 0), then in breadth-first order: `through` is the nearest.
  const actors = actorsOf(facts.flags, starts, rows, actorCount);

  const lists = resourcesByProvider(a);
  const sourceById = (id: string) => sources[sourceOf[ix.index.get(id)!]!]!;
  const resources: CombinedResource[] = (lists.size ? reachableResources(a, lists, actors, admins) : []).map((r) => ({ ...r, source: sourceById(r.through) }));
  const { byAccessLevel, byService, score } = resourceSummary(resources, admins, certain, uncertain);
  const byKind = named(byKindCode, facts.kinds);
  const bySource: Record<string, number> = {};
  sources.forEach((id, i) => (bySource[id] = bySourceCount[i]!));
  return new Combined(ix, sources, missing, nodes, hops, source, conditional, firstEdge, byKind, bySource, admins, resources, byAccessLevel, byService, score);
}

class Combined implements CombinedBlast {
  readonly #ix: ReachIndex;
  readonly identityCount: number;
  readonly adminOf: string[];

  constructor(
    ix: ReachIndex,
    readonly sources: string[],
    readonly missing: string[],
    readonly nodes: Uint32Array,
    readonly hops: Int32Array,
    readonly source: Uint32Array,
    readonly conditional: Uint8Array,
    readonly firstEdge: Int32Array,
    readonly byKind: Record<string, number>,
    readonly bySource: Record<string, number>,
    readonly admins: CombinedAdmin[],
    readonly resources: CombinedResource[],
    readonly byAccessLevel: Partial<Record<AccessLevel, number>>,
    readonly byService: Record<string, number>,
    readonly score: number,
  ) {
    this.#ix = ix;
    this.identityCount = nodes.length;
    this.adminOf = [...new Set(admins.map((x) => x.scope))];
  }

  identities(from = 0, to = this.nodes.length): CombinedIdentity[] {
    const ix = this.#ix;
    const rows: CombinedIdentity[] = [];
    const hi = Math.min(Math.max(0, Math.trunc(to) || 0), this.nodes.length);
    for (let i = Math.max(0, Math.trunc(from) || 0); i < hi; i++) rows.push({ ...identityRow(ix, this, i), source: this.sources[this.source[i]!]! });
    return rows;
  }
}
