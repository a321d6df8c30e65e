/**
 * Help for Vault's edge kinds (kinds.ts), its escalation techniques (techniques.ts) and the
 * federation techniques its side declares (federation.ts); registered with its kinds.
 */
import type { Help } from '../../explain/help';

const DOCS = 'https://developer.hashicorp.com/vault/';
const ref = (label: string, page: string) => ({ label: `Vault: ${label}`, url: `${DOCS}${page}` });
const R = {
  policies: ref('policies', 'docs/concepts/policies'),
  tokens: ref('tokens', 'docs/concepts/tokens'),
  tokenApi: ref('token auth method API', 'api-docs/auth/token'),
  approle: ref('AppRole auth method', 'docs/auth/approle'),
  kubernetes: ref('Kubernetes auth method', 'docs/auth/kubernetes'),
  jwt: ref('JWT/OIDC auth method', 'docs/auth/jwt'),
  aws: ref('AWS auth method', 'docs/auth/aws'),
  awsSecrets: ref('AWS secrets engine', 'docs/secrets/aws'),
  gcpSecrets: ref('Google Cloud secrets engine', 'docs/secrets/gcp'),
  azureSecrets: ref('Azure secrets engine', 'docs/secrets/azure'),
  databases: ref('database secrets engine', 'docs/secrets/databases'),
  hardening: ref('production hardening', 'docs/concepts/production-hardening'),
};

export const VAULT_EDGE_HELP: Record<string, Help> = {
  'vault.mints': {
    title: 'Mints credentials of (Vault secret engine)',
    meaning:
      'The Vault dynamic credential role hands out credentials of the target identity on every read of its creds path (`aws/creds/<role>`, `aws/sts/<role>`, `gcp/roleset/<role>/token`, `azure/creds/<role>`): an IAM role session, a service account token or key, a new secret of an Azure application. Whoever a Vault policy lets read that path acts as the identity.',
    attack:
      '`vault read aws/creds/deploy` (or `vault write aws/sts/deploy ttl=1h`) with a token whose policy allows it returns working cloud credentials; `vault read gcp/roleset/NAME/token` an OAuth token of the service account. The lease lasts its TTL and is renewable up to the role\'s maximum.',
    remediation:
      'Grant read on creds paths only to the roles that need them (one creds path per policy, no `aws/creds/*`); keep the minted identity least-privileged; shorten default_sts_ttl / ttl; watch the audit log for creds reads.',
    references: [R.awsSecrets, R.gcpSecrets, R.azureSecrets],
  },
  'vault.mountedAt': {
    title: 'Mounted at (Vault)',
    meaning:
      'The role, secret or database connection belongs to this auth method or secret engine mount. `vault read -format=json PATH` does not print PATH: Blastmap takes it from where the file was saved in the export tree (<root>/auth/<mount>/role/<name>.json, <root>/<mount>/roles/<name>.json), and the mount\'s type from `vault auth list` / `vault secrets list` saved as <root>/sys/auth.json and <root>/sys/mounts.json.',
    attack: 'Not a step by itself: whoever may reconfigure the mount (sys/auth/<path>, sys/mounts/<path>, its config path) changes what every role of it does.',
    remediation: 'Keep sys/auth/*, sys/mounts/* and auth/<mount>/config writable by Vault administrators only.',
    references: [R.policies],
  },
  'vault.connectsTo': {
    title: 'Connects to (Vault database engine)',
    meaning:
      'The Vault database role mints users on this database connection (`<mount>/config/<name>`): whoever reads `<mount>/creds/<role>` gets a database user created with the role\'s creation statements.',
    attack: '`vault read database/creds/ROLE` returns a username and password for the database, with the grants of the role\'s creation statements.',
    remediation: 'Give each application its own database role with minimal grants; restrict `allowed_roles` on the connection; grant creds paths per application.',
    references: [R.databases],
  },
};

export const VAULT_TECHNIQUE_HELP: Record<string, Help> = {
  'vault-root-policy': {
    title: 'Holds the root policy',
    meaning: 'The role\'s tokens carry the built-in `root` policy: every path, every capability, including sudo. The identity is a Vault administrator.',
    attack: 'Log in as the role and do anything: read every secret, write policies, mint every cloud credential the engines can hand out.',
    remediation: 'Never attach `root` to a role; generate root tokens only for break-glass work (`vault operator generate-root`) and revoke them after use.',
    references: [R.policies, R.hardening],
  },
  'vault-policy-write': {
    title: 'Rewrite a policy one holds',
    meaning:
      'A policy the identity holds lets it create or update `sys/policies/acl/<name>` (or the legacy `sys/policy/<name>`) for one of its own policies, `default` included: it can rewrite that policy to `path "*" { capabilities = [...] }` and become a Vault administrator.',
    attack: '`vault policy write <own-policy> - <<< \'path "*" { capabilities = ["create","read","update","delete","list","sudo"] }\'` then log in again (or keep the token: policies are read at each request).',
    remediation: 'Grant write on sys/policies/acl/* and sys/policy/* to administrators only; if a team manages policies, scope it to names it does not hold and review with Sentinel or a pipeline.',
    references: [R.policies],
  },
  'vault-auth-role-write': {
    title: 'Rewrite an auth method role',
    meaning:
      'The identity may create or update `auth/<mount>/role/<name>` (or a token role): it can rebind the role to an identity it controls (its own Kubernetes service account, GitHub repository, AWS role) or drop the bindings, then log in with the role\'s policies.',
    attack: '`vault write auth/kubernetes/role/payments bound_service_account_names=attacker bound_service_account_namespaces=attacker-ns token_policies=payments`, then log in from a pod running as that account.',
    remediation: 'Keep auth/<mount>/role/* writable by administrators only; deny update on roles that carry sensitive policies.',
    references: [R.kubernetes, R.approle, R.policies],
  },
  'vault-approle-secret-id': {
    title: 'Generate an AppRole secret ID',
    meaning:
      'The identity may update `auth/<mount>/role/<name>/secret-id` (generate a secret ID) and read `.../role-id`: with both it logs in as the AppRole. Without read on role-id the step is conditional (the role ID is not secret and is often in CI configuration); a role with bind_secret_id=false needs the role ID only.',
    attack: '`vault read auth/approle/role/NAME/role-id`, `vault write -f auth/approle/role/NAME/secret-id`, then `vault write auth/approle/login role_id=... secret_id=...`.',
    remediation: 'Deliver secret IDs by response wrapping from a trusted orchestrator only; restrict secret-id generation to it; bind secret IDs with secret_id_bound_cidrs and few uses.',
    references: [R.approle],
  },
  'vault-token-role': {
    title: 'Create tokens from a token role',
    meaning:
      'The identity may update `auth/token/create/<role>`: the token it creates holds any of the role\'s allowed_policies, whether or not its creator holds them (a token role is how Vault lets a token grant more than it has).',
    attack: '`vault token create -role=ROLE -policy=<an allowed policy>` returns a token with that policy.',
    remediation: 'Grant update on auth/token/create/<role> only to the orchestrator that needs it; keep allowed_policies minimal and avoid allowed_policies_glob.',
    references: [R.tokenApi, R.tokens],
  },
  'vault-read-creds': {
    title: 'Read dynamic credentials',
    meaning:
      'A policy the identity holds allows reading (or writing, for `sts` and POST forms) the creds path of a dynamic credential role (`aws/creds/<role>`, `gcp/roleset/<role>/token`, `azure/creds/<role>`): every read hands out credentials of the identity the role names.',
    attack: '`vault read aws/creds/deploy` returns an access key, secret key and session token of the role the Vault role assumes.',
    remediation: 'Narrow the policy to the creds paths the identity needs; deny `<mount>/creds/*` broadly; keep the minted cloud identities least-privileged.',
    references: [R.awsSecrets, R.gcpSecrets, R.policies],
  },
  'vault-azure-application': {
    title: 'Vault mints a secret of an Azure application',
    meaning:
      'The Vault Azure role names an existing application (application_object_id): every read of its creds path adds a new client secret to that application and hands it out, so whoever reads the path signs in as the application\'s service principal.',
    attack: '`vault read azure/creds/ROLE` returns client_id and client_secret; `az login --service-principal -u CLIENT_ID -p SECRET --tenant TENANT` signs in with the application\'s role assignments.',
    remediation: 'Prefer dynamic service principals with minimal azure_roles over existing applications; restrict the creds path; keep the application least-privileged.',
    references: [R.azureSecrets],
  },
  'vault-kubernetes-auth': {
    title: 'Kubernetes service account logs in to Vault',
    meaning:
      'The Vault role of a Kubernetes auth mount admits this service account: its name and namespace match bound_service_account_names and bound_service_account_namespaces (`*` and globs included), and the mount\'s kubernetes_host or issuer is this cluster\'s. A pod running as the account (or anyone who can create a token for it) logs in with the role\'s policies.',
    attack: 'From a pod running as the service account: `vault write auth/kubernetes/login role=ROLE jwt=@/var/run/secrets/kubernetes.io/serviceaccount/token`. Whoever can create pods or tokens in the namespace does the same.',
    remediation: 'Bind roles to exact service account names and namespaces (no `*`); use one role per workload; restrict who can create pods and tokens in those namespaces.',
    references: [R.kubernetes],
  },
  'vault-aws-auth': {
    title: 'AWS identity logs in to Vault',
    meaning:
      'The Vault role of an AWS auth mount admits this IAM role or user: it is named (or matched by a wildcard) in bound_iam_principal_arn (or bound_iam_role_arn for ec2 logins). Whoever acts as the AWS identity signs a GetCallerIdentity request and logs in with the Vault role\'s policies.',
    attack: '`vault login -method=aws role=ROLE` with the AWS identity\'s credentials (from its instance, task, function or an assumed session).',
    remediation: 'Bind roles to exact role ARNs with resolve_aws_unique_ids on; avoid wildcards; set iam_server_id_header_value to stop replay against another Vault.',
    references: [R.aws],
  },
  'vault-jwt-auth': {
    title: 'Workload token logs in to Vault (JWT)',
    meaning:
      'The Vault role of a JWT auth mount trusts this cluster\'s service account issuer, and its bound_subject is this service account (`system:serviceaccount:NS:NAME`): a token the cluster mints for the account logs in with the role\'s policies.',
    attack: 'From a pod running as the service account, `vault write auth/jwt/login role=ROLE jwt=@/var/run/secrets/...` with a projected token of the right audience.',
    remediation: 'Bind bound_subject and bound_audiences exactly; prefer one role per workload.',
    references: [R.jwt],
  },
};
