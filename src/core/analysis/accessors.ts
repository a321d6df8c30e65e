/**
 * Who acts on a resource (or secret) directly: the identities its provider finds with access
 * (one evaluation per access group, or per principal when the resource's own policy names
 * principals), the principals a resource policy names that no provider evaluates (other
 * accounts, anyone, placeholders: the `grants` edges into the resource), and the administrator
 * of its scope. Each is marked conditional when its access holds only under a condition the
 * analysis could not decide: such access is listed, never dropped.
 *
 * Shared by who-can (the reverse sweep starts from them) and privilege paths to a resource (a
 * path ends with one of them acting on it, `accessStep`). The last answer is kept per analysis:
 * the page asks for who can reach a resource, then the paths from one entry, for the same target.
 */
import type { Evidence } from '../model/types';
import { categoryOf } from '../model/kinds';
import type { ResourceAccess } from '../model/access';
import type { ProviderAnalysis } from '../providers/types';
import { providerOf, type Analysis } from './analysis';
import { NODE, nodeFacts } from './reach-index';
import type { PathStep } from './explain';
import { covers } from './grant-actions';

export const isResourceKind = (kind: string): boolean => categoryOf(kind) === 'resource' || categoryOf(kind) === 'secret';

export interface Accessor {
  id: string;
  /** Its reach-index node. */
  index: number;
  /** Its access holds only under a condition the analysis could not decide. */
  conditional: boolean;
  /** `access`: its provider evaluated it; `named`: a resource policy names it and nothing evaluates it; `admin`: the scope's administrator. */
  how: 'access' | 'named' | 'admin';
  /** The graph `grants` edge by which a resource policy names it, when there is one. */
  grant?: string;
}

export interface Accessors {
  target: string;
  action?: string;
  list: Accessor[];
  /** Position in `list` by reach-index node. */
  byIndex: Map<number, number>;
}

const NONE = 0;
const CERTAIN = 1;
const CONDITIONAL = 2;

const judged = (access: ResourceAccess | undefined) => (!access ? NONE : Object.keys(access.allowed).length ? CERTAIN : CONDITIONAL);

/** The principals each provider evaluates, as a set (once per analysis). */
const evaluatedSets = new WeakMap<ProviderAnalysis, ReadonlySet<string>>();
function evaluated(p: ProviderAnalysis): ReadonlySet<string> {
  let s = evaluatedSets.get(p);
  if (!s) evaluatedSets.set(p, (s = new Set(p.principals())));
  return s;
}

const lastAnswer = new WeakMap<Analysis, Accessors>();

/** The direct accessors of a resource node (see the module comment); empty for anything else. */
export function accessorsOf(a: Analysis, target: string, action?: string): Accessors {
  const hit = lastAnswer.get(a);
  if (hit && hit.target === target && hit.action === action) return hit;
  const out: Accessors = { target, action, list: [], byIndex: new Map() };
  collect(a, out);
  lastAnswer.set(a, out);
  return out;
}

function collect(a: Analysis, out: Accessors): void {
  const { target, action } = out;
  const ix = a.reach;
  if (!a.graph.hasNode(target) || !isResourceKind(a.graph.getNodeAttribute(target, 'kind'))) return;
  const add = (id: string, how: Accessor['how'], conditional: boolean, grant?: string) => {
    const index = ix.index.get(id);
    if (index === undefined) return;
    const at = out.byIndex.get(index);
    if (at !== undefined) {
      // Certain access wins over conditional access.
      const x = out.list[at]!;
      if (x.conditional && !conditional) x.conditional = false;
      return;
    }
    out.byIndex.set(index, out.list.length);
    out.list.push({ id, index, conditional, how, ...(grant ? { grant } : {}) });
  };
  // The resource policy's grants (few per resource): by principal.
  const grants = new Map<string, { key: string; conditional: boolean; actions: unknown }>();
  a.graph.forEachInEdge(target, (key, e, source) => {
    if (e.kind !== 'grants' || source === target) return;
    const prev = grants.get(source);
    const conditional = e.attributes.conditional === true;
    if (!prev || (prev.conditional && !conditional)) grants.set(source, { key, conditional, actions: e.attributes.actions });
  });
  const p = providerOf(a, target);
  const node = a.graph.getNodeAttributes(target);
  if (p) {
    const judge = (pr: string): number => {
      if (!action) return judged(p.accessOf(pr, target));
      const d = p.decide(pr, action, target);
      return d === 'allowed' ? CERTAIN : d === 'conditional' ? CONDITIONAL : NONE;
    };
    // Without a resource policy naming principals, one answer per access group.
    const perGroup = p.accessGroupOf && p.accessByName?.(target) === false ? new Map<string, number>() : undefined;
    for (const pr of p.principals()) {
      let v: number | undefined;
      if (!perGroup) v = judge(pr);
      else {
        const g = p.accessGroupOf!(pr);
        v = perGroup.get(g);
        if (v === undefined) perGroup.set(g, (v = judge(pr)));
      }
      if (v !== NONE) add(pr, 'access', v === CONDITIONAL, grants.get(pr)?.key);
    }
  }
  // Principals a resource policy names that no provider evaluates (another account, anyone, a
  // placeholder): the grant is all there is to go by.
  const known = p ? evaluated(p) : new Set<string>();
  for (const [source, g] of grants) {
    if (known.has(source)) continue;
    const c = action ? covers(g.actions, action) : 'yes';
    if (c !== 'no') add(source, 'named', g.conditional || c === 'maybe', g.key);
  }
  // The administrator of the resource's scope can do anything to it.
  const scope = p?.scopeOf(target);
  if (p) {
    const { flags } = nodeFacts(ix);
    for (let v = 0; v < ix.ids.length; v++) {
      if (!(flags[v]! & NODE.ADMIN)) continue;
      const n = ix.attrs[v]!;
      if (n.provider === node.provider && (!scope || n.account === scope)) add(ix.ids[v]!, 'admin', false);
    }
  }
}

/**
 * The last step of a path to a resource: the accessor acting on it, explained, with the evidence
 * behind the access (the provider's statements where it can name them, the resource policy's
 * grant, else what the analysis decided).
 */
export function accessStep(a: Analysis, acc: Accessors, accessor: Accessor): PathStep {
  const target = acc.target;
  const name = (id: string) => (a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id);
  const p = providerOf(a, target);
  const grant = accessor.grant && a.graph.hasEdge(accessor.grant) ? a.graph.getEdgeAttributes(accessor.grant) : undefined;
  const grantEvidence = grant?.evidence ?? [];
  const base = { from: accessor.id, to: target, conditional: accessor.conditional };
  const when = accessor.conditional ? ', under a condition the export cannot decide' : '';
  if (accessor.how === 'admin') {
    const scope = a.graph.getNodeAttribute(accessor.id, 'account') ?? '';
    return {
      ...base,
      edge: `access:${accessor.id}->${target}`,
      kind: 'access',
      explanation: `${name(accessor.id)} can do anything to ${name(target)}, a resource of ${scope}`,
      evidence: [{ file: 'analysis', location: accessor.id, note: `the administrator of ${scope} holds every permission on its resources` }],
    };
  }
  if (accessor.how === 'named') {
    const actions = Array.isArray(grant?.attributes.actions) ? (grant.attributes.actions as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    return {
      ...base,
      edge: accessor.grant!,
      kind: 'grants',
      explanation: `the resource policy of ${name(target)} grants ${name(accessor.id)} ${listed(actions) || 'access'}${when}`,
      evidence: grantEvidence,
    };
  }
  const access = acc.action ? undefined : p?.accessOf(accessor.id, target);
  const what = acc.action ?? listed([...Object.values(access?.allowed ?? {}), ...Object.values(access?.conditional ?? {})].flat());
  const own = p?.accessEvidence?.(accessor.id, target, acc.action) ?? [];
  const evidence: Evidence[] = own.length
    ? own
    : [{ file: 'analysis', location: `${p?.provider ?? node(a, target).provider} access of ${accessor.id} to ${target}`, note: `${what || 'access'}: ${accessor.conditional ? 'conditional' : 'allowed'}, as its policies decide` }];
  // The grant is evidence too, unless the provider's statements already cite it.
  for (const ev of grantEvidence) if (!evidence.some((x) => x.policy === ev.policy && x.statement === ev.statement)) evidence.push(ev);
  return {
    ...base,
    edge: accessor.grant ?? `access:${accessor.id}->${target}`,
    kind: accessor.grant ? 'grants' : 'access',
    explanation: `${name(accessor.id)} holds ${what || 'access'} on ${name(target)}${when}`,
    evidence,
  };
}

const node = (a: Analysis, id: string) => a.graph.getNodeAttributes(id);

/** A few action names, the rest counted. */
function listed(actions: readonly string[]): string {
  const unique = [...new Set(actions)];
  return unique.length <= 3 ? unique.join(', ') : `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}
