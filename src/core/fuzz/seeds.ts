/**
 * The fuzz suite's seeds: a bounded, fixed subset of the public corpus (read in place by the
 * tests through test-support/public-corpus.ts, skipped with a notice when absent), every fixture
 * we wrote (fixtures/; for Azure and Vault a representative set: every format, every
 * secret-bearing shape) and the demo's exports (public/demo).
 */
import type { FileInput } from '../importers/import-file';
import { SECRET, type Seed } from './mutate';

/** Public samples (paths under the corpus root), small to medium. */
export const PUBLIC_SEEDS: readonly string[] = [
  'cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json',
  'cloudmapper/account-data/demo/us-east-1/iam-get-credential-report.json',
  'cloudmapper/account-data/demo/us-east-1/iam-get-role/bad_role',
  'cloudmapper/account-data/demo/us-east-1/iam-get-user/USER_WITH_BAD_INLINE_POLICY',
  'cloudmapper/account-data/demo/us-east-1/s3-get-bucket-policy/cloudmapper_demo',
  'cloudmapper/account-data/demo/us-east-1/secretsmanager-list-secrets.json',
  'cloudmapper/account-data/demo/us-east-1/secretsmanager-get-resource-policy/demo-secret',
  'cloudmapper/account-data/demo/us-east-1/sts-get-caller-identity.json',
  'cloudsplaining/test/files/example_authz_v2.json',
  'aws-scp-examples/Region-controls/Deny-access-to-AWS-based-on-the-requested-AWS-region.json',
  'aws-scp-examples/Protect-cloud-platform-resource/Deny-use-of-IAM-user-credentials-from-unexpected-networks.json',
  'aws-scp-examples/Privileged-access-controls/Deny-modifications-to-specific-IAM-roles.json',
  'forseti-security/tests/services/inventory/test_data/mock_cai_iam_policies.dump',
  'forseti-security/tests/services/inventory/test_data/mock_cai_project3_iam_policies.dump',
  'forseti-security/tests/services/inventory/test_data/additional_cai_iam_policies.dump',
  'policy-library/validator/test/fixtures/iam_allowed_bindings/assets/data.json',
  'policy-library/validator/test/fixtures/gcp_iam_restrict_service_account_key_age/assets/data.json',
  'policy-library/validator/test/fixtures/iam_custom_role_permissions/assets/data.json',
  'iam-dataset/gcp/roles/iam.admin.json',
  'kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml',
  'kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/namespace-role-bindings.yaml',
  'azure-rest-api-specs/specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/examples/RoleAssignments_ListForScope.json',
  'vault-guides/cloud/terraform-hcp-vault/configure-vault/policies/admin-policy.hcl',
];

/** Larger public samples: fewer runs (each costs up to a second of analysis). */
export const LARGE_PUBLIC_SEEDS: readonly string[] = [
  'cloudsplaining/examples/files/example.json',
  'cloudsplaining/test/files/example-authz-details.json',
  'forseti-security/tests/services/inventory/test_data/mock_cai_resources.dump',
  'kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles-featuregates.yaml',
  'iam-dataset/gcp/predefined_roles.json',
];

/** Our fixtures (paths under fixtures/). */
export const REPO_SEEDS: readonly string[] = [
  'aws/gaad-page-1.json',
  'aws/gaad-page-2.json',
  'aws/get-secret-value.json',
  'aws/github-oidc-provider.json',
  'aws/github-oidc-roles.json',
  'aws/hostile-names.json',
  'aws/truncated-users.json',
  'aws/inventory/apprunner-describe-service.json',
  'aws/inventory/cloudformation-describe-stacks.json',
  'aws/inventory/codebuild-batch-get-projects.json',
  'aws/inventory/ec2-describe-instances.json',
  'aws/inventory/ecs-describe-task-definition.json',
  'aws/inventory/ecs-list-clusters.json',
  'aws/inventory/glue-get-dev-endpoints.json',
  'aws/inventory/glue-get-jobs.json',
  'aws/inventory/lambda-list-functions.json',
  'aws/inventory/sagemaker-describe-notebook-instance.json',
  'aws/inventory/ssm-describe-instance-information.json',
  'azure/aks-payments.serviceaccounts.json',
  'azure/applications.json',
  'azure/c1000000-0000-4000-8000-000000000010.federated-credentials.json',
  'azure/c1000000-0000-4000-8000-000000000010.owners.json',
  'azure/directory-role-assignments.json',
  'azure/directory-role-eligibility.json',
  'azure/groups.json',
  'azure/identities.json',
  'azure/identity-federated-credentials.json',
  'azure/kv-legacy.secret-show.json',
  'azure/kv-legacy.show.json',
  'azure/kv-payments.secrets.json',
  'azure/management-groups.json',
  'azure/resources.json',
  'azure/role-assignments-nested.json',
  'azure/role-assignments.json',
  'azure/role-definitions.json',
  'azure/service-principals.json',
  'azure/subscriptions.json',
  'federation/acme-gke.rbac.json',
  'federation/deployer@acme-prod.iam.gserviceaccount.com.iam.json',
  'federation/github-pool-provider.json',
  'federation/gke-describe-cluster.acme-gke.json',
  'federation/prod-eks-irsa-roles.json',
  'federation/prod-eks-oidc-provider.json',
  'federation/prod-eks.pod-identity.ledger.json',
  'federation/prod-eks.pod-identity.reports.json',
  'gcp/acme-dev.get-iam-policy.yaml',
  'gcp/app@acme-prod.iam.gserviceaccount.com.iam.json',
  'gcp/asset-list.json',
  'gcp/custom-role.json',
  'gcp/deny-policies.json',
  'gcp/deployer-key.json',
  'gcp/folders.json',
  'gcp/folders/555.iam.json',
  'gcp/keys-deployer.json',
  'gcp/ops@acme.example.members.json',
  'gcp/organizations.json',
  'gcp/organizations/123456789012.iam.json',
  'gcp/projects.json',
  'gcp/projects/acme-prod.iam.json',
  'gcp/projects/acme-prod/secrets/db-password.iam.json',
  'gcp/search-all-iam-policies.json',
  'gcp/secret-access.json',
  'gcp/secret-versions-api-token.json',
  'gcp/secrets.json',
  'gcp/service-accounts.json',
  'kubernetes/aks-show.json',
  'kubernetes/eks-describe-cluster.json',
  'kubernetes/gke-describe-cluster.json',
  'kubernetes/prod-eks.access-entry.platform-oncall.json',
  'kubernetes/prod-eks.access-policies.break-glass.json',
  'kubernetes/prod-eks.rbac.json',
  'kubernetes/prod-eks.workloads.json',
  'kubernetes/staging.rbac.yaml',
  'vault/acme/auth/approle/login.json',
  'vault/acme/auth/approle/role/batch.json',
  'vault/acme/auth/approle/role/batch/role-id.json',
  'vault/acme/auth/aws/role/lambda-reader.json',
  'vault/acme/auth/github/config.json',
  'vault/acme/auth/github/role/infra-deploy.json',
  'vault/acme/auth/kubernetes/config.json',
  'vault/acme/auth/kubernetes/role/payments.json',
  'vault/acme/auth/token/lookup-self.json',
  'vault/acme/auth/token/roles/ops.json',
  'vault/acme/aws/config/root.json',
  'vault/acme/aws/creds/deploy.json',
  'vault/acme/aws/roles/deploy.json',
  'vault/acme/azure/config.json',
  'vault/acme/azure/roles/app-deployer.json',
  'vault/acme/database/config/payments-db.json',
  'vault/acme/database/creds/payments.json',
  'vault/acme/database/roles/payments.json',
  'vault/acme/gcp/roleset/analytics.json',
  'vault/acme/kv1/legacy/api-key.json',
  'vault/acme/secret/data/payments/db.json',
  'vault/acme/sys/auth.json',
  'vault/acme/sys/mounts.json',
  'vault/acme/sys/policies/acl/monitoring.json',
  'vault/acme/sys/policy/admin.hcl',
  'vault/acme/sys/policy/policy-manager.hcl',
  'vault/acme/sys/policy/reader.json',
];

/** Intact exports a workspace already holds when the mutated file arrives (in the repo: always there). */
export const COMPANIONS: readonly string[] = [
  'demo:iam-get-account-authorization-details.json',
  'kubernetes/prod-eks.rbac.json',
  'gcp/projects/acme-prod.iam.json',
  'federation/prod-eks-irsa-roles.json',
  'azure/role-assignments.json',
  // Places the Vault seeds' files (KV version 1, engine and auth mounts by type) as in a folder import.
  'vault/acme/sys/mounts.json',
];

/** Seeds holding a secret-bearing field (the secret property plants its value there). */
export const SECRET_SEEDS: readonly string[] = [
  'aws/get-secret-value.json',
  'gcp/deployer-key.json',
  'gcp/secret-access.json',
  'kubernetes/prod-eks.rbac.json',
  'kubernetes/staging.rbac.yaml',
  'kubernetes/prod-eks.workloads.json',
  'aws/gaad-page-1.json',
  'gcp/projects/acme-prod.iam.json',
  'gcp/acme-dev.get-iam-policy.yaml',
  'azure/applications.json',
  'azure/service-principals.json',
  'azure/kv-legacy.secret-show.json',
  'vault/acme/secret/data/payments/db.json',
  'vault/acme/kv1/legacy/api-key.json',
  'vault/acme/auth/approle/role/batch/role-id.json',
  'vault/acme/auth/approle/login.json',
  'vault/acme/aws/creds/deploy.json',
  'vault/acme/database/config/payments-db.json',
];

/**
 * The canaries the Azure and Vault fixtures hold in every secret value field (see
 * fixtures/azure/README.md), replaced by the fuzzer's planted value: the secret property (which
 * always plants, then looks for that value everywhere) then also checks the fields only these
 * formats have (`secretText`, `key` and `value` of credentials, `az keyvault secret show`'s
 * `value`, KV data, lease credentials, tokens, accessors, role IDs), which the generic plants
 * (mutate.ts `plantKnown`, `SECRET_KEY_SPELLINGS`) do not reach.
 */
const FIXTURE_CANARIES = /CANARY-(?:azure|vault)-secret-123/g;

/**
 * Where a Vault export tree starts (fixtures/vault/<root>/...): its files are named by their path
 * below it, as a folder import names them, since a `vault read` output says nothing of the path it
 * was read from (providers/vault/ids.ts `locate`).
 */
const PATH_NAMED = 'vault/';

export function toSeed(origin: string, rel: string, f: FileInput): Seed {
  const fixture = origin === 'fixtures';
  const name = fixture && rel.startsWith(PATH_NAMED) ? rel.slice(PATH_NAMED.length) : f.name;
  return { id: `${origin}:${rel}`, name, text: fixture ? f.text.replace(FIXTURE_CANARIES, SECRET) : f.text };
}
