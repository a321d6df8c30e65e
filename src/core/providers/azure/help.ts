/**
 * Help for Azure's edge kinds (kinds.ts), its escalation techniques (technique-catalogue.ts) and
 * the AKS workload identity federation its side decides (federation.ts); registered with its kinds.
 */
import type { Help } from '../../explain/help';

const LEARN = 'https://learn.microsoft.com/en-us/';
const ref = (label: string, page: string) => ({ label, url: `${LEARN}${page}` });
const R = {
  rbac: ref('Azure RBAC: role assignments', 'azure/role-based-access-control/overview'),
  scope: ref('Azure RBAC: scope', 'azure/role-based-access-control/scope-overview'),
  definitions: ref('Azure RBAC: role definitions', 'azure/role-based-access-control/role-definitions'),
  conditions: ref('Azure RBAC: conditions and delegation', 'azure/role-based-access-control/delegate-role-assignments-overview'),
  entraRoles: ref('Microsoft Entra built-in roles', 'entra/identity/role-based-access-control/permissions-reference'),
  pim: ref('Microsoft Entra Privileged Identity Management', 'entra/id-governance/privileged-identity-management/pim-configure'),
  appObjects: ref('Application and service principal objects', 'entra/identity-platform/app-objects-and-service-principals'),
  appCredentials: ref('Add credentials to an application', 'entra/identity-platform/how-to-add-credentials'),
  owners: ref('Assign enterprise application owners', 'entra/identity/enterprise-apps/assign-app-owners'),
  fic: ref('Workload identity federation', 'entra/workload-id/workload-identity-federation'),
  ficMi: ref('Configure a user-assigned managed identity to trust an external identity provider', 'entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity'),
  mi: ref('Managed identities for Azure resources', 'entra/identity/managed-identities-azure-resources/overview'),
  kvRbac: ref('Key Vault: Azure RBAC', 'azure/key-vault/general/rbac-guide'),
  kvPolicy: ref('Key Vault: access policies', 'azure/key-vault/general/assign-access-policy'),
  kvModel: ref('Key Vault: RBAC versus access policies', 'azure/key-vault/general/rbac-access-policy'),
  elevate: ref('Elevate access to manage all subscriptions and management groups', 'azure/role-based-access-control/elevate-access-global-admin'),
  mgmtGroups: ref('Azure management groups', 'azure/governance/management-groups/overview'),
  aksAccess: ref('AKS: access and identity', 'azure/aks/concepts-identity'),
  aksLocal: ref('AKS: disable local accounts', 'azure/aks/manage-local-accounts-managed-azure-ad'),
  aksIdentity: ref('AKS: use a managed identity', 'azure/aks/use-managed-identity'),
  aksWorkload: ref('AKS: Microsoft Entra Workload ID', 'azure/aks/workload-identity-overview'),
  groups: ref('Microsoft Entra groups', 'entra/fundamentals/concept-learn-about-groups'),
};

export const AZURE_EDGE_HELP: Record<string, Help> = {
  'azure.roleAssignment': {
    title: 'Role assignment (Azure RBAC)',
    meaning:
      'An Azure role assignment gives the source principal the target role at a scope (management group, subscription, resource group or resource) and at every scope below it, possibly under an ABAC condition that the analysis shows but does not decide.',
    attack:
      'Use the role with the principal\'s credentials: `az role assignment list --assignee OBJECT_ID --all --include-inherited` lists what it holds; `az login --service-principal` or a managed identity token, then call what the role allows at that scope.',
    remediation:
      'Assign the narrowest built-in or custom role at the lowest scope that works; prefer groups and Privileged Identity Management eligible assignments for people; remove assignments whose principal no longer exists (principalType Unknown).',
    references: [R.rbac, R.scope],
  },
  'azure.directoryRoleAssignment': {
    title: 'Directory role (Microsoft Entra)',
    meaning:
      'A Microsoft Entra directory role assignment gives the source the target directory role: tenant-wide for directory scope /, or over one application, service principal or administrative unit. Eligible (PIM) assignments must be activated first and are shown as conditional.',
    attack:
      'Sign in as the principal and use the role through Microsoft Graph or the portal; an eligible assignment is activated with `az rest --method post --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests` when the activation policy allows it.',
    remediation:
      'Keep privileged directory roles eligible rather than active, with approval and MFA on activation; scope application roles to the applications that need them; review the holders of privileged roles regularly (access reviews).',
    references: [R.entraRoles, R.pim],
  },
  'azure.childOf': {
    title: 'Child of (Azure scope hierarchy)',
    meaning:
      'The source sits below the target in the Azure hierarchy (a resource in its resource group, a group in its subscription, a subscription or management group in its parent management group, a secret in its vault): every role assignment on the target applies to the source too.',
    attack:
      'An assignment high in the hierarchy covers everything beneath it, including subscriptions and resources created later: `az account management-group show --name MG --expand --recurse` shows what a management-group role reaches.',
    remediation:
      'Keep broad roles off management groups and the root scope; isolate sensitive workloads in their own subscriptions; use deny assignments or Azure Policy where a permission must never apply below a scope.',
    references: [R.scope, R.mgmtGroups],
  },
  'azure.servicePrincipalOf': {
    title: 'Service principal of an application',
    meaning:
      "The target is the source application's service principal in this tenant: any client secret, certificate or federated credential of the application signs in as the service principal, with every role and directory role it holds.",
    attack:
      '`az login --service-principal --username APP_ID --password SECRET --tenant TENANT_ID` (or `--certificate cert.pem`), then act with the service principal\'s roles; for a multi-tenant application, the same credential signs in to every tenant where it has a service principal.',
    remediation:
      'Prefer managed identities or federated credentials over client secrets; keep credential lifetimes short; watch sign-ins of service principals; give the service principal only the roles its workload uses.',
    references: [R.appObjects],
  },
  'azure.ownerOf': {
    title: 'Owner of an application or service principal',
    meaning:
      'The source is an owner of the target application or service principal: it can change its settings, including its credentials, redirect URIs and federated credentials. The escalation edge drawn beside it says what that leads to.',
    attack:
      'Owners need no directory role: `az ad app credential reset --id APP_ID --append` (application) or `az ad sp credential reset --id SP_OBJECT_ID --append` (service principal) prints a new secret that signs in as the service principal.',
    remediation:
      'Keep owners of applications whose service principals hold privileged roles to a few administrators; remove users who left; monitor "Update application – Certificates and secrets management" audit events.',
    references: [R.owners, R.appCredentials],
  },
  'azure.accessPolicy': {
    title: 'Key Vault access policy',
    meaning:
      'A Key Vault access policy grants the source key, secret or certificate permissions on the target vault. It applies only while the vault uses the access-policy permission model; a vault with Azure RBAC authorization ignores it.',
    attack:
      'With `get` on secrets: `az keyvault secret show --vault-name VAULT --name NAME --query value -o tsv`; with `list`: `az keyvault secret list --vault-name VAULT` first. A compound policy (objectId + applicationId) needs that user signed in through that application.',
    remediation:
      'Move vaults to the Azure RBAC permission model (enableRbacAuthorization) and grant Key Vault Secrets User per secret or vault; until then, keep access policies to `get` for the workloads that read, and remove policies of deleted principals.',
    references: [R.kvPolicy, R.kvModel],
  },
  'azure.keyOf': {
    title: 'Key of (does not sign in)',
    meaning:
      'The source is a key of the target that cannot be used to sign in as it: a SAML token-signing certificate (usage Sign) of a service principal. Drawn so that the inventory shows it; it gives no reach.',
    attack: 'No sign-in: a token-signing key signs SAML assertions the service principal issues. Stealing it matters only to the relying applications that trust those assertions.',
    remediation: 'Rotate token-signing certificates before they expire and remove inactive ones from the enterprise application\'s SAML settings.',
    references: [R.appObjects],
  },
};

export const AZURE_TECHNIQUE_HELP: Record<string, Help> = {
  'azure-role-assignment-write': {
    title: 'Write role assignments',
    meaning:
      'The source holds Microsoft.Authorization/roleAssignments/write at a scope and can assign itself any role there, Owner included: administrator of a subscription, management group or the root scope, and below a subscription, every managed identity and Key Vault secret of the scope. An administrator of a management group is thereby administrator of everything below it.',
    attack:
      '`az role assignment create --assignee MY_OBJECT_ID --role Owner --scope SCOPE` (or `--role "Key Vault Secrets User"` on a vault, `--role "Managed Identity Contributor"` on an identity); a condition on the assignment may restrict which roles can be assigned.',
    remediation:
      'Hold Owner and User Access Administrator only through eligible PIM assignments for a few administrators; give Role Based Access Control Administrator with a condition that limits the roles and principals it may assign; alert on roleAssignments/write in the activity log.',
    references: [R.rbac, R.conditions],
  },
  'azure-app-credential': {
    title: 'Add a credential to an application',
    meaning:
      'The source can add a client secret, certificate or federated credential to the target application or service principal, as one of its owners or through Application Administrator or Cloud Application Administrator, and then sign in as the service principal with everything it holds.',
    attack:
      '`az ad app credential reset --id APP_ID --append --display-name backup` returns a new client secret; then `az login --service-principal -u APP_ID -p SECRET --tenant TENANT_ID`. A federated credential (`az ad app federated-credential create`) leaves no secret to find.',
    remediation:
      'Scope Application Administrator to the applications it manages, or use custom roles without credential permissions; keep owners of privileged applications minimal; block password credentials with an application management policy; alert on credential additions.',
    references: [R.appCredentials, R.entraRoles],
  },
  'azure-federated-credential-write': {
    title: 'Write a federated credential on a managed identity',
    meaning:
      'The source can write federated identity credentials on the target user-assigned managed identity: it can make the identity trust an OIDC issuer and subject it controls (its own GitHub repository, its own cluster) and exchange that token for the identity\'s access tokens.',
    attack:
      '`az identity federated-credential create --name x --identity-name IDENTITY -g RG --issuer https://token.actions.githubusercontent.com --subject repo:ME/REPO:ref:refs/heads/main --audiences api://AzureADTokenExchange`, then azure/login with the identity\'s client id from that workflow.',
    remediation:
      'Remove Contributor and Managed Identity Contributor from people who only use identities (Managed Identity Operator assigns without editing); restrict federated credential issuers with the Azure Policy for managed identity federated credentials; alert on federatedIdentityCredentials/write.',
    references: [R.ficMi, R.mi],
  },
  'azure-keyvault-secret-read': {
    title: 'Read Key Vault secrets',
    meaning:
      'The source can read the value of the target secrets: through Microsoft.KeyVault/vaults/secrets/getSecret/action on a vault using Azure RBAC, or a `get` secret permission in an access policy on a vault using access policies, and so holds whatever credential the secret stores. A vault whose permission model is not exported makes RBAC grants conditional.',
    attack: '`az keyvault secret show --vault-name VAULT --name SECRET --query value -o tsv`; `az keyvault secret list --vault-name VAULT` first when the names are unknown (needs list / readMetadata).',
    remediation:
      'Grant Key Vault Secrets User on single secrets or vaults, not on subscriptions; keep secrets of different trust levels in different vaults; prefer managed identities and federated credentials to stored client secrets; turn on Key Vault logging.',
    references: [R.kvRbac, R.kvModel],
  },
  'azure-keyvault-access-policy': {
    title: 'Add a Key Vault access policy',
    meaning:
      'The source can modify the target vault (Microsoft.KeyVault/vaults/write), which uses the access-policy permission model: it can add an access policy granting itself every secret permission, so management-plane roles such as Contributor or Key Vault Contributor read the vault\'s secrets.',
    attack: '`az keyvault set-policy --name VAULT --object-id MY_OBJECT_ID --secret-permissions get list`, then `az keyvault secret show --vault-name VAULT --name SECRET`.',
    remediation:
      'Switch the vault to Azure RBAC authorization, where management roles do not grant data access; until then, keep Contributor and Key Vault Contributor on such vaults to their administrators.',
    references: [R.kvPolicy, R.kvModel],
  },
  'azure-directory-admin': {
    title: 'Privileged directory role',
    meaning:
      'The source holds a directory role that controls the tenant: Global Administrator holds it outright, Privileged Role Administrator can assign itself Global Administrator, Privileged Authentication Administrator can reset the credentials of any Global Administrator.',
    attack:
      'As Privileged Role Administrator: POST a roleAssignment of template 62e90394-69f5-4237-9190-012177145e10 for itself to https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments; as Privileged Authentication Administrator: reset a Global Administrator\'s password or MFA methods.',
    remediation:
      'Keep these roles eligible through PIM with approval, for a handful of cloud-only accounts protected by phishing-resistant MFA; no service principal should hold them; review them with access reviews.',
    references: [R.entraRoles, R.pim],
  },
  'azure-elevate-access': {
    title: 'Elevate access to the root scope',
    meaning:
      'A Global Administrator can turn on "Access management for Azure resources" and becomes User Access Administrator at the root scope /, which administers every management group and subscription of the tenant: tenant control is Azure control.',
    attack: '`az rest --method post --url "/providers/Microsoft.Authorization/elevateAccess?api-version=2016-07-01"`, then `az role assignment create --assignee MY_OBJECT_ID --role Owner --scope /subscriptions/SUB`.',
    remediation:
      'Treat Global Administrator as owner of all Azure resources: keep it to break-glass accounts; alert on elevateAccess in the directory audit log and remove the root-scope User Access Administrator assignment right after use.',
    references: [R.elevate],
  },
  'azure-aks-cluster-admin': {
    title: 'Fetch AKS cluster-admin credentials',
    meaning:
      'The source holds Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action on the AKS cluster and can download its local cluster-admin kubeconfig, which bypasses Kubernetes RBAC. Conditional when the export does not say whether local accounts are disabled.',
    attack: '`az aks get-credentials --resource-group RG --name CLUSTER --admin`, then `kubectl` as cluster-admin: read every secret, run pods as any service account.',
    remediation:
      'Disable local accounts (`az aks update --disable-local-accounts`) and use Microsoft Entra authentication with Azure RBAC for Kubernetes; keep Azure Kubernetes Service Cluster Admin Role and Contributor on clusters to their administrators.',
    references: [R.aksLocal, R.aksAccess],
  },
  'azure-aks-kubelet-identity': {
    title: 'Use the AKS kubelet identity',
    meaning:
      "The cluster's administrator (anyone who can run a pod on its nodes) can obtain tokens of the kubelet managed identity from the Azure instance metadata service, since every node runs as that identity; whatever the kubelet identity is granted (AcrPull, often more) is theirs.",
    attack: 'From a pod on the node: `curl -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/&client_id=KUBELET_CLIENT_ID"`.',
    remediation:
      'Give the kubelet identity only AcrPull on its registries; block pod access to the metadata endpoint with network policy where workloads do not need it; use workload identity for pods instead of node identities.',
    references: [R.aksIdentity, R.mi],
  },
  'azure-member-of': {
    title: 'Holds the role assignments of a group',
    meaning: 'The source is a member of the target Entra group, so it holds every Azure role assignment and directory role granted to the group, transitively through nested groups.',
    attack: 'Nothing to call: the group\'s roles already apply to the member\'s sign-ins. Whoever can add members to the group (its owners, Groups Administrator for non-role-assignable groups) gets them too.',
    remediation: 'Grant privileged roles only to role-assignable groups, whose membership only Privileged Role Administrators manage; review group owners and members regularly.',
    references: [R.groups],
  },
  'aks-workload-identity': {
    title: 'AKS workload identity',
    meaning:
      "The Kubernetes service account's `azure.workload.identity/client-id` annotation names the target identity, and the identity has a federated credential whose issuer is the cluster's OIDC issuer, whose subject is system:serviceaccount:NAMESPACE:NAME and whose audience is api://AzureADTokenExchange, all matching exactly: pods running as the service account sign in as the identity.",
    attack:
      'Run a pod labelled `azure.workload.identity/use: "true"` with `serviceAccountName` set to the service account in that namespace; the webhook mounts a token at AZURE_FEDERATED_TOKEN_FILE, which `az login --federated-token "$(cat $AZURE_FEDERATED_TOKEN_FILE)" --service-principal -u CLIENT_ID -t TENANT_ID` exchanges.',
    remediation:
      'Federate each identity with exactly one service account of one cluster; restrict who can create pods or use that service account in the namespace; give the identity only what the workload uses.',
    references: [R.aksWorkload, R.fic],
  },
};
