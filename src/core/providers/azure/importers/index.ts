/** Azure importers, in detection order: the most specific shapes first, generic lists last. */
import type { JsonImporter } from '../../../importers/types';
import { directoryRolesImporter } from './directory-roles';
import { roleAssignmentsImporter } from './role-assignments';
import { roleDefinitionsImporter } from './role-definitions';
import { federatedCredentialsImporter } from './federated-credentials';
import { applicationsImporter, directoryObjectListImporter, groupsImporter, servicePrincipalsImporter } from './entra';
import { keyVaultSecretsImporter } from './secrets';
import { managementGroupsImporter, subscriptionsImporter } from './hierarchy';
import { resourcesImporter } from './resources';

export { prescanVaults } from './secrets';

export const AZURE_IMPORTERS: readonly JsonImporter[] = [
  directoryRolesImporter,
  roleAssignmentsImporter,
  roleDefinitionsImporter,
  federatedCredentialsImporter,
  servicePrincipalsImporter,
  applicationsImporter,
  groupsImporter,
  keyVaultSecretsImporter,
  managementGroupsImporter,
  subscriptionsImporter,
  resourcesImporter,
  directoryObjectListImporter,
];
