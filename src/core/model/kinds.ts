/**
 * The one source of node and edge kinds. Importers, analyses, UI styles and exports all read
 * these tables, so adding a kind here is the only change needed to make it known everywhere.
 */

export type NodeCategory = 'identity' | 'principal' | 'credential' | 'secret' | 'policy' | 'resource';

export interface NodeKindInfo {
  label: string;
  plural: string;
  category: NodeCategory;
  /** Short description shown in the legend and the details panel. */
  description: string;
}

export const NODE_KINDS = {
  user: { label: 'User', plural: 'users', category: 'identity', description: 'IAM user: a person or a workload holding long-lived credentials' },
  group: { label: 'Group', plural: 'groups', category: 'identity', description: 'Group of users; its policies apply to every member' },
  role: { label: 'Role', plural: 'roles', category: 'identity', description: 'Assumable role: a non-human identity reached through trust' },
  serviceAccount: { label: 'Service account', plural: 'service accounts', category: 'identity', description: 'Workload identity (service account, managed identity)' },
  instanceProfile: { label: 'Instance profile', plural: 'instance profiles', category: 'identity', description: 'EC2 container for a role: whoever runs on the instance acts as the role' },
  adminAccess: { label: 'Account administrator', plural: 'account administrators', category: 'principal', description: 'Full control of an account: held by admin-equivalent principals, reached by escalation' },
  identitySet: { label: 'Identity set', plural: 'identity sets', category: 'principal', description: 'Every user (or role) of an account at once: one edge instead of thousands when a permission covers them all' },
  account: { label: 'Account', plural: 'accounts', category: 'principal', description: 'Cloud account; as a trust principal it means any identity of that account allowed by its own policies' },
  orgUnit: { label: 'Organization unit', plural: 'organization units', category: 'principal', description: 'Organization root or organizational unit (SCP target)' },
  identityProvider: { label: 'Identity provider', plural: 'identity providers', category: 'principal', description: 'SAML or OIDC federation: outside identities that can assume roles' },
  servicePrincipal: { label: 'Service principal', plural: 'service principals', category: 'principal', description: 'A cloud service (e.g. ec2.amazonaws.com) trusted to act as a role' },
  publicPrincipal: { label: 'Anyone', plural: 'public principals', category: 'principal', description: 'The wildcard principal "*": anyone, authenticated or not' },
  externalPrincipal: { label: 'External principal', plural: 'external principals', category: 'principal', description: 'A principal named in a policy but not described by any export (session, canonical user...)' },
  accessKey: { label: 'Access key', plural: 'access keys', category: 'credential', description: 'Long-lived programmatic credential' },
  password: { label: 'Console password', plural: 'console passwords', category: 'credential', description: 'Login profile: console sign-in' },
  certificate: { label: 'Signing certificate', plural: 'signing certificates', category: 'credential', description: 'X.509 signing certificate' },
  token: { label: 'Token', plural: 'tokens', category: 'credential', description: 'Bearer or federation token' },
  secret: { label: 'Secret', plural: 'secrets', category: 'secret', description: 'Secret stored in a secret manager; its value never enters Blastmap' },
  managedPolicy: { label: 'Managed policy', plural: 'managed policies', category: 'policy', description: 'Standalone policy attachable to many identities' },
  inlinePolicy: { label: 'Inline policy', plural: 'inline policies', category: 'policy', description: 'Policy embedded in one identity' },
  scp: { label: 'Service control policy', plural: 'service control policies', category: 'policy', description: 'Organizations guardrail: limits what member accounts can do' },
  resourcePolicy: { label: 'Resource policy', plural: 'resource policies', category: 'policy', description: 'Policy attached to a resource (bucket, key, secret)' },
  bucket: { label: 'Bucket', plural: 'buckets', category: 'resource', description: 'Object storage bucket' },
  kmsKey: { label: 'KMS key', plural: 'KMS keys', category: 'resource', description: 'Encryption key' },
  resource: { label: 'Resource', plural: 'resources', category: 'resource', description: 'Other cloud resource' },
} as const satisfies Record<string, NodeKindInfo>;

export type NodeKind = keyof typeof NODE_KINDS;

export interface EdgeKindInfo {
  label: string;
  description: string;
}

export const EDGE_KINDS = {
  memberOf: { label: 'member of', description: 'Belongs to: a user to its group (inheriting its policies), an account or OU to its parent OU or root (inheriting its SCPs)' },
  hasPolicy: { label: 'has policy', description: 'Policy attached to the identity, account or resource (managed, inline, boundary, SCP, resource policy)' },
  canAssume: { label: 'can assume', description: 'The role trust policy lets this principal assume the role' },
  credentialOf: { label: 'credential of', description: 'Whoever holds this credential acts as the identity' },
  hasRole: { label: 'has role', description: 'The instance profile carries the role' },
  runsAs: { label: 'runs as', description: 'The resource (function, instance, stack, job...) runs with this role: whoever controls it acts as the role' },
  grants: { label: 'grants', description: 'A policy grants this principal actions on the resource' },
  escalatesTo: { label: 'escalates to', description: 'A privilege-escalation technique lets the source act as the target' },
} as const satisfies Record<string, EdgeKindInfo>;

export type EdgeKind = keyof typeof EDGE_KINDS;

export const isNodeKind = (k: string): k is NodeKind => Object.prototype.hasOwnProperty.call(NODE_KINDS, k);
export const isEdgeKind = (k: string): k is EdgeKind => Object.prototype.hasOwnProperty.call(EDGE_KINDS, k);

export type Provider = 'aws' | 'gcp' | 'azure' | 'kubernetes' | 'vault' | 'github' | 'any';
