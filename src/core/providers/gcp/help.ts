/**
 * Help for GCP's edge kinds (kinds.ts), its escalation techniques (techniques.ts) and the
 * federation technique its side declares (federation.ts); registered with its kinds.
 */
import type { Help } from '../../explain/help';

const IAM = 'https://cloud.google.com/iam/docs/';
const ref = (label: string, page: string) => ({ label: `Google Cloud IAM: ${label}`, url: `${IAM}${page}` });
const R = {
  roles: ref('roles and permissions', 'roles-overview'),
  hierarchy: ref('access control with the resource hierarchy', 'resource-hierarchy-access-control'),
  deny: ref('deny policies', 'deny-overview'),
  conditions: ref('IAM Conditions', 'conditions-overview'),
  keys: ref('create and delete service account keys', 'keys-create-delete'),
  impersonation: ref('service account impersonation', 'service-account-impersonation'),
  shortLived: ref('create short-lived credentials', 'create-short-lived-credentials-direct'),
  attach: ref('attach service accounts to resources', 'attach-service-accounts'),
  customRoles: ref('create and manage custom roles', 'creating-custom-roles'),
  principals: ref('principal identifiers', 'principal-identifiers'),
  access: ref('manage access to projects, folders and organizations', 'granting-changing-revoking-access'),
  federation: ref('workload identity federation', 'workload-identity-federation'),
  otherClouds: ref('workload identity federation with AWS or Azure', 'workload-identity-federation-with-other-clouds'),
  orgPolicySa: { label: 'Resource Manager: restricting service account usage', url: 'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-accounts' },
  gke: { label: 'GKE: workload identity', url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity' },
};

export const GCP_EDGE_HELP: Record<string, Help> = {
  'gcp.grantedRole': {
    title: 'Granted role (IAM binding)',
    meaning:
      'An IAM binding on a resource (organization, folder, project, service account, bucket, secret...) grants the target role to the source member, possibly under an IAM condition: the member holds the role\'s permissions there and on everything below it.',
    attack:
      'Use the role\'s permissions with the member\'s credentials; `gcloud projects get-iam-policy PROJECT --flatten=bindings --filter=bindings.members:MEMBER` shows what it holds. Roles that carry setIamPolicy, iam.serviceAccounts.actAs, getAccessToken or serviceAccountKeys.create lead further (see the escalation edges).',
    remediation:
      'Replace basic roles (owner, editor) with predefined or custom roles holding only the permissions used; bind at the lowest level of the hierarchy; use IAM Conditions for time-bound or resource-scoped grants; apply the IAM role recommender\'s suggestions.',
    references: [R.roles, R.conditions],
  },
  'gcp.childOf': {
    title: 'Child of (resource hierarchy)',
    meaning:
      'The source sits under the target in the resource hierarchy (a resource in its project, a project in a folder, a folder in a folder or the organization): every IAM binding on the target is inherited by the source.',
    attack:
      'A role on a folder or the organization holds on every project below it, including projects created later: an attacker with a folder-level binding lists them (`gcloud projects list --filter=parent.id=FOLDER_ID`) and uses the role in each. `gcloud resource-manager folders get-iam-policy FOLDER_ID` shows what flows down.',
    remediation:
      'Keep broad grants off folders and the organization node; isolate sensitive projects in a folder with minimal bindings; use IAM deny policies at the folder or organization to block dangerous permissions everywhere below.',
    references: [R.hierarchy, R.deny],
  },
  'gcp.keyOf': {
    title: 'Key of (unusable)',
    meaning:
      'The source is a key of the target service account that cannot be used to act as it: Google-managed (never downloadable, rotated by Google) or a disabled user-managed key. Drawn for completeness; it gives no reach.',
    attack:
      'No direct use. A disabled user-managed key works again once someone with iam.serviceAccountKeys.enable re-enables it (`gcloud iam service-accounts keys enable KEY_ID --iam-account=SA_EMAIL`), so whoever kept the key file holds a dormant credential.',
    remediation:
      'Delete disabled user-managed keys that will not be restored (`gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`) instead of leaving them disabled; Google-managed keys need no action.',
    references: [R.keys],
  },
  'gcp.workloadIdentityUser': {
    title: 'Workload identity user',
    meaning:
      'The target service account\'s IAM policy grants roles/iam.workloadIdentityUser to the source GKE workload identity (serviceAccount:PROJECT.svc.id.goog[NAMESPACE/KSA]): pods running as that Kubernetes service account act as the Google service account.',
    attack:
      'Run a pod as the Kubernetes service account (serviceAccountName: KSA in that namespace) and ask the GKE metadata server: `curl -H "Metadata-Flavor: Google" http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token`. The pool is per project, so the same namespace and name in any cluster of the project matches.',
    remediation:
      'Bind workloadIdentityUser only for the exact KSA that needs it; restrict who can create pods or use that service account in the namespace; keep clusters of different trust levels in different projects, since they share the workload pool.',
    references: [R.gke],
  },
};

export const GCP_TECHNIQUE_HELP: Record<string, Help> = {
  'gcp-set-iam-policy': {
    title: 'Set an IAM policy',
    meaning:
      'The source can rewrite the IAM policy of the target\'s scope (a project, folder or organization) and so grant itself roles/owner there; on a service account, it can grant itself the right to impersonate it. An administrator of a folder or organization is thereby administrator of everything below.',
    attack:
      '`gcloud projects add-iam-policy-binding PROJECT --member=user:ME@example.com --role=roles/owner` (folders: `gcloud resource-manager folders add-iam-policy-binding`; organizations: `gcloud organizations add-iam-policy-binding`); on a service account: `gcloud iam service-accounts add-iam-policy-binding SA_EMAIL --member=user:ME@example.com --role=roles/iam.serviceAccountTokenCreator`, then impersonate it.',
    remediation:
      'Hold setIamPolicy only in administrative roles (owner, resourcemanager.projectIamAdmin, folderAdmin, organizationAdmin, securityAdmin) granted to few principals; block it for everyone else with an IAM deny policy; enforce iam.allowedPolicyMemberDomains so outside identities cannot be added.',
    references: [R.access, R.deny, R.hierarchy],
  },
  'gcp-actas-deploy': {
    title: 'Act as a service account by deploying code',
    meaning:
      'The source can deploy code that runs as the target service account: it holds iam.serviceAccounts.actAs on it together with a permission that creates or updates compute (a VM, Cloud Function, Cloud Run service or job, Cloud Build, Dataproc, Composer...).',
    attack:
      '`gcloud compute instances create vm1 --zone=us-central1-a --service-account=SA_EMAIL --scopes=cloud-platform --metadata-from-file=startup-script=boot.sh`, or `gcloud functions deploy f --gen2 --runtime=python312 --trigger-http --service-account=SA_EMAIL --source=.`; the code reads a token from the metadata server and uses or exports it.',
    remediation:
      'Grant roles/iam.serviceAccountUser on individual service accounts, never on the project (a project grant covers every service account in it); keep deploy roles apart from actAs; keep iam.disableCrossProjectServiceAccountUsage enforced; give runtime service accounts only what the workload uses.',
    references: [R.attach, R.orgPolicySa],
  },
  'gcp-token-creator': {
    title: 'Mint a service account token',
    meaning:
      'The source can mint credentials of the target service account on demand: an OAuth access token (getAccessToken) or a signed JWT or blob (signJwt, signBlob) that authenticates as it. getOpenIdToken (ID tokens only) and implicitDelegation (one step of a delegation chain) are shown as conditional.',
    attack:
      '`gcloud auth print-access-token --impersonate-service-account=SA_EMAIL`, or `gcloud config set auth/impersonate_service_account SA_EMAIL` and run any gcloud command as it; through the API, POST to https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/SA_EMAIL:generateAccessToken.',
    remediation:
      'Grant roles/iam.serviceAccountTokenCreator on individual service accounts and only to principals that must impersonate them, never at project or folder level; enable Data Access audit logs for the IAM Service Account Credentials API; keep the impersonated account\'s own roles minimal.',
    references: [R.impersonation, R.shortLived],
  },
  'gcp-sa-key-create': {
    title: 'Create a service account key',
    meaning: 'The source can create a user-managed key for the target service account: a private key file that authenticates as the account for as long as the key exists.',
    attack:
      '`gcloud iam service-accounts keys create key.json --iam-account=SA_EMAIL`, then `gcloud auth activate-service-account --key-file=key.json`. The key works from anywhere and survives the loss of the attacker\'s original access, which makes it a favourite for persistence.',
    remediation:
      'Enforce the organization policy constraint iam.disableServiceAccountKeyCreation (with iam.serviceAccountKeyExpiryHours where keys are unavoidable); remove iam.serviceAccountKeys.create from roles that do not need it; delete existing user-managed keys.',
    references: [R.keys, R.orgPolicySa],
  },
  'gcp-role-update': {
    title: 'Update a custom role',
    meaning:
      'The source can edit a custom role (iam.roles.update) that is granted somewhere: a permission it adds, such as resourcemanager.projects.setIamPolicy, reaches every holder of the role, and makes the source administrator where it holds the role itself. When only others hold the role, the edge is conditional.',
    attack:
      '`gcloud iam roles update ROLE_ID --project=PROJECT --add-permissions=resourcemanager.projects.setIamPolicy` (or `--organization=ORG_ID` for an organization role), then use the new permission through an existing binding of the role to grant itself roles/owner.',
    remediation:
      'Keep roles/iam.roleAdmin and roles/iam.organizationRoleAdmin to the few who design roles; manage custom roles through reviewed infrastructure-as-code; alert on google.iam.admin.v1.UpdateRole in the Admin Activity audit logs.',
    references: [R.customRoles],
  },
  'gcp-member-of': {
    title: 'Holds the grants of a group, domain or basic role',
    meaning:
      'The source holds everything granted to the target: it is a member of the Google group, an account of the domain (domain:example.com), or holds the basic role behind a projectOwner:, projectEditor: or projectViewer: member.',
    attack:
      'Nothing to call: the grants already apply. Compromising any account of a domain or any member of a group gives the group\'s or domain\'s roles; if the group lets anyone in the domain join, `gcloud identity groups memberships add --group-email=GROUP --member-email=ME` is the whole attack.',
    remediation:
      'Avoid granting roles to domain: members and to large groups; lock group settings (who can join, who can add members); replace projectEditor:-style members in bucket and dataset access with explicit principals.',
    references: [R.principals],
  },
  'gcp-workload-identity-federation': {
    title: 'AWS role federated into a GCP workload identity pool',
    meaning:
      'Sessions of the source AWS role are members of a GCP workload identity pool (a principal set matching attribute.aws_role), so they hold whatever the pool member is granted, usually the right to act as a service account. Conditional: whether the pool\'s AWS provider trusts that AWS account is not in the exports.',
    attack:
      'From a session of the AWS role, write a credential configuration (`gcloud iam workload-identity-pools create-cred-config projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER --aws --output-file=cred.json`), `gcloud auth login --cred-file=cred.json`, then act as the granted service account.',
    remediation:
      'Restrict the pool\'s AWS provider to the exact AWS account and add an attribute condition on the role; grant the principal set only roles/iam.workloadIdentityUser on one service account; treat write access to the AWS role (its trust and policies) as access to the GCP side.',
    references: [R.otherClouds, R.federation],
  },
};
