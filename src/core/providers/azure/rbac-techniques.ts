/**
 * Azure RBAC escalations, from each role assignment in one pass (each role's answer to the few
 * actions that matter is cached by the role): writing role assignments (administrator of a
 * subscription, management group or the root; below a subscription, its identities, secrets and
 * clusters), writing federated credentials on user-assigned identities, reading Key Vault secrets
 * (RBAC data action, or an access policy), adding an access policy to an access-policy vault,
 * fetching AKS cluster-admin credentials. Targets below a scope become one identity set.
 */
import type { Evidence } from '../../model/types';
import { edgeEvidence } from './access';
import { policySecretActions } from './access-levels';
import type { FindingSink } from './findings';
import { adminScopeOf } from './ids';
import type { Assignment, AzureModel } from './model';
import type { CompiledRole, Permit } from './role-permissions';
import type { ClusterInfo, ScopeTargets, SecretInfo } from './targets';

export const RA_WRITE = 'microsoft.authorization/roleassignments/write';
const FIC_WRITE = 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials/write';
const KV_WRITE = ['microsoft.keyvault/vaults/write', 'microsoft.keyvault/vaults/accesspolicies/write'];
const SECRET_GET = 'microsoft.keyvault/vaults/secrets/getsecret/action';
const AKS_ADMIN = 'microsoft.containerservice/managedclusters/listclusteradmincredential/action';

/** What one grant is, for the findings: evidence, condition, permission line. */
interface Ground {
  conditional: boolean;
  evidence: Evidence[];
  action: string;
  scope: string;
  note?: string;
}

export class RbacTechniques {
  constructor(
    private readonly model: AzureModel,
    private readonly targets: ScopeTargets,
    private readonly sink: FindingSink,
  ) {}

  /** A scope's display name: its node's name, or the key. */
  nameOf(key: string): string {
    const g = this.model.graph;
    if (key === '/') return 'the root scope /';
    const n = g.hasNode(key) ? g.getNodeAttributes(key) : undefined;
    const level = n?.kind === 'azure.subscription' ? 'subscription' : n?.kind === 'azure.managementGroup' ? 'management group' : n?.kind === 'azure.resourceGroup' ? 'resource group' : undefined;
    return n ? `${level ? `${level} ` : ''}${n.name}` : key;
  }

  private add(source: string, target: string | undefined, technique: string, ground: Ground): void {
    if (!target) return;
    this.sink.add(source, target, technique, { conditional: ground.conditional, evidence: ground.evidence, note: ground.note, permission: { action: ground.action, scope: ground.scope, decision: ground.conditional ? 'conditional' : 'allowed' } });
  }

  /** Secrets below `key` that `accept` admits, one edge or one set each for certain and conditional ones (the set id says which filter). */
  private secrets(source: string, key: string, filter: string, accept: (s: SecretInfo) => 'yes' | 'conditional' | 'no', technique: string, ground: Ground): void {
    const certain: string[] = [];
    const unknownModel: string[] = [];
    const disabled: string[] = [];
    for (const id of this.targets.secretsUnder(key)) {
      const info = this.targets.secretInfo.get(id)!;
      const verdict = accept(info);
      if (verdict === 'no') continue;
      if (info.disabled) disabled.push(id);
      else (verdict === 'yes' ? certain : unknownModel).push(id);
    }
    const label = `Key Vault secrets below ${this.nameOf(key)}`;
    const also = (why: string) => (ground.note ? `${ground.note}; ${why}` : why);
    this.add(source, this.sink.targetOf(certain, `set:azure:${key}:secrets:${filter}`, label), technique, ground);
    this.add(source, this.sink.targetOf(unknownModel, `set:azure:${key}:secrets:${filter}:model-unknown`, `${label} (vault permission model unknown)`), technique, {
      ...ground,
      conditional: true,
      note: also("the vault's permission model (Azure RBAC or access policies) is not exported: az keyvault show tells which applies"),
    });
    this.add(source, this.sink.targetOf(disabled, `set:azure:${key}:secrets:${filter}:disabled`, `${label} (disabled)`), technique, { ...ground, conditional: true, note: also('the secret is disabled: someone must enable it again before it can be read') });
  }

  private clusters(source: string, list: readonly ClusterInfo[], ground: Ground): void {
    for (const c of list) {
      if (c.localAccountsDisabled === true) continue;
      const target = this.sink.admin(c.name, `Administrator of cluster ${c.name}`, 'kubernetes');
      const unknown = c.localAccountsDisabled === undefined;
      this.add(source, target, 'azure-aks-cluster-admin', { ...ground, conditional: ground.conditional || unknown, note: unknown ? 'whether the cluster\'s local accounts are disabled is not in the export' : ground.note });
    }
  }

  /** Every technique one assignment opens. */
  assignment(a: Assignment, role: CompiledRole): void {
    const principal = a.principal;
    const evidence = edgeEvidence(this.model, a.edge);
    const ground = (p: Permit, action: string, note?: string): Ground => ({ conditional: p === 'conditional' || a.state === 'conditional', evidence, action, scope: a.scope, note: note ?? (a.condition ? 'the assignment has a condition the analysis does not decide' : undefined) });
    const scopeName = this.nameOf(a.scope);

    const ra = role.permits(RA_WRITE, false);
    if (ra !== 'no') {
      const adminScope = adminScopeOf(a.scope);
      const g = ground(ra, RA_WRITE, ra === 'conditional' ? `${role.name} may assign roles only as its condition allows: ${role.conditionsFor(RA_WRITE, false)[0]?.slice(0, 200) ?? ''}` : undefined);
      if (adminScope !== undefined) {
        this.add(principal, this.sink.admin(adminScope, `Administrator of ${scopeName}`), 'azure-role-assignment-write', g);
        this.sink.markAdmin(principal, g.conditional);
      } else {
        const ids = this.targets.identitiesUnder(a.scope, false);
        this.add(principal, this.sink.targetOf(ids, `set:azure:${a.scope}:managedIdentities`, `Managed identities below ${scopeName}`), 'azure-role-assignment-write', g);
        this.secrets(principal, a.scope, 'any', () => 'yes', 'azure-role-assignment-write', g);
        this.clusters(principal, this.targets.clustersUnder(a.scope), g);
      }
    }
    const fic = role.permits(FIC_WRITE, false);
    if (fic !== 'no') {
      const ids = this.targets.identitiesUnder(a.scope, true);
      this.add(principal, this.sink.targetOf(ids, `set:azure:${a.scope}:userAssignedIdentities`, `User-assigned identities below ${scopeName}`), 'azure-federated-credential-write', ground(fic, FIC_WRITE));
    }
    const kv = KV_WRITE.map((x) => [x, role.permits(x, false)] as const).find(([, p]) => p !== 'no');
    if (kv) this.secrets(principal, a.scope, 'policy', (s) => (s.model === 'policy' ? 'yes' : s.model === 'unknown' ? 'conditional' : 'no'), 'azure-keyvault-access-policy', ground(kv[1], kv[0]));
    const get = role.permits(SECRET_GET, true);
    if (get !== 'no') this.secrets(principal, a.scope, 'rbac', (s) => (s.model === 'rbac' ? 'yes' : s.model === 'unknown' ? 'conditional' : 'no'), 'azure-keyvault-secret-read', ground(get, SECRET_GET));
    const aks = role.permits(AKS_ADMIN, false);
    if (aks !== 'no') this.clusters(principal, this.targets.clustersUnder(a.scope), ground(aks, AKS_ADMIN));
  }

  /** Key Vault access policies that read secrets. */
  accessPolicies(): void {
    for (const p of this.model.policies) {
      if (!policySecretActions(p.secrets).includes(SECRET_GET) || !this.model.graph.hasNode(p.principal)) continue;
      const g: Ground = { conditional: p.compound, evidence: edgeEvidence(this.model, p.edge), action: `access policy secrets: ${p.secrets.join(', ')}`, scope: p.vault, note: p.compound ? 'a compound access policy: only through the application it names' : undefined };
      this.secrets(p.principal, p.vault, 'policy-read', (s) => (s.model === 'policy' ? 'yes' : s.model === 'unknown' ? 'conditional' : 'no'), 'azure-keyvault-secret-read', g);
    }
  }

  /** The administrator of a subscription reads its secrets and fetches its clusters' admin credentials. */
  subscriptionAdmin(adminId: string, key: string): void {
    const g: Ground = { conditional: false, evidence: [{ file: 'analysis', location: key, note: `the administrator of ${this.nameOf(key)} can grant itself any role or access policy there` }], action: RA_WRITE, scope: key };
    this.secrets(adminId, key, 'any', () => 'yes', 'azure-keyvault-secret-read', g);
    this.clusters(adminId, this.targets.clustersUnder(key), g);
  }
}
