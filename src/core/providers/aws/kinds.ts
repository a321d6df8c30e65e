/**
 * AWS's node and edge kinds. They keep the short names they had before providers were
 * namespaced (`user`, `role`, `bucket`...): snapshots, URLs and the CLI's JSON already use them.
 */
import type { EdgeKindInfo, NodeKindInfo } from '../../model/kinds';
import type { NodeAttributes } from '../../model/types';
import { registerHelp } from '../../explain/help';
import { AWS_EDGE_HELP } from './help';
import { AWS_TECHNIQUE_HELP } from './techniques/help';

export const AWS_NODE_KINDS: Record<string, NodeKindInfo> = {
  user: { label: 'User', plural: 'users', category: 'identity', shape: 'ellipse', actor: true, nature: 'depends', description: 'IAM user: a person or a workload holding long-lived credentials' },
  group: { label: 'Group', plural: 'groups', category: 'identity', shape: 'round-rectangle', actor: true, group: true, description: 'Group of users; its policies apply to every member' },
  role: { label: 'Role', plural: 'roles', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'Assumable role: a non-human identity reached through trust' },
  instanceProfile: { label: 'Instance profile', plural: 'instance profiles', category: 'identity', shape: 'round-hexagon', nature: 'non-human', description: 'EC2 container for a role: whoever runs on the instance acts as the role' },
  account: { label: 'Account', plural: 'accounts', category: 'principal', shape: 'octagon', description: 'Cloud account; as a trust principal it means any identity of that account allowed by its own policies' },
  orgUnit: { label: 'Organization unit', plural: 'organization units', category: 'principal', shape: 'octagon', description: 'Organization root or organizational unit (SCP target)' },
  identityProvider: { label: 'Identity provider', plural: 'identity providers', category: 'principal', shape: 'diamond', description: 'SAML or OIDC federation: outside identities that can assume roles' },
  servicePrincipal: { label: 'Service principal', plural: 'service principals', category: 'principal', shape: 'diamond', nature: 'non-human', description: 'A cloud service (e.g. ec2.amazonaws.com) trusted to act as a role' },
  accessKey: { label: 'Access key', plural: 'access keys', category: 'credential', shape: 'tag', nature: 'non-human', standing: true, description: 'Long-lived programmatic credential' },
  password: { label: 'Console password', plural: 'console passwords', category: 'credential', shape: 'tag', description: 'Login profile: console sign-in' },
  certificate: { label: 'Signing certificate', plural: 'signing certificates', category: 'credential', shape: 'tag', nature: 'non-human', standing: true, description: 'X.509 signing certificate' },
  secret: { label: 'Secret', plural: 'secrets', category: 'secret', readValue: 'secretsmanager:GetSecretValue', shape: 'round-triangle', description: 'Secrets Manager secret; its value never enters Blastmap' },
  managedPolicy: { label: 'Managed policy', plural: 'managed policies', category: 'policy', shape: 'rectangle', description: 'Standalone policy attachable to many identities' },
  inlinePolicy: { label: 'Inline policy', plural: 'inline policies', category: 'policy', shape: 'rectangle', description: 'Policy embedded in one identity' },
  scp: { label: 'Service control policy', plural: 'service control policies', category: 'policy', shape: 'rectangle', description: 'Organizations guardrail: limits what member accounts can do' },
  resourcePolicy: { label: 'Resource policy', plural: 'resource policies', category: 'policy', shape: 'rectangle', description: 'Policy attached to a resource (bucket, key, secret)' },
  bucket: { label: 'Bucket', plural: 'buckets', category: 'resource', shape: 'barrel', description: 'S3 bucket' },
  kmsKey: { label: 'KMS key', plural: 'KMS keys', category: 'resource', shape: 'pentagon', description: 'KMS encryption key' },
  resource: { label: 'Resource', plural: 'resources', category: 'resource', shape: 'round-rectangle', description: 'Other AWS resource (function, instance, stack, job...)' },
};

/** Trusts to parties outside the export need nothing more than the trust itself. */
const FREE_TRUSTERS = new Set(['identityProvider', 'servicePrincipal', 'publicPrincipal', 'externalPrincipal']);

export const AWS_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  canAssume: {
    label: 'can assume',
    description: 'The role trust policy lets this principal assume the role',
    // In-account principals are covered by evaluated sts:AssumeRole edges; trusts to parties
    // outside the export (federation, services, other accounts, anyone) stand on their own.
    reach: (s: NodeAttributes, t: NodeAttributes) => t.kind === 'role' && (FREE_TRUSTERS.has(s.kind) || (s.kind === 'account' && s.placeholder === true)),
    explain: 'the trust policy of {to} lets {from} assume it',
    color: '#a78bfa',
  },
  hasRole: { label: 'has role', description: 'The instance profile carries the role', reach: true, explain: 'instance profile {from} carries role {to}' },
};

// What each edge kind and technique means, for the edge panel (explain/help.ts).
registerHelp(AWS_EDGE_HELP, AWS_TECHNIQUE_HELP);
