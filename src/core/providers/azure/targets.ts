/**
 * What lies below each scope, for the techniques: managed identities (by the ARM id of the
 * identity or of the resource a system-assigned one belongs to), Key Vault secrets (by their
 * vault's ARM id, with the vault's permission model), AKS clusters (by their ARM id). Each is
 * pushed under every key of its chain once, so "everything of this kind below scope S" is one
 * lookup; building costs one chain walk per target.
 */
import type { BlastGraph } from '../../graph/graph';
import { pushTo } from '../../io/multimap';
import { armKey } from './ids';
import type { AzureModel, VaultModel } from './model';

export interface SecretInfo {
  id: string;
  vault?: string;
  model: VaultModel;
  disabled: boolean;
}

export interface ClusterInfo {
  /** The `admin:kubernetes:<name>` scope. */
  name: string;
  key: string;
  localAccountsDisabled?: boolean;
  kubeletObjectId?: string;
}

export class ScopeTargets {
  private readonly userAssigned = new Map<string, string[]>();
  private readonly identities = new Map<string, string[]>();
  private readonly secrets = new Map<string, string[]>();
  private readonly clusterKeys = new Map<string, ClusterInfo[]>();
  readonly secretInfo = new Map<string, SecretInfo>();
  readonly clusters: ClusterInfo[] = [];
  /** Vaults whose secrets are exported (a reader of another vault is a potential finding). */
  readonly vaultsWithSecrets = new Set<string>();

  constructor(
    readonly graph: BlastGraph,
    readonly model: AzureModel,
  ) {
    graph.forEachNode((id, a) => {
      if (a.provider === 'azure' && a.kind === 'azure.managedIdentity' && !a.placeholder && typeof a.attributes.resourceId === 'string') {
        const key = armKey(a.attributes.resourceId);
        if (!key) return;
        for (const k of model.chain(key)) {
          pushTo(this.identities, k, id);
          if (a.attributes.managedIdentity === 'user-assigned') pushTo(this.userAssigned, k, id);
        }
      } else if (a.provider === 'azure' && a.kind === 'azure.secret') {
        const key = model.key(id);
        const kv = key.startsWith('/') ? model.vaultOf(key) : undefined;
        this.secretInfo.set(id, { id, vault: kv?.vault, model: kv?.model ?? 'unknown', disabled: a.attributes.enabled === false });
        if (!key.startsWith('/')) return;
        if (kv) this.vaultsWithSecrets.add(kv.vault);
        for (const k of model.chain(key)) pushTo(this.secrets, k, id);
      } else if (a.kind === 'k8s.cluster' && a.attributes.platform === 'aks' && typeof a.attributes.resourceId === 'string') {
        const key = armKey(a.attributes.resourceId);
        if (!key) return;
        const kubelet = a.attributes.kubeletIdentity as { objectId?: unknown } | undefined;
        const c: ClusterInfo = {
          name: a.account ?? a.name,
          key,
          localAccountsDisabled: typeof a.attributes.localAccountsDisabled === 'boolean' ? a.attributes.localAccountsDisabled : undefined,
          kubeletObjectId: typeof kubelet?.objectId === 'string' ? kubelet.objectId.toLowerCase() : undefined,
        };
        this.clusters.push(c);
        for (const k of model.chain(key)) pushTo(this.clusterKeys, k, c);
      }
    });
  }

  identitiesUnder(key: string, userAssignedOnly: boolean): readonly string[] {
    return (userAssignedOnly ? this.userAssigned : this.identities).get(key) ?? [];
  }

  secretsUnder(key: string): readonly string[] {
    return this.secrets.get(key) ?? [];
  }

  clustersUnder(key: string): readonly ClusterInfo[] {
    return this.clusterKeys.get(key) ?? [];
  }
}
