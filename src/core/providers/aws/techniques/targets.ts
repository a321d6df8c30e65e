/**
 * Which IAM users, roles, groups or policies of an account a principal's Allow statements can
 * name for an action: the candidates a per-target detector needs to evaluate. Resource patterns
 * are matched against ARNs sorted by name, by their literal head (a binary search), so a policy
 * scoped to `user/${aws:username}` or `role/ci-*` costs its matches, not the account's size.
 * A superset: the evaluator decides each candidate exactly afterwards.
 */
import type { CompiledPolicy } from '../eval/compile';
import { namesAction, statementsFor } from '../eval/compile';
import type { PrincipalPolicies } from '../eval/evaluate';
import { substituteVariables } from '../eval/variables';
import { globMatch } from '../eval/wildcard';

export type IamType = 'user' | 'role' | 'group' | 'policy';

/** Every target of the type, or some of them. */
export type Candidates = 'all' | ReadonlySet<string>;

interface TypeList {
  /** ARNs in account (graph) order: detectors keep producing findings in this order. */
  ids: string[];
  /** Positions into `ids`, sorted by ARN. */
  byName: Uint32Array;
  /** Position of each id (built when first needed). */
  position?: Map<string, number>;
}

const WILD = /[*?]/;

export class IamTargets {
  private readonly lists = new Map<string, TypeList>();

  constructor(private readonly listOf: (account: string, type: IamType) => string[]) {}

  ids(account: string, type: IamType): string[] {
    return this.list(account, type).ids;
  }

  private list(account: string, type: IamType): TypeList {
    const key = `${account}|${type}`;
    let l = this.lists.get(key);
    if (!l) {
      const ids = this.listOf(account, type);
      const byName = Uint32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
      this.lists.set(key, (l = { ids, byName }));
    }
    return l;
  }

  /** Candidates for `action` on targets of `type` in the principal's account. */
  candidates(pp: PrincipalPolicies, action: string, type: IamType): Candidates {
    const account = pp.facts.account;
    if (!account) return new Set();
    if (pp.missing.length) return 'all';
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const a = action.toLowerCase();
    const out = new Set<string>();
    for (const pol of pp.identity) {
      if (this.collect(pol, service, a, pp, account, type, out) === 'all') return 'all';
    }
    return out;
  }

  private collect(pol: CompiledPolicy, service: string, action: string, pp: PrincipalPolicies, account: string, type: IamType, out: Set<string>): 'all' | undefined {
    for (const st of statementsFor(pol, service)) {
      if (st.effect !== 'Allow') continue;
      if (!namesAction(st, action)) continue;
      if (!st.resources) return 'all';
      for (const r of st.resources) {
        const pattern = substituteVariables(r, pp.ctx);
        if (pattern === null) continue;
        if (pattern === undefined || this.addMatches(pattern, account, type, out) === 'all') return 'all';
      }
    }
    return undefined;
  }

  /** Adds the targets a Resource pattern can match; 'all' when its literal head does not narrow them. */
  private addMatches(pattern: string, account: string, type: IamType, out: Set<string>): 'all' | undefined {
    if (pattern === '*') return 'all';
    const fields = pattern.split(':');
    if (fields.length < 6) return WILD.test(pattern) && `arn:aws:iam::${account}:${type}/`.startsWith(pattern.split(WILD)[0]!) ? 'all' : undefined;
    if (WILD.test(fields[1]!)) return 'all';
    const want = ['arn', undefined, 'iam', '', account];
    for (let i = 0; i < 5; i++) if (want[i] !== undefined && !globMatch(fields[i]!, want[i]!)) return undefined;
    const resource = fields.slice(5).join(':');
    const head = resource.split(WILD)[0]!;
    const typeHead = `${type}/`;
    if (!head.startsWith(typeHead)) return typeHead.startsWith(head) ? 'all' : undefined;
    const { ids, byName } = this.list(account, type);
    const prefix = `arn:${fields[1]}:iam::${account}:${head}`;
    // Binary search for the first ARN >= prefix, then walk while they share it.
    let lo = 0;
    let hi = byName.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[byName[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const exact = !WILD.test(resource);
    for (let i = lo; i < byName.length; i++) {
      const id = ids[byName[i]!]!;
      if (!id.startsWith(prefix)) break;
      if (exact ? id === prefix : globMatch(pattern, id)) out.add(id);
    }
    return undefined;
  }

  /** The ids of some candidates, in account order, `skip` left out. */
  inOrder(account: string, type: IamType, c: Candidates, skip?: string): string[] {
    const l = this.list(account, type);
    if (c === 'all') return skip === undefined ? l.ids : l.ids.filter((id) => id !== skip);
    if (!l.position) l.position = new Map(l.ids.map((id, i) => [id, i]));
    const pos = l.position;
    return [...c].filter((id) => id !== skip && pos.has(id)).sort((x, y) => pos.get(x)! - pos.get(y)!);
  }
}

export const NONE: Candidates = new Set<string>();

export function union(...cs: Candidates[]): Candidates {
  if (cs.includes('all')) return 'all';
  const out = new Set<string>();
  for (const c of cs) for (const id of c as ReadonlySet<string>) out.add(id);
  return out;
}

export function intersect(a: Candidates, b: Candidates): Candidates {
  if (a === 'all') return b;
  if (b === 'all') return a;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  return new Set([...small].filter((id) => big.has(id)));
}
