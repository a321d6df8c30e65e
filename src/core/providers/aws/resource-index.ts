/**
 * Which AWS resources a principal's own grants can name, from its Allow statements' Resource
 * patterns: matched against the resource ARNs sorted by name, by each pattern's literal head (a
 * binary search), so a policy scoped to `arn:aws:s3:::reports-*` costs its matches, not every
 * resource of the estate. A superset: the evaluator decides each candidate afterwards. Resources
 * whose own policy names principals are decided per principal elsewhere (`byName`).
 */
import type { BlastGraph } from '../../graph/graph';
import { categoryOf } from '../../model/kinds';
import type { CompiledStatement } from './eval/compile';
import type { PrincipalPolicies } from './eval/evaluate';
import { substituteVariables } from './eval/variables';
import { globMatch } from './eval/wildcard';
import { parseArn } from './importers/arn';
import type { AwsModel } from './model';
import { resourceArns } from './resource-access';
import { pushTo } from '../../io/multimap';

const WILD = /[*?]/;

export class AwsResourceIndex {
  /** Resource ids sorted by ARN. */
  private readonly sorted: string[] = [];
  private readonly byService = new Map<string, string[]>();
  private readonly kindOf = new Map<string, string>();
  private readonly candidateCache = new Map<string, ReadonlySet<string> | undefined>();
  private readonly byNameCache = new Map<string, boolean>();

  constructor(
    graph: BlastGraph,
    private readonly model: AwsModel,
  ) {
    graph.forEachNode((id, a) => {
      if (a.provider !== 'aws') return;
      const category = categoryOf(a.kind);
      if (category !== 'resource' && category !== 'secret') return;
      const arn = parseArn(id);
      if (!arn) return;
      this.sorted.push(id);
      this.kindOf.set(id, a.kind);
      pushTo(this.byService, arn.service.toLowerCase(), id);
    });
    this.sorted.sort();
  }

  /** Does the resource's own policy decide who may act on it (by naming principals)? */
  byName(resource: string): boolean {
    let v = this.byNameCache.get(resource);
    if (v === undefined) {
      v = resourceArns(resource, this.kindOf.get(resource) ?? 'resource').some((r) => this.model.resourceSide('*', r)?.policy !== undefined);
      this.byNameCache.set(resource, v);
    }
    return v;
  }

  /** Resources the principal's Allow statements can name; undefined when that is any. */
  candidates(pp: PrincipalPolicies): ReadonlySet<string> | undefined {
    const key = pp.shareKey ?? pp.id;
    if (this.candidateCache.has(key)) return this.candidateCache.get(key);
    const v = this.compute(pp);
    this.candidateCache.set(key, v);
    return v;
  }

  private compute(pp: PrincipalPolicies): Set<string> | undefined {
    if (pp.missing.length) return undefined;
    const out = new Set<string>();
    for (const pol of pp.identity) {
      for (const st of pol.statements) {
        if (st.effect !== 'Allow') continue;
        if (!st.resources) return undefined;
        for (const r of st.resources) {
          const pattern = substituteVariables(r, pp.ctx);
          if (pattern === null) continue;
          if (pattern === undefined || this.add(st, pattern, out) === 'all') return undefined;
        }
      }
    }
    return out;
  }

  private add(st: CompiledStatement, pattern: string, out: Set<string>): 'all' | undefined {
    if (pattern === '*') {
      const services = servicesOf(st);
      if (!services) return 'all';
      for (const s of services) for (const id of this.byService.get(s) ?? []) out.add(id);
      return undefined;
    }
    // The literal head, cut at its first `/`: a bucket's pattern `bucket/*` names the bucket.
    let head = pattern.split(WILD)[0]!;
    const slash = head.indexOf('/');
    if (slash >= 0) head = head.slice(0, slash);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < head) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(head); i++) {
      const id = this.sorted[i]!;
      if (resourceArns(id, this.kindOf.get(id)!).some((arn) => globMatch(pattern, arn))) out.add(id);
    }
    return undefined;
  }
}

/** The services a statement's actions name, or undefined when they can be any. */
function servicesOf(st: CompiledStatement): string[] | undefined {
  if (!st.actions) return undefined;
  const out = new Set<string>();
  for (const a of st.actions) {
    const svc = a.slice(0, Math.max(0, a.indexOf(':')));
    if (!svc || WILD.test(svc)) return undefined;
    out.add(svc);
  }
  return [...out];
}
