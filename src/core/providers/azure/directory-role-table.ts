/**
 * The Microsoft Entra built-in directory roles the analysis reasons about, by template id (the
 * `roleDefinitionId` of a built-in role's assignments): which ones control the tenant, and which
 * ones can add credentials to applications and service principals. Template ids are fixed across
 * tenants (Microsoft Entra built-in roles reference). Custom directory roles are judged by the
 * permissions their expanded definition lists.
 */
export interface DirectoryRoleInfo {
  name: string;
  /** Holds the tenant, or can make itself Global Administrator. */
  tenantAdmin?: true;
  /** Can add credentials to applications and service principals in its scope. */
  appCredentials?: true;
}

const ROLES: Record<string, DirectoryRoleInfo> = {
  '62e90394-69f5-4237-9190-012177145e10': { name: 'Global Administrator', tenantAdmin: true, appCredentials: true },
  'e8611ab8-c189-46e8-94e1-60213ab1f814': { name: 'Privileged Role Administrator', tenantAdmin: true },
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': { name: 'Privileged Authentication Administrator', tenantAdmin: true },
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': { name: 'Application Administrator', appCredentials: true },
  '158c047a-c907-4556-b7ef-446551a6b5f7': { name: 'Cloud Application Administrator', appCredentials: true },
  'cf1c38e5-3621-4004-a7cb-879624dced7c': { name: 'Application Developer' },
  'fe930be7-5e62-47db-91af-98c3a49a38b1': { name: 'User Administrator' },
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': { name: 'Hybrid Identity Administrator' },
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': { name: 'Authentication Administrator' },
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': { name: 'Groups Administrator' },
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': { name: 'Directory Readers' },
};

export function directoryRoleInfo(templateId: string): DirectoryRoleInfo | undefined {
  const k = templateId.toLowerCase();
  return Object.prototype.hasOwnProperty.call(ROLES, k) ? ROLES[k] : undefined;
}

/** Custom directory role permissions that add credentials to applications or service principals. */
const CREDENTIAL_ACTIONS = [
  'microsoft.directory/applications/credentials/update',
  'microsoft.directory/applications/allproperties/update',
  'microsoft.directory/applications/allproperties/alltasks',
  'microsoft.directory/serviceprincipals/credentials/update',
  'microsoft.directory/serviceprincipals/allproperties/update',
  'microsoft.directory/serviceprincipals/allproperties/alltasks',
  'microsoft.directory/applications/owners/update',
  'microsoft.directory/serviceprincipals/owners/update',
];

export const grantsAppCredentials = (permissions: readonly string[]): boolean => permissions.some((p) => CREDENTIAL_ACTIONS.includes(p.toLowerCase()));
