/** Azure's escalation techniques, as the CLI and README list them (help.ts explains each). */
import type { TechniqueDescription } from '../derived-writes';

export const AZURE_TECHNIQUES: readonly TechniqueDescription[] = [
  { id: 'azure-role-assignment-write', name: 'Write role assignments', description: 'Microsoft.Authorization/roleAssignments/write at a scope (Owner, User Access Administrator, Role Based Access Control Administrator) lets its holder assign itself any role there: administrator of a subscription, management group or the root; below a subscription, every managed identity and Key Vault secret in the scope. An administrator of a management group administers everything below it.' },
  { id: 'azure-app-credential', name: 'Add a credential to an application', description: 'Owners of an application or service principal, and holders of Application Administrator or Cloud Application Administrator, can add a client secret, certificate or federated credential to it and sign in as its service principal.' },
  { id: 'azure-federated-credential-write', name: 'Write a federated credential on a managed identity', description: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write (Owner, Contributor, Managed Identity Contributor) lets its holder make the identity trust a token issuer and subject it controls, and act as the identity.' },
  { id: 'azure-keyvault-secret-read', name: 'Read Key Vault secrets', description: 'Microsoft.KeyVault/vaults/secrets/getSecret/action (Azure RBAC vaults) or a `get` secret permission in an access policy (access-policy vaults) reads the secret, and so holds whatever the secret unlocks. The administrator of the vault\'s subscription can grant itself either.' },
  { id: 'azure-keyvault-access-policy', name: 'Add a Key Vault access policy', description: 'Microsoft.KeyVault/vaults/write on a vault that uses access policies (Key Vault Contributor, Contributor) lets its holder add an access policy for itself and read every secret of the vault.' },
  { id: 'azure-directory-admin', name: 'Privileged directory role', description: 'Global Administrator holds the tenant; Privileged Role Administrator can assign itself Global Administrator; Privileged Authentication Administrator can reset the credentials of a Global Administrator.' },
  { id: 'azure-elevate-access', name: 'Elevate access to the root scope', description: 'A Global Administrator can make itself User Access Administrator at the root scope / (Microsoft.Authorization/elevateAccess/action), and so administrator of every management group and subscription of the tenant.' },
  { id: 'azure-aks-cluster-admin', name: 'Fetch AKS cluster-admin credentials', description: 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action returns a cluster-admin kubeconfig of the AKS cluster, unless local accounts are disabled.' },
  { id: 'azure-aks-kubelet-identity', name: "Use the AKS kubelet identity", description: "Whoever runs pods on an AKS cluster's nodes can ask the instance metadata service for tokens of the cluster's kubelet managed identity." },
  { id: 'azure-member-of', name: 'Holds the role assignments of a group', description: 'A member of an Entra group holds every role assignment and directory role of the group.' },
];

const byId = new Map(AZURE_TECHNIQUES.map((t) => [t.id, t]));

/** A technique by id (the ids are this module's own constants). */
export const technique = (id: string): TechniqueDescription => byId.get(id)!;
