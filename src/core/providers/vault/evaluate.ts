/**
 * Vault's evaluator over the graph: the identities (auth method roles and token roles), the
 * policies each one's tokens carry, one ACL per distinct policy set (roles with the same
 * policies share every decision), and the requests that act on each node (resources.ts).
 *
 * Decisions are cached per policy set and request. Which nodes a policy set can touch at all is
 * found from its rules' literal prefixes in a sorted index of request paths per Vault, so nothing
 * pairs every identity with every node: the cost follows what the rules can name.
 */
import type { BlastGraph } from '../../graph/graph';
import type { ResourceAccess } from '../../model/access';
import type { Evidence, NodeAttributes } from '../../model/types';
import { Acl, decideCapability, type AclInput, type Decision } from './acl';
import { CAP, type Capability, type PolicyRule } from './policy';
import { opsOf, type Op } from './resources';
import { globMatch } from './glob';

export interface Holder {
  id: string;
  scope: string;
  policies: string[];
  setKey: string;
}

export interface PolicySet {
  key: string;
  scope: string;
  policies: string[];
  acl: Acl;
  /** Policies the set names that no export describes: whatever they grant is not seen. */
  missing: string[];
  /** Policies whose text did not fully parse: a lost block may have denied something. */
  incomplete: string[];
  /** `root` granted through a token role: Vault lets only a root token create root tokens. */
  rootConditional: boolean;
  holders: string[];
}

export interface IndexEntry {
  path: string;
  node: string;
  op: Op;
}

const HOLDER_KINDS = new Set(['vault.authRole', 'vault.tokenRole']);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A literal prefix every path a rule matches starts with (up to its first wildcard or template). */
export function rulePrefix(path: string): string {
  let end = path.length;
  for (const mark of ['*', '+', '{{']) {
    const i = path.indexOf(mark);
    if (i !== -1 && i < end) end = i;
  }
  return path.slice(0, end);
}

export class VaultModel {
  readonly holders = new Map<string, Holder>();
  readonly sets = new Map<string, PolicySet>();
  readonly scopes = new Set<string>();
  /** Policy nodes by scope and name. */
  readonly policies = new Map<string, Map<string, { id: string; a: NodeAttributes }>>();
  private readonly ops = new Map<string, Op[]>();
  private readonly index = new Map<string, IndexEntry[]>();
  private readonly decisions = new Map<string, Decision>();
  private readonly access = new Map<string, ResourceAccess | null>();

  constructor(
    readonly graph: BlastGraph,
    readonly asOf: number,
  ) {
    const dbCreds = new Map<string, string[]>();
    graph.forEachEdge((_, e, _s, t, sa) => {
      if (e.kind === 'vault.connectsTo') dbCreds.set(t, [...(dbCreds.get(t) ?? []), ...strs(sa.attributes.credsPaths)]);
    });
    graph.forEachNode((id, a) => {
      if (a.provider !== 'vault' || !a.account) return;
      this.scopes.add(a.account);
      if (a.kind === 'vault.policy') {
        const name = typeof a.attributes.policyName === 'string' ? a.attributes.policyName : a.name;
        if (!this.policies.has(a.account)) this.policies.set(a.account, new Map());
        this.policies.get(a.account)!.set(name, { id, a });
      }
      const ops = opsOf(a, dbCreds.get(id));
      if (ops.length) this.ops.set(id, ops);
      const entries = this.index.get(a.account) ?? [];
      for (const op of ops) entries.push({ path: op.path, node: id, op });
      this.index.set(a.account, entries);
    });
    for (const entries of this.index.values()) entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    graph.forEachNode((id, a) => {
      if (!HOLDER_KINDS.has(a.kind) || a.placeholder || a.provider !== 'vault' || !a.account) return;
      const policies = this.effectivePolicies(a);
      const set = this.setOf(a.account, policies, a.kind === 'vault.tokenRole');
      set.holders.push(id);
      this.holders.set(id, { id, scope: a.account, policies, setKey: set.key });
    });
  }

  /** The policies a role's tokens carry: its own, plus `default` unless it opts out. */
  private effectivePolicies(a: NodeAttributes): string[] {
    const at = a.attributes;
    let policies = strs(at.policies);
    if (a.kind === 'vault.tokenRole') {
      const known = [...(this.policies.get(a.account!)?.keys() ?? [])];
      const globs = strs(at.allowedPoliciesGlob);
      const denied = strs(at.disallowedPolicies);
      const deniedGlobs = strs(at.disallowedPoliciesGlob);
      policies = [...policies, ...known.filter((p) => globs.some((g) => globMatch(g, p)))].filter((p) => !denied.includes(p) && !deniedGlobs.some((g) => globMatch(g, p)));
      // A token role with no allowed policies lets its creator pass on only what it holds.
      if (!policies.length) return [];
    }
    if (at.noDefaultPolicy !== true && !policies.includes('default') && !policies.includes('root')) policies.push('default');
    return [...new Set(policies)].sort();
  }

  private setOf(scope: string, policies: string[], viaTokenRole: boolean): PolicySet {
    const key = `${scope}\n${policies.join('\n')}`;
    const known = this.sets.get(key);
    if (known) return known;
    const inputs: AclInput[] = [];
    const missing: string[] = [];
    const incomplete: string[] = [];
    const byName = this.policies.get(scope);
    for (const name of policies) {
      if (name === 'root') continue;
      const p = byName?.get(name);
      const rules = p && !p.a.placeholder && Array.isArray(p.a.attributes.rules) ? (p.a.attributes.rules as PolicyRule[]) : undefined;
      if (!rules) {
        missing.push(name);
        continue;
      }
      if (p!.a.attributes.incomplete === true) incomplete.push(name);
      const file = typeof p!.a.attributes.sourceFile === 'string' ? p!.a.attributes.sourceFile : 'policy';
      for (const rule of rules) {
        // Vault ignores a block after its expiration time.
        if (rule.expiration && Date.parse(rule.expiration) < this.asOf) continue;
        inputs.push({ policy: name, file, rule });
      }
    }
    const root = policies.includes('root');
    const set: PolicySet = { key, scope, policies, acl: new Acl(inputs, root), missing, incomplete, rootConditional: root && viaTokenRole, holders: [] };
    this.sets.set(key, set);
    return set;
  }

  /** Requests decided so far (distinct per policy set): what the analysis cost. */
  get decisionCount(): number {
    return this.decisions.size;
  }

  setOfHolder(principal: string): PolicySet | undefined {
    const h = this.holders.get(principal);
    return h ? this.sets.get(h.setKey) : undefined;
  }

  opsOf(node: string): Op[] {
    return this.ops.get(node) ?? [];
  }

  /** One request under a policy set, cached. */
  decide(set: PolicySet, path: string, cap: Capability): Decision {
    const key = `${set.key}\u0001${cap}\u0001${path}`;
    let d = this.decisions.get(key);
    if (!d) {
      d = decideCapability(set.acl, path, cap);
      if (d.decision === 'allowed' && set.rootConditional) d = { ...d, decision: 'conditional', why: ['`root` comes from a token role: only a root token may create a root token'] };
      if (d.decision === 'allowed' && set.incomplete.length) d = { ...d, decision: 'conditional', why: [...d.why, `policy ${set.incomplete.join(', ')} did not fully parse: a block that was not read may deny this`] };
      this.decisions.set(key, d);
    }
    return d;
  }

  /** The index entries a policy set's rules can match (every entry when a rule matches anything). */
  candidates(set: PolicySet): IndexEntry[] {
    const entries = this.index.get(set.scope) ?? [];
    if (set.acl.root) return entries;
    const prefixes = [...new Set(set.acl.rules().map((r) => rulePrefix(r.path.startsWith('/') ? r.path.slice(1) : r.path)))].sort();
    if (prefixes[0] === '') return entries;
    const out: IndexEntry[] = [];
    let last = '';
    for (const prefix of prefixes) {
      // A prefix covered by a shorter one just visited adds nothing.
      if (last && prefix.startsWith(last)) continue;
      last = prefix;
      for (let i = lowerBound(entries, prefix); i < entries.length && entries[i]!.path.startsWith(prefix); i++) out.push(entries[i]!);
    }
    return out;
  }

  /** What `principal` can do to `resource`, by access level. */
  accessOf(principal: string, resource: string): ResourceAccess | undefined {
    const set = this.setOfHolder(principal);
    if (!set) return undefined;
    const key = `${set.key}\u0002${resource}`;
    if (this.access.has(key)) return this.access.get(key) ?? undefined;
    const out: ResourceAccess = { allowed: {}, conditional: {} };
    let any = false;
    for (const op of this.opsOf(resource)) {
      const d = this.decide(set, op.path, op.cap);
      if (d.decision === 'no') continue;
      const into = d.decision === 'allowed' ? out.allowed : out.conditional;
      (into[op.level] ??= []).push(`${op.cap} ${op.path}`);
      any = true;
    }
    this.access.set(key, any ? out : null);
    return any ? out : undefined;
  }

  fullAccess(resource: string): ResourceAccess {
    const out: ResourceAccess = { allowed: {}, conditional: {} };
    for (const op of this.opsOf(resource)) (out.allowed[op.level] ??= []).push(`${op.cap} ${op.path}`);
    return out;
  }

  /** One capability on a node (its requests with that capability), or on a raw Vault path. */
  decideAction(principal: string, action: string, resource: string): { decision: 'allowed' | 'conditional' | 'no'; decisions: Decision[] } {
    const set = this.setOfHolder(principal);
    const cap = action.replace(/^vault:/i, '').toLowerCase();
    if (!set || !Object.prototype.hasOwnProperty.call(CAP, cap) || cap === 'deny') return { decision: 'no', decisions: [] };
    const paths = this.ops.has(resource) ? this.opsOf(resource).filter((o) => o.cap === cap).map((o) => o.path) : [resource.replace(/^vault:[^:]*:/, '')];
    const decisions = paths.map((p) => this.decide(set, p, cap as Capability));
    const decision = decisions.some((d) => d.decision === 'allowed') ? 'allowed' : decisions.some((d) => d.decision === 'conditional') ? 'conditional' : 'no';
    return { decision, decisions: decisions.filter((d) => d.decision !== 'no') };
  }

  /** The path blocks behind a decision, as evidence (file, `line N: path "..."`, policy, capabilities). */
  static evidence(d: Decision, cap: Capability, path: string): Evidence[] {
    if (!d.rule) return [{ file: 'analysis', location: `${cap} ${path}`, note: d.why.join('; ') }];
    const sources = d.rule.sources.filter((s) => s.caps.includes(cap) || s.caps.includes('deny'));
    return (sources.length ? sources : d.rule.sources).map((s) => ({
      file: s.file,
      location: s.location,
      policy: s.policy,
      ...(s.conditions?.length ? { condition: s.conditions.join('; ') } : {}),
      note: `capabilities ${s.caps.join(', ')}: ${cap} ${path}${d.why.length ? ` (${d.why.join('; ')})` : ''}`,
    }));
  }
}

function lowerBound(entries: readonly IndexEntry[], prefix: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.path < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
