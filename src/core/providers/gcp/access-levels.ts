/**
 * GCP permissions (`service.resource.verb`) onto the shared access levels, by verb: reading is
 * Read, enumerating is List, changing who can do what (IAM policies, acting as or minting tokens
 * for a service account, keys, roles) is Permissions management, tags and labels are Tagging,
 * every other change is Write.
 */
import type { AccessLevel } from '../../model/access';

const PERMISSIONS_MANAGEMENT = new Set([
  'setIamPolicy',
  'actAs',
  'getAccessToken',
  'signBlob',
  'signJwt',
  'implicitDelegation',
  'getOpenIdToken',
  'createPolicyBinding',
  'deletePolicyBinding',
  'updatePolicyBinding',
]);
const PM_PERMISSIONS = /^iam\.(serviceAccountKeys\.(create|delete|disable|enable|upload)|roles\.(create|update|delete|undelete))$/;
const TAGGING = new Set(['createTagBinding', 'deleteTagBinding', 'setLabels', 'setTags', 'updateTag', 'setResourceLabels']);
const LIST = /^(list|search)/;
const READ = /^(get|access|read|download|export|fetch|query|lookup|resolve|view)/;

export function levelOf(permission: string): AccessLevel {
  const verb = permission.slice(permission.lastIndexOf('.') + 1);
  if (PERMISSIONS_MANAGEMENT.has(verb) || PM_PERMISSIONS.test(permission)) return 'Permissions management';
  if (TAGGING.has(verb)) return 'Tagging';
  if (LIST.test(verb)) return 'List';
  if (READ.test(verb)) return 'Read';
  return 'Write';
}

/**
 * The permission prefixes that concern a resource, by node kind or the service of its name:
 * access to a bucket lists `storage.*` permissions, not all 13,000 of roles/owner.
 */
const SERVICE_PERMISSION_PREFIX: Record<string, string> = {
  sqladmin: 'cloudsql',
  bigtableadmin: 'bigtable',
  cloudbilling: 'billing',
  cloudresourcemanager: 'resourcemanager',
  artifactregistry: 'artifactregistry',
  containerregistry: 'storage',
};

export function permissionPrefixes(kind: string, service: string): readonly string[] {
  switch (kind) {
    case 'gcp.project':
      return ['resourcemanager.projects.'];
    case 'gcp.folder':
      return ['resourcemanager.folders.'];
    case 'gcp.organization':
      return ['resourcemanager.organizations.'];
    case 'gcp.bucket':
      return ['storage.'];
    case 'gcp.secret':
      return ['secretmanager.secrets.', 'secretmanager.versions.'];
    case 'gcp.serviceAccount':
      return ['iam.serviceAccounts.', 'iam.serviceAccountKeys.'];
    default:
      return [`${SERVICE_PERMISSION_PREFIX[service] ?? service}.`];
  }
}
