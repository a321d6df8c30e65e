/**
 * The Azure evaluator's indexes, built once per analysis from the graph: every role assignment
 * (principal, role, scope key, conditional or not) indexed by principal and by scope; directory
 * role assignments; group memberships; Key Vault access policies and permission models; the scope
 * hierarchy (ARM ids give resource → group → subscription; `azure.childOf` edges give subscription
 * → management group → ...; `/` is the last ancestor of everything).
 *
 * Cost: a question walks the principal's identities (itself and its groups) times the resource's
 * ancestors (a handful) through the principal → scope → assignments index; nothing scans all
 * principals or all assignments, caches are per principal, per resource or per role.
 */
import type { BlastGraph } from '../../graph/graph';
import { pushTo } from '../../io/multimap';
import { isActorKind } from '../../model/kinds';
import { AncestorChains } from '../../model/ancestor-chains';
import { ROOT_KEY, adminScopeOf, armKey, armParent, parseArm, parseSecretId, TENANT_SCOPE } from './ids';
import type { Roles } from './role-permissions';

export type GrantState = 'always' | 'conditional';

export interface Assignment {
  principal: string;
  role: string;
  scope: string;
  state: GrantState;
  condition?: string;
  /** The `azure.roleAssignment` edge (its evidence is the assignment's). */
  edge: string;
}

export interface DirectoryAssignment {
  principal: string;
  /** The directory role node and its template id. */
  role: string;
  templateId: string;
  permissions: readonly string[];
  /** `/`, `/<objectId>`, `/administrativeUnits/<id>`. */
  scope: string;
  state: GrantState;
  why?: string;
  edge: string;
}

export interface AccessPolicy {
  principal: string;
  vault: string;
  secrets: readonly string[];
  compound: boolean;
  edge: string;
}

export type VaultModel = 'rbac' | 'policy' | 'unknown';

const MAX_DEPTH = 32;

export class AzureModel {
  readonly assignments: Assignment[] = [];
  readonly byPrincipal = new Map<string, number[]>();
  private readonly byPrincipalScope = new Map<string, Map<string, number[]>>();
  readonly directory: DirectoryAssignment[] = [];
  readonly policies: AccessPolicy[] = [];
  private readonly policiesOf = new Map<string, number[]>();
  private readonly groupsOf = new Map<string, string[]>();
  /** `memberOf` edges into Entra groups: [member, group, edge key]. */
  readonly memberships: [string, string, string][] = [];
  private readonly parents = new Map<string, string>();
  private readonly vaultByName = new Map<string, string>();
  private readonly vaultModels = new Map<string, VaultModel>();
  private readonly chains = new AncestorChains((key) => this.parentOf(key), MAX_DEPTH);
  private readonly identities = new Map<string, readonly string[]>();
  private readonly principalList: string[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly graph: BlastGraph,
    readonly roles: Roles,
    readonly asOf: number,
  ) {
    const listed = new Set<string>();
    graph.forEachNode((id, a) => {
      if (a.provider !== 'azure') return;
      if (isActorKind(a.kind) && !a.placeholder) {
        this.principalList.push(id);
        listed.add(id);
      }
      if (a.kind === 'azure.keyVault') {
        const name = typeof a.attributes.vaultName === 'string' ? a.attributes.vaultName : parseArm(id)?.name;
        if (name && !this.vaultByName.has(name)) this.vaultByName.set(name, id);
        const rbac = a.attributes.rbacAuthorization;
        this.vaultModels.set(id, rbac === true ? 'rbac' : rbac === false ? 'policy' : 'unknown');
      }
    });
    graph.forEachEdge((key, e, source, target, sa, ta) => {
      if (e.kind === 'azure.roleAssignment') this.addAssignment(key, e.attributes, source, target, ta.attributes.guid);
      else if (e.kind === 'azure.directoryRoleAssignment') this.addDirectory(key, e.attributes, source, target, ta.attributes);
      else if (e.kind === 'azure.accessPolicy') {
        const secrets = Array.isArray(e.attributes.secrets) ? e.attributes.secrets.filter((s): s is string => typeof s === 'string') : [];
        pushTo(this.policiesOf, source, this.policies.push({ principal: source, vault: target, secrets, compound: typeof e.attributes.applicationId === 'string', edge: key }) - 1);
      } else if (e.kind === 'memberOf' && ta.kind === 'azure.group' && sa.provider === 'azure') {
        pushTo(this.groupsOf, source, target);
        this.memberships.push([source, target, key]);
      } else if (e.kind === 'azure.childOf' && sa.provider === 'azure') {
        const level = parseArm(source)?.level;
        if ((level === 'subscription' || level === 'managementGroup') && source !== target) {
          const known = this.parents.get(source);
          if (known === undefined) this.parents.set(source, target);
          else if (known !== target) this.notes.push(`${source} has two parents (${known}, ${target}); the first is used`);
        }
      }
    });
    // Principals only a grant names, not described by any export, are still evaluated.
    for (const p of [...this.byPrincipal.keys(), ...this.policiesOf.keys()]) {
      if (listed.has(p) || !graph.hasNode(p)) continue;
      listed.add(p);
      this.principalList.push(p);
    }
  }

  private addAssignment(edge: string, attrs: Record<string, unknown>, principal: string, _role: string, guid: unknown): void {
    const scope = typeof attrs.scope === 'string' ? armKey(attrs.scope) : undefined;
    if (!scope || typeof guid !== 'string') return;
    const condition = typeof attrs.condition === 'string' && attrs.condition ? attrs.condition : undefined;
    const i = this.assignments.push({ principal, role: guid, scope, state: condition ? 'conditional' : 'always', condition, edge }) - 1;
    pushTo(this.byPrincipal, principal, i);
  }

  private addDirectory(edge: string, attrs: Record<string, unknown>, principal: string, role: string, roleAttrs: Record<string, unknown>): void {
    const time = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : NaN);
    const start = time(attrs.start);
    const end = time(attrs.end);
    // A schedule that has ended, or not begun, at the analysis date grants nothing.
    if ((!Number.isNaN(end) && end < this.asOf) || (!Number.isNaN(start) && start > this.asOf)) return;
    const eligible = attrs.eligible === true;
    const permissions = Array.isArray(roleAttrs.permissions) ? roleAttrs.permissions.filter((p): p is string => typeof p === 'string') : [];
    this.directory.push({
      principal,
      role,
      templateId: typeof roleAttrs.templateId === 'string' ? roleAttrs.templateId : '',
      permissions,
      scope: typeof attrs.directoryScopeId === 'string' ? attrs.directoryScopeId : '/',
      state: eligible ? 'conditional' : 'always',
      why: eligible ? 'eligible (Privileged Identity Management): must be activated first' : undefined,
      edge,
    });
  }

  /** Every Azure actor: described, or named by a grant. */
  principals(): readonly string[] {
    return this.principalList;
  }

  /** The ARM key a node is evaluated under: its id for ARM nodes, its vault's key plus `/secrets/NAME` for a secret. */
  key(node: string): string {
    if (node.startsWith('/')) return node;
    const s = node.startsWith('https://') ? parseSecretId(node) : undefined;
    if (s) {
      const vault = this.vaultByName.get(s.vault);
      return vault ? `${vault}/secrets/${s.name}` : node;
    }
    return node;
  }

  /** A scope's parent: a hierarchy edge, else the ARM id's parent, else `/` for subscriptions and management groups. */
  parentOf(key: string): string | undefined {
    const p = this.parents.get(key);
    if (p !== undefined) return p;
    const arm = armParent(key);
    if (arm !== undefined) return arm;
    const level = parseArm(key)?.level;
    return level === 'subscription' || level === 'managementGroup' ? ROOT_KEY : undefined;
  }

  /** The key and its ancestors, nearest first (cycles and absurd depths cut). */
  chain(key: string): readonly string[] {
    return this.chains.of(key);
  }

  /** The admin scope (`/`, `managementGroups/MG`, subscription id) whose administrator controls a node. */
  scopeOf(node: string): string | undefined {
    const key = this.key(node);
    if (key.startsWith('/')) {
      for (const k of this.chain(key)) {
        const s = adminScopeOf(k);
        if (s !== undefined) return s;
      }
      return undefined;
    }
    if (!this.graph.hasNode(node)) return undefined;
    const a = this.graph.getNodeAttributes(node);
    return a.provider === 'azure' ? (a.account ?? TENANT_SCOPE) : undefined;
  }

  /** The vault a key is in (itself, for a vault), and its permission model. */
  vaultOf(key: string): { vault: string; model: VaultModel } | undefined {
    for (const k of this.chain(key)) {
      if (parseArm(k)?.type === 'microsoft.keyvault/vaults') return { vault: k, model: this.vaultModels.get(k) ?? 'unknown' };
    }
    return undefined;
  }

  vaultModel(vault: string): VaultModel {
    return this.vaultModels.get(vault) ?? 'unknown';
  }

  /** The principal and the groups it is in, transitively. */
  identitiesOf(principal: string): readonly string[] {
    const cached = this.identities.get(principal);
    if (cached) return cached;
    const out = [principal];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const g of this.groupsOf.get(out[i]!) ?? []) {
        if (seen.has(g)) continue;
        seen.add(g);
        out.push(g);
      }
    }
    this.identities.set(principal, out);
    return out;
  }

  /** One identity's assignments by scope key, indexed on first use. */
  private scopesOf(identity: string): Map<string, number[]> | undefined {
    let m = this.byPrincipalScope.get(identity);
    if (m) return m;
    const idxs = this.byPrincipal.get(identity);
    if (!idxs) return undefined;
    m = new Map();
    for (const i of idxs) pushTo(m, this.assignments[i]!.scope, i);
    this.byPrincipalScope.set(identity, m);
    return m;
  }

  /** The assignments that apply to a principal on a key (its own and its groups', at the key and above). */
  grants(principal: string, key: string): Assignment[] {
    const chain = this.chain(key);
    const out: Assignment[] = [];
    for (const id of this.identitiesOf(principal)) {
      const m = this.scopesOf(id);
      if (!m) continue;
      for (const k of chain) for (const i of m.get(k) ?? []) if (this.roles.get(this.assignments[i]!.role)) out.push(this.assignments[i]!);
    }
    return out;
  }

  /** The access policies of a principal (and its groups) on one vault. */
  policiesOn(principal: string, vault: string): AccessPolicy[] {
    const out: AccessPolicy[] = [];
    for (const id of this.identitiesOf(principal)) for (const i of this.policiesOf.get(id) ?? []) if (this.policies[i]!.vault === vault) out.push(this.policies[i]!);
    return out;
  }

  /**
   * What a principal's access depends on: its assignments (role, scope, condition) and access
   * policies, its groups' included. Principals with the same key get the same answer everywhere,
   * so 90,000 readers of one subscription are evaluated once.
   */
  grantKey(principal: string): string {
    const parts: string[] = [];
    for (const id of this.identitiesOf(principal)) {
      for (const i of this.byPrincipal.get(id) ?? []) {
        const a = this.assignments[i]!;
        parts.push(`${a.role}@${a.scope}${a.condition ? `?${a.condition}` : ''}`);
      }
      for (const i of this.policiesOf.get(id) ?? []) {
        const p = this.policies[i]!;
        parts.push(`policy@${p.vault}:${p.secrets.join(',')}${p.compound ? '?compound' : ''}`);
      }
    }
    return parts.sort().join('|');
  }
}
