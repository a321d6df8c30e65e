/**
 * GCP's node and edge kinds (namespaced `gcp.*`, see docs/ids.md).
 *
 * The resource hierarchy (organization, folder, project) is declared as `resource`: bindings are
 * attached to it and its administrator controls it, but it never acts itself. Inheritance is
 * carried by `gcp.childOf` edges and by the admin nodes of each scope (an organization's
 * administrator escalates to each folder's and project's), not by the hierarchy nodes reaching
 * anything.
 *
 * `allUsers`, `allAuthenticatedUsers` and `domain:` members are actors without the `group` trait
 * on purpose: "anyone can become admin" must be listed by the admin report, which leaves groups
 * out.
 */
import type { EdgeKindInfo, NodeKindInfo } from '../../model/kinds';
import { registerHelp } from '../../explain/help';
import { GCP_EDGE_HELP, GCP_TECHNIQUE_HELP } from './help';

export const GCP_NODE_KINDS: Record<string, NodeKindInfo> = {
  'gcp.organization': { label: 'Organization', plural: 'organizations', category: 'resource', shape: 'octagon', description: 'GCP organization: the root of the resource hierarchy; its IAM policy applies to every folder and project below it' },
  'gcp.folder': { label: 'Folder', plural: 'folders', category: 'resource', shape: 'octagon', description: 'GCP folder: its IAM policy applies to every folder and project below it' },
  'gcp.project': { label: 'Project', plural: 'projects', category: 'resource', shape: 'octagon', description: 'GCP project: the scope of its service accounts and resources; its IAM policy applies to all of them' },
  'gcp.serviceAccount': { label: 'Service account', plural: 'service accounts', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'GCP service account: a workload identity; whoever can mint its tokens, create its keys or deploy code as it acts as it' },
  'gcp.user': { label: 'Google account', plural: 'Google accounts', category: 'identity', shape: 'ellipse', actor: true, nature: 'human', description: 'Google account (user:) named in an IAM policy' },
  'gcp.group': { label: 'Google group', plural: 'Google groups', category: 'identity', shape: 'round-rectangle', actor: true, group: true, description: 'Google group (group:): every member holds its grants' },
  'gcp.domain': { label: 'Domain', plural: 'domains', category: 'principal', shape: 'diamond', actor: true, description: 'Every Google account and group of a Google Workspace or Cloud Identity domain (domain:)' },
  'gcp.allUsers': { label: 'All users', plural: 'all users', category: 'principal', shape: 'star', actor: true, description: 'allUsers: anyone on the internet, signed in or not' },
  'gcp.allAuthenticatedUsers': { label: 'All authenticated users', plural: 'all authenticated users', category: 'principal', shape: 'star', actor: true, description: 'allAuthenticatedUsers: anyone signed in to any Google account or service account (anyone can create one)' },
  'gcp.projectRole': { label: 'Project role holders', plural: 'project role holders', category: 'principal', shape: 'round-octagon', actor: true, group: true, description: 'projectOwner:/projectEditor:/projectViewer: convenience member: whoever holds that basic role on the project' },
  'gcp.workloadIdentity': { label: 'GKE workload identity', plural: 'GKE workload identities', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'A Kubernetes service account of a GKE cluster as a GCP member (serviceAccount:PROJECT.svc.id.goog[NAMESPACE/KSA])' },
  'gcp.principal': { label: 'Federated principal', plural: 'federated principals', category: 'principal', shape: 'diamond', actor: true, description: 'One identity of a workload or workforce identity pool (principal://)' },
  'gcp.principalSet': { label: 'Federated principal set', plural: 'federated principal sets', category: 'principal', shape: 'diamond', actor: true, description: 'Every identity of a workload or workforce identity pool matching an attribute, group or the whole pool (principalSet://)' },
  'gcp.workloadIdentityPool': { label: 'Identity pool', plural: 'identity pools', category: 'principal', shape: 'diamond', description: 'Workload or workforce identity pool: outside identities (GitHub, AWS, OIDC, SAML, GKE) federated into GCP' },
  'gcp.deleted': { label: 'Deleted principal', plural: 'deleted principals', category: 'principal', shape: 'diamond', description: 'A deleted account, group or service account still named in a binding (deleted:): inert, but a sign of stale policy' },
  'gcp.serviceAccountKey': { label: 'Service account key', plural: 'service account keys', category: 'credential', shape: 'tag', nature: 'non-human', standing: true, description: 'User-managed service account key: a long-lived private key whoever holds acts as the service account' },
  'gcp.systemManagedKey': { label: 'Google-managed key', plural: 'Google-managed keys', category: 'credential', shape: 'tag', nature: 'non-human', description: 'System-managed service account key: held and rotated by Google, never downloadable' },
  'gcp.role': { label: 'IAM role', plural: 'IAM roles', category: 'policy', shape: 'rectangle', description: 'GCP role (basic, predefined or custom): a set of permissions granted by bindings' },
  'gcp.secret': { label: 'Secret', plural: 'secrets', category: 'secret', readValue: 'secretmanager.versions.access', shape: 'round-triangle', description: 'Secret Manager secret; its value never enters Blastmap' },
  'gcp.bucket': { label: 'Bucket', plural: 'buckets', category: 'resource', shape: 'barrel', description: 'Cloud Storage bucket' },
  'gcp.poolProvider': { label: 'Workload identity pool provider', plural: 'workload identity pool providers', category: 'principal', shape: 'diamond', description: 'An OIDC, AWS or SAML provider of a workload identity pool: the issuer it trusts, how token claims map to pool attributes, the condition tokens must meet' },
  'gcp.resource': { label: 'Resource', plural: 'resources', category: 'resource', shape: 'round-rectangle', description: 'Other GCP resource (dataset, topic, key ring, instance...): its asset type is kept' },
};

export const GCP_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  'gcp.grantedRole': { label: 'granted role', description: 'An IAM binding grants the role to this member on a resource (the `resource` attribute), possibly under a condition', color: '#10b981' },
  'gcp.childOf': { label: 'child of', description: 'Resource hierarchy: a resource of a project, a project of a folder, a folder of a folder or organization; IAM policies are inherited downwards' },
  'gcp.keyOf': { label: 'key of', description: 'A key nobody can use to act as the service account (Google-managed, or disabled)' },
  'gcp.workloadIdentityUser': {
    label: 'workload identity user',
    description: 'roles/iam.workloadIdentityUser on the service account lets this GKE workload identity act as it',
    reach: true,
    explain: 'the IAM policy of {to} lets the GKE workload {from} act as it (roles/iam.workloadIdentityUser)',
    color: '#22d3ee',
  },
};

// What each edge kind and technique means, for the edge panel (explain/help.ts).
registerHelp(GCP_EDGE_HELP, GCP_TECHNIQUE_HELP);
