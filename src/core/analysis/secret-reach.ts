/**
 * Secrets ranked by how many identities can reach them: the who-can answer (who-can.ts) of every
 * secret, counted, without running who-can once per secret, and without evaluating every secret
 * when only the first ones of the ranking are asked for.
 *
 * Who can reach a secret (as `whoCan` defines it): the identities that read it themselves, the
 * principals its resource policy names that no provider evaluates (accessors.ts), the
 * administrator of its scope, and everyone who can become one of them (reverse reach).
 *
 * 1. Per scope holding secrets (account, project, cluster): one reverse sweep from its
 *    administrator nodes marks everyone who can become its administrator, O(V + E) each. They
 *    count for every secret of the scope, so their own access is never evaluated. The set is
 *    closed under reverse reach (whoever reaches someone who can become admin can too): every
 *    later sweep stops at it and only walks the V' nodes and E' edges that cannot become admin.
 * 2. Principals are grouped by access group (`accessGroupOf`: same access to every secret whose
 *    own policy names no principal) and each group's grants narrow the secrets it can name
 *    (`accessCandidates`): O(P + Σ min(candidates, S)) set operations, no decision. A secret's
 *    candidate groups give an upper bound of its count: one sweep per scope from the groups whose
 *    grants can name any secret (they bound every secret alike), then per distinct set of the
 *    groups naming this secret, one sweep stopping at both closed sets: O(V + E) per scope plus
 *    what those few groups reach beyond them.
 * 3. Secrets are then decided exactly in order of that bound (one representative per candidate
 *    group, `accessOf`; principal by principal for a secret whose own policy names principals,
 *    as who-can does) until the `limit`-th exact count is above every remaining bound: the first
 *    `limit` rows are exact and in order, the rest are never decided. Decisions cost O(pairs
 *    decided), a pair being a decided secret and a candidate group outside the admin closure;
 *    asking for more resumes where the last answer stopped (the state is kept per analysis).
 *    One call makes at most DECISION_BUDGET decisions: when the top is not certain by then it
 *    says so (`complete: false`) and the next call continues, so one question never holds the
 *    worker for minutes.
 * Memory O(V + S + G + K·V/32) for K scopes. Who-can secret by secret costs O(S·(P + V + E)) and
 * decides every principal group for every secret. Equal to counting `whoCan(a, secret).reachers`
 * identities secret by secret (secret-reach.test.ts).
 */
import type { Analysis } from './analysis';
import type { ProviderAnalysis } from '../providers/types';
import { categoryOf } from '../model/kinds';
import { pushTo } from '../io/multimap';
import type { ReachIndex } from './reach-index';

export interface SecretReach {
  id: string;
  /** Identities that can reach it: its readers, its scope's administrators, whoever can become one. */
  identities: number;
  /** Of those, the ones that reach it without becoming an administrator of its scope. */
  beyondAdmin: number;
}

export interface SecretRanking {
  /** Secrets in the workspace. */
  total: number;
  /** The first `limit` of the ranking, most reachable first (then by name): exact counts. */
  top: SecretReach[];
  /** Secrets decided so far. */
  decided: number;
  /**
   * False when the decision budget ran out before the top was certain: `top` then ranks the
   * secrets decided so far, and an undecided one could still be reached by up to `pending`
   * identities. Asking again continues.
   */
  complete: boolean;
  pending: number;
}

/**
 * Access decisions one call may make before it answers with what it has (a provider decision
 * can cost milliseconds: the evaluator matches every statement of a policy set, action by action).
 */
export const DECISION_BUDGET = 1000;

/** One provider's principals, grouped by access. */
interface ProviderPart {
  p: ProviderAnalysis | undefined;
  groups: { rep: string; members: number[] }[];
  principals: number[];
}

/** Everyone who can become a scope's administrator, as a bit set, with how many identities. */
interface AdminClosure {
  bits: Uint32Array;
  count: number;
}

interface Entry {
  id: string;
  part: ProviderPart;
  closure: AdminClosure;
  /**
   * Candidate groups: those whose grants can name any secret (shared by the scope's secrets) and
   * those whose grants name this one; undefined when it is decided principal by principal (or
   * has no provider).
   */
  groups: { any: readonly number[]; own: number[] } | undefined;
  /** Principals its resource policy names that no provider evaluates (accessors.ts): accessors without a decision. */
  named: number[];
  bound: number;
}

interface State {
  total: number;
  /** Undecided secrets, highest bound first, from `next` on. */
  order: Entry[];
  next: number;
  /** Decided, most reachable first. */
  decided: SecretReach[];
}

const states = new WeakMap<Analysis, State>();

/** The first `limit` secrets by reach, exact (see above), within `budget` access decisions. */
export function secretsByReach(a: Analysis, limit: number, budget = DECISION_BUDGET): SecretRanking {
  let s = states.get(a);
  if (!s) states.set(a, (s = prepare(a)));
  const sweep = sweeperOf(a);
  const name = (id: string) => a.graph.getNodeAttribute(id, 'name');
  const before = (x: SecretReach, y: SecretReach) => y.identities - x.identities || y.beyondAdmin - x.beyondAdmin || name(x.id).localeCompare(name(y.id));
  const want = Math.min(limit, s.total);
  const spent = { decisions: 0 };
  let complete = true;
  while (s.next < s.order.length) {
    // The want-th exact count so far; an undecided secret whose bound is below it cannot enter.
    const kth = s.decided.length >= want && want > 0 ? s.decided[want - 1]!.identities : -1;
    if (want === 0 || kth > s.order[s.next]!.bound) break;
    if (spent.decisions >= budget) {
      complete = false;
      break;
    }
    const e = s.order[s.next++]!;
    const r = decide(a, sweep, e, spent);
    // Insert in order (the decided list stays sorted).
    let i = s.decided.length;
    while (i > 0 && before(r, s.decided[i - 1]!) < 0) i--;
    s.decided.splice(i, 0, r);
  }
  return { total: s.total, top: s.decided.slice(0, want), decided: s.decided.length, complete, pending: complete ? 0 : s.order[s.next]!.bound };
}

const sweepers = new WeakMap<Analysis, Sweeper>();
const sweeperOf = (a: Analysis) => {
  let s = sweepers.get(a);
  if (!s) sweepers.set(a, (s = new Sweeper(a.reach, identityFlags(a.reach))));
  return s;
};

const NO_SCOPE = '\u0000none';

/** Steps 1 and 2: admin closures, candidate groups, bounds. */
function prepare(a: Analysis): State {
  const ix = a.reach;
  const sweep = sweeperOf(a);
  const byProvider = new Map<string, string[]>();
  a.graph.forEachNode((id, node) => {
    if (categoryOf(node.kind) === 'secret') pushTo(byProvider, node.provider, id);
  });
  const adminsByScope = new Map<string, number[]>();
  const adminsByProvider = new Map<string, number[]>();
  a.graph.forEachNode((id, node) => {
    if (node.kind !== 'adminAccess') return;
    pushTo(adminsByProvider, node.provider, ix.index.get(id)!);
    if (node.account) pushTo(adminsByScope, `${node.provider}|${node.account}`, ix.index.get(id)!);
  });
  const entries: Entry[] = [];
  for (const [provider, secrets] of byProvider) {
    const p = a.providers.get(provider);
    const principals = p ? p.principals().filter((pr) => ix.index.has(pr)) : [];
    const evaluated = new Set(principals);
    const part: ProviderPart = { p, groups: [], principals: principals.map((pr) => ix.index.get(pr)!) };
    // Groups and the secrets each can name.
    const namedBy = new Map<string, number[]>();
    const anyGroups: number[] = [];
    if (p?.accessGroupOf) {
      const byKey = new Map<string, number>();
      const secretSet = new Set(secrets);
      for (const pr of principals) {
        const key = p.accessGroupOf(pr);
        let g = byKey.get(key);
        if (g === undefined) {
          byKey.set(key, (g = part.groups.length));
          part.groups.push({ rep: pr, members: [] });
          const candidates = p.accessCandidates?.(pr);
          if (!candidates) anyGroups.push(g);
          else if (candidates.size < secrets.length) {
            for (const c of candidates) if (secretSet.has(c)) pushTo(namedBy, c, g);
          } else for (const c of secrets) if (candidates.has(c)) pushTo(namedBy, c, g);
        }
        part.groups[g]!.members.push(ix.index.get(pr)!);
      }
    }
    const byScope = new Map<string, string[]>();
    for (const s of secrets) pushTo(byScope, p?.scopeOf(s) ?? NO_SCOPE, s);
    for (const [scope, inScope] of byScope) {
      // who-can's administrators: the provider's admin nodes of the secret's scope (all of them when it has none).
      const admins = !p ? [] : scope === NO_SCOPE ? (adminsByProvider.get(provider) ?? []) : (adminsByScope.get(`${provider}|${scope}`) ?? []);
      const closure = sweep.closure(admins);
      // Groups with someone who cannot become this scope's administrator: the others are counted already.
      const open = part.groups.map((g) => g.members.some((v) => !has(closure, v)));
      const any = anyGroups.filter((g) => open[g]);
      // Bounds: whoever can reach a group that may name any secret bounds every secret alike
      // (one sweep); each secret adds what can reach its own candidate groups beyond that.
      const wide = union(closure, sweep.closure(any.flatMap((g) => part.groups[g]!.members), closure));
      const memo = new Map<string, number>();
      for (const s of inScope) {
        const named = namedIn(a, s, evaluated);
        let groups: Entry['groups'];
        let bound: number;
        const cached = (key: string, stop: AdminClosure, seeds: () => number[]) => {
          let extra = memo.get(key);
          if (extra === undefined) memo.set(key, (extra = sweep.outside(seeds(), stop)));
          return stop.count + extra;
        };
        if (!p) bound = cached(`named:${named.join(',')}`, closure, () => named);
        else if (p.accessGroupOf && p.accessByName?.(s) === false) {
          const own = (namedBy.get(s) ?? []).filter((g) => open[g]);
          groups = { any, own };
          bound = cached(`${own.join(',')}|${named.join(',')}`, wide, () => [...own.flatMap((g) => part.groups[g]!.members), ...named]);
        } else {
          // The secret's own policy may name anyone: every principal is a candidate.
          bound = cached(`all|${named.join(',')}`, closure, () => [...part.principals, ...named]);
        }
        entries.push({ id: s, part, closure, groups, named, bound });
      }
    }
  }
  entries.sort((x, y) => y.bound - x.bound);
  return { total: entries.length, order: entries, next: 0, decided: [] };
}

/** Step 3: one secret's exact count. */
function decide(a: Analysis, sweep: Sweeper, e: Entry, spent: { decisions: number }): SecretReach {
  const ix = a.reach;
  const { p, groups, principals } = e.part;
  const seeds: number[] = [...e.named];
  if (!p) {
    // Nothing evaluates it: the principals its policy names are all there is.
  } else if (e.groups) {
    spent.decisions += e.groups.any.length + e.groups.own.length;
    for (const list of [e.groups.any, e.groups.own]) for (const g of list) if (p.accessOf(groups[g]!.rep, e.id) !== undefined) seeds.push(...groups[g]!.members);
  } else {
    for (const v of principals) {
      if (has(e.closure, v)) continue;
      spent.decisions++;
      if (p.accessOf(ix.ids[v]!, e.id) !== undefined) seeds.push(v);
    }
  }
  const extra = sweep.outside(seeds, e.closure);
  return { id: e.id, identities: e.closure.count + extra, beyondAdmin: extra };
}

/** Principals the secret's resource policy names (`grants` edges) that `evaluated` does not hold. */
function namedIn(a: Analysis, secret: string, evaluated: ReadonlySet<string>): number[] {
  const out: number[] = [];
  a.graph.forEachInEdge(secret, (_, e, source) => {
    if (e.kind !== 'grants' || source === secret || evaluated.has(source)) return;
    const v = a.reach.index.get(source);
    if (v !== undefined && !out.includes(v)) out.push(v);
  });
  return out.sort((x, y) => x - y);
}

/** Two disjoint closed sets as one (closed too). */
function union(x: AdminClosure, y: AdminClosure): AdminClosure {
  const bits = x.bits.slice();
  for (let i = 0; i < bits.length; i++) bits[i]! |= y.bits[i]!;
  return { bits, count: x.count + y.count };
}

const has = (c: AdminClosure, v: number) => (c.bits[v >>> 5]! & (1 << (v & 31))) !== 0;

/** 1 for each reach-index node that is an identity (what the counts count). */
function identityFlags(ix: ReachIndex): Uint8Array {
  const out = new Uint8Array(ix.ids.length);
  const byKind = new Map<string, boolean>();
  for (let v = 0; v < ix.ids.length; v++) {
    const k = ix.attrs[v]!.kind;
    let yes = byKind.get(k);
    if (yes === undefined) byKind.set(k, (yes = categoryOf(k) === 'identity'));
    if (yes) out[v] = 1;
  }
  return out;
}

/** Reverse sweeps with a stamped `seen` array: nothing is cleared or allocated per sweep but the closures' bits. */
class Sweeper {
  private readonly seen: Uint32Array;
  private readonly queue: Uint32Array;
  private gen = 0;

  constructor(
    private readonly ix: ReachIndex,
    private readonly identity: Uint8Array,
  ) {
    this.seen = new Uint32Array(ix.ids.length);
    this.queue = new Uint32Array(ix.ids.length);
  }

  /** Everyone who can reach one of `starts`, the starts included (outside `stop`, a closed set, when given). */
  closure(starts: readonly number[], stop?: AdminClosure): AdminClosure {
    const bits = new Uint32Array((this.ix.ids.length >>> 5) + 1);
    const count = this.sweep(
      starts,
      (v) => {
        bits[v >>> 5]! |= 1 << (v & 31);
      },
      stop,
    );
    return { bits, count };
  }

  /** Identities that can reach one of `seeds` (seeds included), outside the closure: it is closed, so the sweep stops at it. */
  outside(seeds: readonly number[], closure: AdminClosure): number {
    return this.sweep(seeds, undefined, closure);
  }

  private sweep(starts: readonly number[], visit?: (v: number) => void, stop?: AdminClosure): number {
    if (this.gen === 0xffffffff) {
      this.seen.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    const { seen, queue, identity } = this;
    const { revStart, revTargets } = this.ix;
    let tail = 0;
    let count = 0;
    const enter = (v: number) => {
      if (seen[v] === gen || (stop && has(stop, v))) return;
      seen[v] = gen;
      queue[tail++] = v;
      count += identity[v]!;
      visit?.(v);
    };
    for (const s of starts) enter(s);
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      const end = revStart[u + 1]!;
      for (let q = revStart[u]!; q < end; q++) enter(revTargets[q]!);
    }
    return count;
  }
}
