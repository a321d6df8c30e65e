/**
 * Help for the edge kinds the core declares (model/kinds.ts), for the path and blast-radius steps
 * the views draw without an edge of the graph behind them (`adminOf`, `setMember`, `reaches`), and
 * for the federation techniques the core's own OIDC linking writes (federation/oidc.ts).
 */
import type { Help } from './help';

const AWS_IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const GCP_IAM = 'https://cloud.google.com/iam/docs/';
const K8S = 'https://kubernetes.io/docs/';

export const CORE_EDGE_HELP: Record<string, Help> = {
  memberOf: {
    title: 'Member of',
    meaning:
      'The source belongs to the target and inherits from it: a user holds every grant of its IAM or Google group, a federated identity belongs to its identity pool, and an account, OU, folder or project falls under the policies (SCPs, inherited IAM bindings) of its parent.',
    attack:
      'Nothing to call: membership is inheritance. Whoever compromises one member gets the whole group\'s rights, so attackers enumerate them first (`aws iam list-groups-for-user --user-name ME`, then `aws iam list-attached-group-policies --group-name GROUP`; `gcloud identity groups memberships search-transitive-groups`). In the hierarchy it runs downwards: a grant or SCP placed on the parent lands on the child.',
    remediation:
      'Keep privileged groups small and reviewed (`aws iam get-group --group-name GROUP`, `gcloud identity groups memberships list --group-email GROUP`); grant to groups rather than to individual users so revoking is one change; remove dormant members; place sensitive accounts and projects under a parent whose bindings and SCPs you control.',
    references: [
      { label: 'AWS IAM: user groups', url: `${AWS_IAM}id_groups.html` },
      { label: 'Google Cloud IAM: access control with the resource hierarchy', url: `${GCP_IAM}resource-hierarchy-access-control` },
    ],
  },
  hasPolicy: {
    title: 'Has policy',
    meaning:
      'The target policy applies to the source: a managed or inline policy of a user, group or role, a permissions boundary, an SCP on an account or OU, or the resource policy of a bucket, key or secret. What it allows or denies is part of the source\'s effective permissions.',
    attack:
      'Read it to learn what the identity can do (`aws iam get-policy-version --policy-arn ARN --version-id v3`, `aws iam get-role-policy --role-name ROLE --policy-name NAME`, `aws s3api get-bucket-policy --bucket BUCKET`). The policy becomes a target itself when someone can edit it: iam:CreatePolicyVersion, iam:PutRolePolicy or s3:PutBucketPolicy rewrite the source\'s permissions in one call.',
    remediation:
      'Trim the policy to what is used (IAM Access Analyzer can generate one from CloudTrail activity); prefer managed policies over inline ones so one reviewed document serves many identities; restrict who may edit the policy; add a permissions boundary or SCP as a ceiling that one edited policy cannot exceed.',
    references: [
      { label: 'AWS IAM: policies and permissions', url: `${AWS_IAM}access_policies.html` },
      { label: 'AWS IAM: permissions boundaries', url: `${AWS_IAM}access_policies_boundaries.html` },
      { label: 'AWS Organizations: service control policies', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
    ],
  },
  credentialOf: {
    title: 'Credential of',
    meaning:
      'The source is a credential of the target identity: an access key or console password of an IAM user, a user-managed key of a GCP service account, a legacy token Secret of a Kubernetes service account. Whoever holds it signs in as the target.',
    attack:
      'Find the secret material and use it as is: a key pair leaked in a repository or CI log (`aws configure --profile stolen`), a downloaded service-account JSON key (`gcloud auth activate-service-account --key-file=key.json`), a token Secret (`kubectl get secret NAME -n NS -o jsonpath={.data.token} | base64 -d`, then `kubectl --token=TOKEN`). Standing credentials keep working until someone revokes them.',
    remediation:
      'Replace standing credentials with roles or workload identities where possible; disable then delete unused ones (`aws iam update-access-key --status Inactive`, `aws iam delete-access-key`; `gcloud iam service-accounts keys delete`; delete legacy token Secrets); enforce iam.disableServiceAccountKeyCreation on GCP; check last-used dates in the credential report.',
    references: [
      { label: 'AWS IAM: manage access keys', url: `${AWS_IAM}id_credentials_access-keys.html` },
      { label: 'Google Cloud IAM: create and delete service account keys', url: `${GCP_IAM}keys-create-delete` },
      { label: 'Kubernetes: service account token Secrets', url: `${K8S}concepts/configuration/secret/#service-account-token-secrets` },
    ],
  },
  runsAs: {
    title: 'Runs as',
    meaning:
      'The source workload (Lambda function, EC2 instance, CodeBuild project, pod, Cloud Run service...) runs with the target identity: its code receives the identity\'s credentials, so whoever controls the workload acts as the identity.',
    attack:
      'Take over the workload, then collect the credentials where the platform hands them out: EC2 instance metadata (`curl -H "X-aws-ec2-metadata-token: $T" http://169.254.169.254/latest/meta-data/iam/security-credentials/ROLE`), the AWS_SESSION_TOKEN variables of a Lambda, the pod\'s /var/run/secrets/kubernetes.io/serviceaccount/token, the GCE metadata server. The escalation edges ending here name the permissions that give that control.',
    remediation:
      'Give each workload its own least-privilege identity instead of sharing a powerful one; restrict who can update the code, exec into or redeploy the workload; require IMDSv2 with a hop limit of 1 on EC2; set automountServiceAccountToken: false on pods that never call the Kubernetes API.',
    references: [
      { label: 'AWS IAM: use an IAM role for applications on EC2', url: `${AWS_IAM}id_roles_use_switch-role-ec2.html` },
      { label: 'Kubernetes: configure service accounts for pods', url: `${K8S}tasks/configure-pod-container/configure-service-account/` },
    ],
  },
  grants: {
    title: 'Grants',
    meaning:
      'A policy or binding on the target resource names the source as allowed, e.g. a statement of a bucket, key or secret policy with the source as Principal. Within one account that is enough even if the source\'s own policies say nothing; across accounts the source\'s own policies must allow it too.',
    attack:
      'Use the access the resource side hands out: `aws s3 sync s3://BUCKET ./loot`, `aws secretsmanager get-secret-value --secret-id ARN`, `aws kms decrypt --ciphertext-blob fileb://blob`. Statements naming `*` or a whole account are the usual mistake: every principal of that account, or anyone at all, qualifies.',
    remediation:
      'Name specific role ARNs instead of `*` or account roots in resource policies; add conditions such as aws:PrincipalOrgID, aws:PrincipalArn or aws:SourceVpce; keep S3 Block Public Access on; review IAM Access Analyzer external-access findings.',
    references: [
      { label: 'AWS IAM: identity-based and resource-based policies', url: `${AWS_IAM}access_policies_identity-vs-resource.html` },
      { label: 'AWS IAM: Principal element', url: `${AWS_IAM}reference_policies_elements_principal.html` },
    ],
  },
  escalatesTo: {
    title: 'Escalates to',
    meaning:
      'The source can make itself the target, or an administrator, by a privilege-escalation technique: it holds permissions that mint credentials for the target, rewrite its policies, trust or bindings, or run code as it. The technique on the edge says which; its permissions and evidence are listed with the edge.',
    attack:
      'The permissions listed on the edge are the calls the attacker makes, in order. The usual shapes: create a credential for the target, change a trust policy or binding to admit oneself, attach a stronger policy, or deploy code that runs as the target and hands its credentials back.',
    remediation:
      'Remove or narrow the permissions listed on the edge (scope the Resource to what the source must manage, add conditions), or reduce what the target can do so that reaching it is worth less. Guardrails stop a technique for every principal at once: permissions boundaries and SCPs on AWS, deny policies and organization policies on GCP, admission control on Kubernetes.',
    references: [
      { label: 'pathfinding.cloud: AWS privilege-escalation paths', url: 'https://pathfinding.cloud/' },
      { label: 'Kubernetes: RBAC good practices', url: `${K8S}concepts/security/rbac-good-practices/` },
    ],
  },
  federatesTo: {
    title: 'Federates to',
    meaning:
      'The source workload or token is accepted as the target identity of another provider (EKS IRSA or Pod Identity, GKE workload identity, a CI system\'s OIDC token trusted by an IAM role or a workload identity pool), and both sides were checked: the source is configured to become the target and the target\'s trust admits it.',
    attack:
      'Run code as the source (a pod in the namespace, a job of the CI repository) and exchange its token for the target\'s credentials, e.g. `aws sts assume-role-with-web-identity --role-arn ARN --role-session-name s --web-identity-token file://token`. No secret needs stealing: the trust does the rest.',
    remediation:
      'Make the trust name exactly one subject (sub = system:serviceaccount:NS:NAME, or a repository and branch) and pin the audience, never wildcards on sub; give the federated identity only what the workload needs; limit who can run workloads as the source.',
    references: [
      { label: 'AWS IAM: create a role for OIDC federation', url: `${AWS_IAM}id_roles_create_for-idp_oidc.html` },
      { label: 'Google Cloud IAM: workload identity federation', url: `${GCP_IAM}workload-identity-federation` },
    ],
  },
  // Steps the views draw without a graph edge behind them.
  adminOf: {
    title: 'Administrator acts as',
    meaning:
      'A path step rather than an imported edge: the administrator of an account, project or cluster can act as any identity inside it, since it can create that identity\'s credentials or rewrite its trust and bindings.',
    attack:
      'With administrator rights, become whichever identity holds the data or the cross-account trust wanted next: `aws iam create-access-key --user-name USER`, `aws iam update-assume-role-policy --role-name ROLE`, `gcloud iam service-accounts keys create key.json --iam-account=SA`, `kubectl create token SA -n NS`.',
    remediation:
      'Reduce the principals that reach the administrator (the escalation edges into it); protect the most sensitive identities with controls the scope\'s own administrators cannot lift: SCPs set from the management account, organization policies and deny policies set above the project.',
    references: [
      { label: 'AWS Organizations: service control policies', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
      { label: 'Google Cloud IAM: deny policies', url: `${GCP_IAM}deny-overview` },
    ],
  },
  setMember: {
    title: 'One of the set',
    meaning:
      'A path step rather than an imported edge: the target is one of the identities in a set (every role trusting the account, every service account of a project, every user of an account) that an escalation edge reaches as a whole.',
    attack:
      'Choose the most useful member of the set and apply the set\'s technique to it, e.g. among all the roles trusting the account, assume the one with administrator rights: `aws sts assume-role --role-arn arn:aws:iam::ACCOUNT:role/THAT_ROLE --role-session-name s`.',
    remediation:
      'Fix the edge into the set, which covers every member at once, or take this member out of it: narrow its trust policy to named principals, or move the service account to a project where the source holds nothing.',
    references: [{ label: 'AWS IAM: Principal element (account principals)', url: `${AWS_IAM}reference_policies_elements_principal.html` }],
  },
  reaches: {
    title: 'Reaches (blast radius)',
    meaning:
      'Drawn in the blast-radius view: once the start is compromised, the source identity can act on the target resource, or on the folded group of resources, at the access level shown. It summarises evaluated permissions, not one statement.',
    attack:
      'With the source identity\'s credentials, list and take what it can reach: `aws s3 sync`, `aws secretsmanager get-secret-value`, `gcloud secrets versions access latest --secret=NAME`, `kubectl get secret NAME -o yaml`; write access means tampering, not only theft.',
    remediation:
      'Cut the chain that reaches the source (the path edges before it), or narrow the source\'s grants on these resources; for crown-jewel resources add resource-side denies or conditions so that reaching the identity alone is not enough.',
    references: [{ label: 'AWS IAM: policy evaluation logic', url: `${AWS_IAM}reference_policies_evaluation-logic.html` }],
  },
};

/** Federation techniques the core's OIDC linking writes on `federatesTo` edges. */
export const CORE_TECHNIQUE_HELP: Record<string, Help> = {
  'read-secret-credential': {
    title: 'Read a secret that holds a credential',
    meaning:
      'The source can read the value of a secret that holds the target identity\'s credential (an analyst\'s mapping says so: no export tells what a secret holds). Reading it gives the credential, so the source acts as the target. The evidence is both halves: the grant that lets the source read the secret and the mapping row.',
    attack:
      'Read the value and use it: `aws secretsmanager get-secret-value --secret-id ID`, `gcloud secrets versions access latest --secret NAME`, `kubectl get secret NAME -o jsonpath={.data}`, then sign in with what it holds (an access key, a service-account key, an application\'s client secret).',
    remediation:
      'Replace the stored credential with federation where the provider allows it (workload identity, OIDC, IAM roles); otherwise narrow who can read the secret to the one workload that needs it, rotate the credential, and alert on reads of the secret by anyone else.',
    references: [
      { label: 'OWASP Non-Human Identities Top 10: secret leakage (NHI2)', url: 'https://owasp.org/www-project-non-human-identities-top-10/2025/2-secret-leakage/' },
      { label: 'AWS Secrets Manager: authentication and access control', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access.html' },
    ],
  },
  'oidc-web-identity': {
    title: 'Web-identity federation (OIDC token)',
    meaning:
      'A token of this OIDC issuer with these claims (sub, aud) satisfies the target\'s trust: whoever can obtain such a token, such as a CI job of the named repository or a workload of the named cluster, becomes the target.',
    attack:
      'Obtain a token with matching claims (a GitHub Actions job with `permissions: id-token: write`, a GitLab CI job with `id_tokens`) and exchange it: `aws sts assume-role-with-web-identity --role-arn ARN --role-session-name ci --web-identity-token "$TOKEN"`. Anyone who can push a workflow to a matching repository and branch can do it.',
    remediation:
      'Condition the trust on the exact sub (repository plus branch or deployment environment, e.g. repo:ORG/REPO:environment:prod) and on aud; protect those branches and environments with required reviews; keep the role least-privilege.',
    references: [
      { label: 'AWS IAM: create a role for OIDC federation', url: `${AWS_IAM}id_roles_create_for-idp_oidc.html` },
      { label: 'AWS IAM: OIDC identity providers', url: `${AWS_IAM}id_roles_providers_oidc.html` },
    ],
  },
  'oidc-any-subject': {
    title: 'Web-identity federation, any subject',
    meaning:
      'The target trusts the issuer without restricting the subject: any token of that issuer becomes the target, whether it comes from any repository on GitHub, any project on gitlab.com or any service account of the cluster.',
    attack:
      'The attacker uses an account of their own on the same issuer: create a repository, add a workflow that requests an OIDC token, and call `aws sts assume-role-with-web-identity` with the target role ARN. For a public issuer such as token.actions.githubusercontent.com no foothold in the victim organisation is needed.',
    remediation:
      'Add a condition on the issuer\'s sub claim (e.g. StringLike token.actions.githubusercontent.com:sub = repo:ORG/*) and on aud; on a GCP pool provider, set an attribute condition such as assertion.repository_owner == "ORG"; audit every trust of a public issuer.',
    references: [
      { label: 'AWS IAM: create a role for OIDC federation', url: `${AWS_IAM}id_roles_create_for-idp_oidc.html` },
      { label: 'Google Cloud IAM: workload identity federation', url: `${GCP_IAM}workload-identity-federation` },
    ],
  },
};
