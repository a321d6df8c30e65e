/**
 * What a principal can do to an Azure resource, for the provider-neutral analyses. Control-plane
 * actions are decided by the role assignments on the resource and its ancestors; data actions the
 * same way, except inside a Key Vault, where the vault's permission model decides: Azure RBAC
 * (role assignments), access policies (the vault's policies, RBAC data roles ignored), or unknown
 * (no `az keyvault show`: both are considered, and either only conditionally).
 *
 * Access is listed per resource type from a catalogue of literal actions (every wildcard-free
 * action the built-in and custom roles name, and the few Key Vault secret actions granted only
 * through `secrets/*`); each role's matches are computed once per type.
 */
import type { AccessLevel, ResourceAccess } from '../../model/access';
import type { Evidence } from '../../model/types';
import { levelOf, policySecretActions, SECRET_DATA_ACTIONS } from './access-levels';
import { parseArm } from './ids';
import type { Assignment, AzureModel } from './model';
import type { CompiledRole, Permit } from './role-permissions';

const SECRET_TYPE = 'microsoft.keyvault/vaults/secrets';
/** Changing who can do what to a resource is an action on every resource. */
const ON_EVERY_RESOURCE = ['microsoft.authorization/roleassignments/write', 'microsoft.authorization/roleassignments/delete'];

interface Matches {
  allowed: string[];
  conditional: string[];
}

export class AzureAccess {
  private readonly control: Set<string>;
  private readonly data: Set<string>;
  private readonly byType = new Map<string, { control: string[]; data: string[] }>();
  private readonly full = new Map<string, ResourceAccess>();
  private readonly roleMatches = new Map<string, Matches>();

  constructor(readonly model: AzureModel) {
    const c = model.roles.catalogue();
    this.control = c.control;
    this.data = c.data;
    for (const a of SECRET_DATA_ACTIONS) this.data.add(a);
  }

  /** The lower-case ARM type a node is judged as (undefined for identities and other nodes). */
  typeOf(node: string): string | undefined {
    if (node.startsWith('https://')) return SECRET_TYPE;
    const key = this.model.key(node);
    const p = key.startsWith('/') ? parseArm(key) : undefined;
    switch (p?.level) {
      case 'root':
      case 'managementGroup':
        return p.type ?? 'microsoft.management/managementgroups';
      case 'subscription':
        return 'microsoft.resources/subscriptions';
      case 'resourceGroup':
        return 'microsoft.resources/subscriptions/resourcegroups';
      case 'resource':
        return p.type;
      default:
        return undefined;
    }
  }

  isData(action: string): boolean {
    return this.data.has(action);
  }

  /** The literal actions that concern a type: its own and its direct children's verbs. */
  actionsFor(type: string): { control: string[]; data: string[] } {
    let out = this.byType.get(type);
    if (out) return out;
    const prefix = `${type}/`;
    const near = (a: string) => a.startsWith(prefix) && a.slice(prefix.length).split('/').length <= 2;
    const control = new Set([...this.control].filter(near));
    for (const verb of ['read', 'write', 'delete']) if (!this.data.has(`${prefix}${verb}`)) control.add(`${prefix}${verb}`);
    for (const a of ON_EVERY_RESOURCE) control.add(a);
    out = { control: [...control].sort(), data: [...this.data].filter(near).sort() };
    this.byType.set(type, out);
    return out;
  }

  /** A role's grants among a type's actions (cached per role and type). */
  private matches(role: CompiledRole, type: string, data: boolean): Matches {
    const key = `${role.guid}|${type}|${data ? 'd' : 'c'}`;
    let m = this.roleMatches.get(key);
    if (m) return m;
    m = { allowed: [], conditional: [] };
    const list = data ? this.actionsFor(type).data : this.actionsFor(type).control;
    for (const a of list) {
      const p = role.permits(a, data);
      if (p === 'allowed') m.allowed.push(a);
      else if (p === 'conditional') m.conditional.push(a);
    }
    this.roleMatches.set(key, m);
    return m;
  }

  /** One action on one resource. */
  decide(principal: string, action: string, resource: string): Permit {
    const a = action.toLowerCase();
    const key = this.model.key(resource);
    const data = this.isData(a);
    const kv = data ? this.model.vaultOf(key) : undefined;
    let best: Permit = 'no';
    if (!kv || kv.model !== 'policy') {
      for (const g of this.model.grants(principal, key)) {
        const p = this.model.roles.get(g.role)!.permits(a, data);
        if (p === 'no') continue;
        if (p === 'allowed' && g.state === 'always' && kv?.model !== 'unknown') return 'allowed';
        best = 'conditional';
      }
    }
    if (kv && kv.model !== 'rbac') {
      for (const pol of this.model.policiesOn(principal, kv.vault)) {
        if (!policySecretActions(pol.secrets).includes(a)) continue;
        if (!pol.compound && kv.model === 'policy') return 'allowed';
        best = 'conditional';
      }
    }
    return best;
  }

  accessOf(principal: string, resource: string): ResourceAccess | undefined {
    const type = this.typeOf(resource);
    if (!type) return undefined;
    const key = this.model.key(resource);
    const grants = this.model.grants(principal, key);
    const kv = this.model.vaultOf(key);
    const policies = kv && kv.model !== 'rbac' ? this.model.policiesOn(principal, kv.vault) : [];
    if (!grants.length && !policies.length) return undefined;
    const allowed = new Set<string>();
    const conditional = new Set<string>();
    for (const g of grants) {
      const role = this.model.roles.get(g.role)!;
      for (const data of [false, true]) {
        if (data && kv?.model === 'policy') continue;
        const m = this.matches(role, type, data);
        const certain = g.state === 'always' && !(data && kv?.model === 'unknown');
        for (const a of m.allowed) (certain ? allowed : conditional).add(a);
        for (const a of m.conditional) conditional.add(a);
      }
    }
    const dataActions = new Set(this.actionsFor(type).data);
    for (const pol of policies) {
      for (const a of policySecretActions(pol.secrets)) if (dataActions.has(a)) (!pol.compound && kv!.model === 'policy' ? allowed : conditional).add(a);
    }
    for (const a of allowed) conditional.delete(a);
    return allowed.size || conditional.size ? { allowed: byLevel(allowed), conditional: byLevel(conditional) } : undefined;
  }

  /** Everything that can be done to a resource: what its scope's administrator holds. */
  fullAccess(resource: string): ResourceAccess {
    const type = this.typeOf(resource) ?? 'unknown';
    let out = this.full.get(type);
    if (!out) {
      const { control, data } = this.actionsFor(type);
      out = { allowed: byLevel(new Set([...control, ...data])), conditional: {} };
      this.full.set(type, out);
    }
    return out;
  }

  /** The assignments and access policies behind a principal's access (for one action, or any). */
  accessEvidence(principal: string, resource: string, action?: string): Evidence[] {
    const key = this.model.key(resource);
    const type = this.typeOf(resource);
    const out: Evidence[] = [];
    const grantsAction = (g: Assignment) => {
      const role = this.model.roles.get(g.role)!;
      if (action) return role.permits(action.toLowerCase(), this.isData(action.toLowerCase())) !== 'no';
      return type !== undefined && [false, true].some((d) => this.matches(role, type, d).allowed.length + this.matches(role, type, d).conditional.length > 0);
    };
    for (const g of this.model.grants(principal, key)) if (grantsAction(g)) out.push(...edgeEvidence(this.model, g.edge));
    const kv = this.model.vaultOf(key);
    if (kv && kv.model !== 'rbac') for (const p of this.model.policiesOn(principal, kv.vault)) out.push(...edgeEvidence(this.model, p.edge));
    return out.slice(0, 12);
  }
}

export function edgeEvidence(model: AzureModel, edge: string): Evidence[] {
  return model.graph.hasEdge(edge) ? model.graph.getEdgeAttributes(edge).evidence.slice(0, 2) : [{ file: 'analysis', location: edge }];
}

function byLevel(actions: Set<string>): Partial<Record<AccessLevel, string[]>> {
  const out: Partial<Record<AccessLevel, string[]>> = {};
  for (const a of [...actions].sort()) (out[levelOf(a)] ??= []).push(a);
  return out;
}
