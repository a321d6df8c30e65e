/** AWS importers, in detection order: the most specific shapes first. */
import type { JsonImporter } from '../../../importers/types';
import { gaadImporter } from './gaad';
import { credentialReportJsonImporter } from './credential-report';
import { describeSecretImporter, listSecretsImporter, secretPolicyImporter } from './secrets';
import { bucketPolicyImporter, keyPolicyImporter } from './bucket-key-policy';
import { describePolicyImporter, listOrgPoliciesImporter, orgTreeImporter, policyTargetsImporter } from './organizations';
import { INVENTORY_IMPORTERS } from './inventory';
import { accountSummaryImporter, bareDocumentImporter, callerIdentityImporter, getRoleImporter, getUserImporter, identityProvidersImporter, listAccessKeysImporter, listBucketsImporter } from './iam-misc';

export { credentialReportCsvImporter } from './credential-report';

export const AWS_IMPORTERS: readonly JsonImporter[] = [
  gaadImporter,
  credentialReportJsonImporter,
  listSecretsImporter,
  secretPolicyImporter,
  describeSecretImporter,
  describePolicyImporter,
  listOrgPoliciesImporter,
  policyTargetsImporter,
  orgTreeImporter,
  keyPolicyImporter,
  bucketPolicyImporter,
  getRoleImporter,
  getUserImporter,
  identityProvidersImporter,
  listAccessKeysImporter,
  listBucketsImporter,
  callerIdentityImporter,
  accountSummaryImporter,
  ...INVENTORY_IMPORTERS,
  bareDocumentImporter,
];
