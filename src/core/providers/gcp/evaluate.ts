/**
 * The GCP evaluator. Built once per analysis from the graph: every `gcp.grantedRole` edge is a
 * binding (member, role, resource, condition decided at the analysis date), indexed by member and
 * resource; the hierarchy (organization → folders → project → resource) comes from `gcp.childOf`
 * edges, else from the resource's name or the service account's project. A principal's grants on
 * a resource are the bindings on the resource and its ancestors whose member is the principal,
 * one of its groups (memberOf), its domain, `allAuthenticatedUsers`, `allUsers`, or a
 * `projectOwner:`/`projectEditor:`/`projectViewer:` member whose basic role it holds.
 *
 * Cost: each question walks the principal's identities (a handful) times the resource's ancestors
 * (a handful) through the member → resource → bindings index; nothing scans all principals or
 * all bindings, and caches are per principal or per resource, never per pair.
 */
import type { BlastGraph } from '../../graph/graph';
import type { AccessLevel, ResourceAccess } from '../../model/access';
import { pushTo } from '../../io/multimap';
import { isActorKind } from '../../model/kinds';
import { AncestorChains } from '../../model/ancestor-chains';
import { evaluateCondition, type ConditionResult, type ConditionState } from './conditions';
import { levelOf, permissionPrefixes } from './access-levels';
import type { Roles } from './roles';
import { CRM, IAM, hierarchyShort, isProjectNumber, parseServiceAccountName, projectNodeId, projectSegment, scopeOfShort, serviceOfName } from './names';

export interface Binding {
  member: string;
  role: string;
  /** Normalised resource key (see GcpModel.key). */
  resource: string;
  /** `projects/P`, `folders/N`, `organizations/N` when the resource is a hierarchy node. */
  short: string | undefined;
  state: ConditionState;
  expression?: string;
  reason?: string;
  /** The `gcp.grantedRole` edge (its evidence is the binding's). */
  edge: string;
}

export interface Grant {
  binding: Binding;
  /** The identity that matched (the principal, or its group, domain, ...). */
  via: string;
}

const BASIC_ROLE: Record<string, string> = { projectOwner: 'roles/owner', projectEditor: 'roles/editor', projectViewer: 'roles/viewer' };
const AUTHENTICATED_KINDS = new Set(['gcp.user', 'gcp.serviceAccount', 'gcp.workloadIdentity', 'gcp.group']);
/** `domain:` stands for the accounts of a Workspace / Cloud Identity domain (not its groups). */
const DOMAIN_KINDS = new Set(['gcp.user']);
const MAX_DEPTH = 64;
const ALWAYS: ConditionResult = { state: 'always' };

export class GcpModel {
  readonly bindings: Binding[] = [];
  readonly byMember = new Map<string, number[]>();
  readonly byRole = new Map<string, number[]>();
  private readonly byMemberResource = new Map<string, Map<string, number[]>>();
  private readonly projectIds = new Map<string, string>();
  private readonly saByUniqueId = new Map<string, string>();
  private readonly parents = new Map<string, string>();
  private readonly childrenOf = new Map<string, string[]>();
  private readonly groupsOf = new Map<string, string[]>();
  /** `memberOf` edges from a GCP member to a Google group: [member, group, edge key]. */
  readonly memberships: [string, string, string][] = [];
  private readonly conveniencesOf = new Map<string, string[]>();
  private readonly chains = new AncestorChains((key) => this.parentOf(key), MAX_DEPTH);
  private readonly identities = new Map<string, readonly string[]>();
  private readonly principalList: string[] = [];
  private readonly full = new Map<string, ResourceAccess>();
  private readonly keys = new Map<string, string>();
  /** Conditions decided once each (a policy repeats the same expression on many bindings). */
  private readonly conditions = new Map<string, ConditionResult>();
  /** Hierarchy keys that have a `gcp.childOf` conflict (two parents): the first is kept. */
  readonly notes: string[] = [];

  constructor(
    readonly graph: BlastGraph,
    readonly roles: Roles,
    readonly asOf: number,
  ) {
    graph.forEachNode((id, a) => {
      if (a.provider !== 'gcp') return;
      if (a.kind === 'gcp.project') {
        const num = a.attributes.projectNumber;
        const pid = a.attributes.projectId;
        if (typeof num === 'string' && typeof pid === 'string' && !this.projectIds.has(num)) this.projectIds.set(num, pid);
      }
      if (a.kind === 'gcp.serviceAccount' && typeof a.attributes.uniqueId === 'string') this.saByUniqueId.set(a.attributes.uniqueId, id);
      if (isActorKind(a.kind) && !a.placeholder) this.principalList.push(id);
    });
    graph.forEachEdge((key, e, source, target, sa, ta) => {
      if (e.kind === 'gcp.childOf') {
        const child = this.key(source);
        const parent = this.key(target);
        const known = this.parents.get(child);
        if (known === undefined) {
          if (child !== parent) {
            this.parents.set(child, parent);
            if (hierarchyShort(child)) pushTo(this.childrenOf, parent, child);
          }
        } else if (known !== parent && hierarchyShort(child)) this.notes.push(`${child} has two parents (${known}, ${parent}); the first is used`);
      } else if (e.kind === 'memberOf' && ta.kind === 'gcp.group' && sa.provider === 'gcp') {
        pushTo(this.groupsOf, source, target);
        this.memberships.push([source, target, key]);
      } else if (e.kind === 'gcp.grantedRole') {
        const resource = typeof e.attributes.resource === 'string' ? e.attributes.resource : undefined;
        if (!resource) return;
        const cond = e.attributes.condition as { expression?: unknown } | undefined;
        const expression = cond && typeof cond.expression === 'string' ? cond.expression : undefined;
        const decided = expression === undefined ? ALWAYS : this.decided(expression);
        const rk = this.key(resource);
        const b: Binding = { member: source, role: target, resource: rk, short: hierarchyShort(rk), state: decided.state, expression, reason: decided.reason, edge: key };
        const i = this.bindings.push(b) - 1;
        pushTo(this.byMember, source, i);
        pushTo(this.byRole, target, i);
      }
    });
    this.indexConveniences();
  }

  private decided(expression: string): ConditionResult {
    let r = this.conditions.get(expression);
    if (!r) this.conditions.set(expression, (r = evaluateCondition(expression, this.asOf)));
    return r;
  }

  /** Every GCP actor described by the exports. */
  principals(): readonly string[] {
    return this.principalList;
  }

  /** A project id for a project number, when some export tells both. */
  projectId(p: string): string {
    return isProjectNumber(p) ? (this.projectIds.get(p) ?? p) : p;
  }

  /**
   * The key a resource is indexed under: project numbers become ids, a service account's
   * resource name (by e-mail or unique id) becomes its member string (its node id).
   */
  key(name: string): string {
    let k = this.keys.get(name);
    if (k === undefined) {
      k = this.computeKey(name);
      this.keys.set(name, k);
    }
    return k;
  }

  private computeKey(name: string): string {
    if (name.startsWith(IAM)) {
      const sa = parseServiceAccountName(name.slice(IAM.length));
      if (sa && !sa.key) {
        if (sa.account.includes('@')) return `serviceAccount:${sa.account}`;
        const byId = this.saByUniqueId.get(sa.account);
        if (byId) return byId;
      }
    }
    if (!name.startsWith('//') || this.projectIds.size === 0) return name;
    return name.replace(/(^|\/)projects\/(\d+)(?=\/|$)/, (all, lead: string, num: string) => {
      const id = this.projectIds.get(num);
      return id ? `${lead}projects/${id}` : all;
    });
  }

  /** The parent of a resource key: from the hierarchy edges, else its project. */
  parentOf(key: string): string | undefined {
    const p = this.parents.get(key);
    if (p !== undefined) return p;
    if (key.startsWith('serviceAccount:')) {
      const account = this.graph.hasNode(key) ? this.graph.getNodeAttribute(key, 'account') : undefined;
      return account ? projectNodeId(account) : undefined;
    }
    if (!key.startsWith('//') || hierarchyShort(key)) return undefined;
    const seg = projectSegment(key.replace(/^\/\/[^/]+\//, ''));
    return seg && seg !== '-' ? projectNodeId(this.projectId(seg)) : undefined;
  }

  /** The resource and its ancestors, nearest first (cycles and absurd depths cut). */
  chain(key: string): readonly string[] {
    return this.chains.of(key);
  }

  /** Hierarchy nodes (folders, projects) directly below a hierarchy key. */
  children(key: string): readonly string[] {
    return this.childrenOf.get(key) ?? [];
  }

  /** The scope (project id, `folders/N`, `organizations/N`) whose administrator controls a resource. */
  scopeOf(key: string): string | undefined {
    for (const k of this.chain(key)) {
      const short = hierarchyShort(k);
      if (short) return scopeOfShort(short);
    }
    return undefined;
  }

  /** `projectOwner:P` members, by the members holding that basic role on P (unconditionally). */
  private indexConveniences(): void {
    for (const member of this.byMember.keys()) {
      const colon = member.indexOf(':');
      const role = BASIC_ROLE[member.slice(0, colon)];
      if (!role) continue;
      const project = projectNodeId(this.projectId(member.slice(colon + 1)));
      for (const i of this.byRole.get(role) ?? []) {
        const b = this.bindings[i]!;
        if (b.resource === project && b.state === 'always' && b.member !== member) pushTo(this.conveniencesOf, b.member, member);
      }
    }
  }

  /** The principal and every member string that stands for it in a binding. */
  identitiesOf(principal: string): readonly string[] {
    const cached = this.identities.get(principal);
    if (cached) return cached;
    const out = [principal];
    const seen = new Set(out);
    const add = (m: string) => {
      if (!seen.has(m)) {
        seen.add(m);
        out.push(m);
      }
    };
    // Groups, transitively (a group may be a member of a group).
    for (let i = 0; i < out.length; i++) for (const g of this.groupsOf.get(out[i]!) ?? []) add(g);
    const kind = this.graph.hasNode(principal) ? this.graph.getNodeAttribute(principal, 'kind') : undefined;
    const at = principal.lastIndexOf('@');
    if (kind && DOMAIN_KINDS.has(kind) && at > 0) add(`domain:${principal.slice(at + 1)}`);
    for (const m of [...out]) for (const c of this.conveniencesOf.get(m) ?? []) add(c);
    if (kind && AUTHENTICATED_KINDS.has(kind)) add('allAuthenticatedUsers');
    add('allUsers');
    this.identities.set(principal, out);
    return out;
  }

  /** The groups (memberOf) a member belongs to directly. */
  groupsOfMember(member: string): readonly string[] {
    return this.groupsOf.get(member) ?? [];
  }

  /** `projectOwner:P`-style members whose basic role this member holds directly. */
  conveniencesOfMember(member: string): readonly string[] {
    return this.conveniencesOf.get(member) ?? [];
  }

  /** A member's bindings by resource key, indexed on first use (analysis only asks for a few). */
  private resourcesOf(member: string): Map<string, number[]> | undefined {
    let m = this.byMemberResource.get(member);
    if (m) return m;
    const idxs = this.byMember.get(member);
    if (!idxs) return undefined;
    m = new Map();
    for (const i of idxs) pushTo(m, this.bindings[i]!.resource, i);
    this.byMemberResource.set(member, m);
    return m;
  }

  /** Bindings of one member (exactly), on a resource key. */
  bindingsOn(member: string, key: string): readonly number[] {
    return this.resourcesOf(member)?.get(key) ?? [];
  }

  /** Every binding that applies to the principal on the resource (expired ones left out). */
  grants(principal: string, resource: string): Grant[] {
    const chain = this.chain(this.key(resource));
    const out: Grant[] = [];
    for (const id of this.identitiesOf(principal)) {
      const m = this.resourcesOf(id);
      if (!m) continue;
      for (const k of chain) {
        for (const i of m.get(k) ?? []) {
          const b = this.bindings[i]!;
          if (b.state !== 'never' && this.roles.status(b.role) === 'ok') out.push({ binding: b, via: id });
        }
      }
    }
    return out;
  }

  decide(principal: string, permission: string, resource: string): 'allowed' | 'conditional' | 'no' {
    let conditional = false;
    for (const g of this.grants(principal, resource)) {
      if (!this.roles.permissions(g.binding.role)?.has(permission)) continue;
      if (g.binding.state === 'always') return 'allowed';
      conditional = true;
    }
    return conditional ? 'conditional' : 'no';
  }

  private prefixesOf(resource: string): readonly string[] {
    const kind = this.graph.hasNode(resource) ? this.graph.getNodeAttribute(resource, 'kind') : 'gcp.resource';
    return permissionPrefixes(kind, resource.startsWith(CRM) ? 'cloudresourcemanager' : serviceOfName(resource));
  }

  accessOf(principal: string, resource: string): ResourceAccess | undefined {
    const grants = this.grants(principal, resource);
    if (!grants.length) return undefined;
    const prefixes = this.prefixesOf(resource);
    const allowed = new Map<AccessLevel, Set<string>>();
    const conditional = new Map<AccessLevel, Set<string>>();
    const put = (into: Map<AccessLevel, Set<string>>, p: string) => {
      const level = levelOf(p);
      let s = into.get(level);
      if (!s) into.set(level, (s = new Set()));
      s.add(p);
    };
    for (const g of grants) for (const p of this.roles.withPrefixes(g.binding.role, prefixes)) put(g.binding.state === 'always' ? allowed : conditional, p);
    for (const [level, s] of conditional) for (const p of allowed.get(level) ?? []) s.delete(p);
    const out: ResourceAccess = { allowed: {}, conditional: {} };
    for (const [level, s] of allowed) if (s.size) out.allowed[level] = [...s].sort();
    for (const [level, s] of conditional) if (s.size) out.conditional[level] = [...s].sort();
    return Object.keys(out.allowed).length || Object.keys(out.conditional).length ? out : undefined;
  }

  /** Every permission that concerns a resource, allowed (what its scope's administrator holds). */
  fullAccess(resource: string): ResourceAccess {
    const prefixes = this.prefixesOf(resource);
    const cacheKey = prefixes.join(',');
    let out = this.full.get(cacheKey);
    if (out) return out;
    out = { allowed: {}, conditional: {} };
    for (const p of this.roles.table.permissions) {
      if (!prefixes.some((x) => p.startsWith(x))) continue;
      (out.allowed[levelOf(p)] ??= []).push(p);
    }
    this.full.set(cacheKey, out);
    return out;
  }
}
