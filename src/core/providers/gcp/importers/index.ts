/** GCP importers, in detection order: the most specific shapes first. */
import { poolProvidersImporter } from '../pool-providers';
import type { JsonImporter, TextImporter } from '../../../importers/types';
import { caiCommentedImporter, caiImporter, iamSearchImporter } from './cai';
import { iamPolicyImporter, iamPolicyYamlImporter } from './policy';
import { credentialFileImporter, rolesImporter, serviceAccountKeysImporter, serviceAccountsImporter } from './iam';
import { secretPayloadImporter, secretVersionsImporter, secretsImporter } from './secrets';
import { foldersImporter, projectsImporter } from './hierarchy';
import { denyPoliciesImporter, groupMembershipsImporter } from './misc';

export const GCP_IMPORTERS: readonly JsonImporter[] = [
  credentialFileImporter,
  secretPayloadImporter,
  caiImporter,
  iamSearchImporter,
  denyPoliciesImporter,
  iamPolicyImporter,
  groupMembershipsImporter,
  serviceAccountsImporter,
  serviceAccountKeysImporter,
  secretVersionsImporter,
  secretsImporter,
  rolesImporter,
  projectsImporter,
  foldersImporter,
  poolProvidersImporter,
];

export const GCP_TEXT_IMPORTERS: readonly TextImporter[] = [caiCommentedImporter, iamPolicyYamlImporter];
