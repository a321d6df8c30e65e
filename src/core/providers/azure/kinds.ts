/**
 * Azure's node and edge kinds (namespaced `azure.*`, see docs/ids.md).
 *
 * Scopes (management groups, subscriptions, resource groups) and resources are `resource`: role
 * assignments apply to them and everything below, their administrator controls them, but they
 * never act. Directory objects that hold grants are actors: users, groups, service principals
 * and managed identities. An application registration is not an actor: its credentials and
 * federated credentials make whoever holds them its service principal (`azure.servicePrincipalOf`).
 */
import type { EdgeKindInfo, NodeKindInfo } from '../../model/kinds';
import { registerHelp } from '../../explain/help';
import { AZURE_EDGE_HELP, AZURE_TECHNIQUE_HELP } from './help';

export const AZURE_NODE_KINDS: Record<string, NodeKindInfo> = {
  'azure.managementGroup': { label: 'Management group', plural: 'management groups', category: 'resource', shape: 'octagon', description: 'Azure management group (or the tenant root scope /): its role assignments apply to every management group and subscription below it' },
  'azure.subscription': { label: 'Subscription', plural: 'subscriptions', category: 'resource', shape: 'octagon', description: 'Azure subscription: its role assignments apply to every resource group and resource in it' },
  'azure.resourceGroup': { label: 'Resource group', plural: 'resource groups', category: 'resource', shape: 'octagon', description: 'Azure resource group: its role assignments apply to every resource in it' },
  'azure.resource': { label: 'Azure resource', plural: 'Azure resources', category: 'resource', shape: 'round-rectangle', description: 'Other Azure resource (virtual machine, storage account, user-assigned identity, cluster...): its ARM type is kept' },
  'azure.keyVault': { label: 'Key vault', plural: 'key vaults', category: 'resource', shape: 'barrel', description: 'Azure Key Vault: its secrets are read through Azure RBAC data roles or through access policies, depending on its permission model' },
  'azure.secret': { label: 'Key Vault secret', plural: 'Key Vault secrets', category: 'secret', readValue: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', shape: 'round-triangle', description: 'A Key Vault secret; its value never enters Blastmap' },
  'azure.user': { label: 'Entra user', plural: 'Entra users', category: 'identity', shape: 'ellipse', actor: true, nature: 'human', description: 'Microsoft Entra ID user' },
  'azure.group': { label: 'Entra group', plural: 'Entra groups', category: 'identity', shape: 'round-rectangle', actor: true, group: true, description: 'Microsoft Entra ID group: every member holds its role assignments' },
  'azure.servicePrincipal': { label: 'Service principal', plural: 'service principals', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: "An application's service principal (enterprise application) in the tenant: what role assignments name and what signs in with the application's credentials" },
  'azure.managedIdentity': { label: 'Managed identity', plural: 'managed identities', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'Managed identity (user-assigned or system-assigned): a service principal whose credentials Azure holds; code running on the resources it is attached to, and federated tokens its federated credentials accept, act as it' },
  'azure.principal': { label: 'Entra principal', plural: 'Entra principals', category: 'identity', shape: 'diamond', actor: true, description: 'A directory object named by a role assignment whose type the exports do not tell (Unknown, Device, a deleted principal)' },
  'azure.application': { label: 'App registration', plural: 'app registrations', category: 'identity', shape: 'rectangle', nature: 'non-human', description: "Entra application (app registration): holds the credentials and federated credentials with which its service principal signs in" },
  'azure.credential': { label: 'Application credential', plural: 'application credentials', category: 'credential', shape: 'tag', nature: 'non-human', standing: true, description: 'Client secret or certificate of an application or service principal: whoever holds it signs in as the service principal until it expires' },
  'azure.federatedCredential': { label: 'Federated credential', plural: 'federated credentials', category: 'policy', shape: 'tag', description: "Federated identity credential: the issuer, subject and audience of outside tokens (AKS, GitHub Actions...) the application or managed identity accepts in place of a secret" },
  'azure.roleDefinition': { label: 'Azure role', plural: 'Azure roles', category: 'policy', shape: 'rectangle', description: 'Azure RBAC role definition (built-in or custom): actions, notActions, dataActions and notDataActions granted by role assignments' },
  'azure.directoryRole': { label: 'Directory role', plural: 'directory roles', category: 'policy', shape: 'rectangle', description: 'Microsoft Entra directory role (Global Administrator, Application Administrator...) granted by a directory role assignment' },
};

export const AZURE_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  'azure.roleAssignment': { label: 'role assignment', description: 'An Azure role assignment grants the role to this principal at a scope (the `scope` attribute) and everything below it, possibly under a condition', color: '#10b981' },
  'azure.directoryRoleAssignment': { label: 'directory role', description: 'A Microsoft Entra directory role assignment (tenant-wide, or scoped to one object or administrative unit; active or eligible)', color: '#10b981' },
  'azure.childOf': { label: 'child of', description: 'Azure scope hierarchy: a resource of a resource group, a group of a subscription, a subscription of a management group, a secret of its vault; role assignments are inherited downwards' },
  'azure.servicePrincipalOf': {
    label: 'service principal',
    description: "The application's service principal in this tenant: whoever holds one of the application's credentials signs in as it",
    reach: true,
    explain: 'whoever holds a credential of application {from} signs in as its service principal {to}',
    color: '#f59e0b',
  },
  'azure.ownerOf': { label: 'owner of', description: 'Owner of an application or service principal: can manage it, including adding credentials (the escalation edge says so)' },
  'azure.accessPolicy': { label: 'access policy', description: 'A Key Vault access policy grants this principal key, secret or certificate permissions on the vault (when the vault uses access policies, not Azure RBAC)', color: '#10b981' },
  'azure.keyOf': { label: 'key of', description: 'A key that does not sign in as the target (a SAML token-signing certificate): drawn for completeness, it gives no reach' },
};

// What each edge kind and technique means, for the edge panel (explain/help.ts).
registerHelp(AZURE_EDGE_HELP, AZURE_TECHNIQUE_HELP);
