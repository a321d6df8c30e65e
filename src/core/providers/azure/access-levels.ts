/**
 * Azure actions onto the shared access levels: changing who can do what (role assignments and
 * definitions, Key Vault access policies, federated credentials, elevation) is Permissions
 * management, tags are Tagging, reading metadata is List, reading configuration or secrets
 * (`/read`, `getSecret`, `listKeys`-style actions) is Read, every other change is Write.
 */
import type { AccessLevel } from '../../model/access';

const PERMISSIONS = /^microsoft\.authorization\/(roleassignments|roledefinitions|denyassignments|locks|policyassignments)\/(write|delete)$|^microsoft\.authorization\/elevateaccess\/action$|\/accesspolicies\/write$|\/federatedidentitycredentials\/write$/;
const LIST = /\/readmetadata\/action$/;
const READ = /\/read$|\/getsecret\/action$|\/list[a-z]*\/action$|\/getsecretvalue\/action$/;

export function levelOf(action: string): AccessLevel {
  if (PERMISSIONS.test(action)) return 'Permissions management';
  if (action.startsWith('microsoft.resources/tags/') || action.includes('/tags/')) return 'Tagging';
  if (LIST.test(action)) return 'List';
  if (READ.test(action)) return 'Read';
  return 'Write';
}

/** Key Vault secret data actions a `secrets` access-policy permission grants. */
const POLICY_SECRET_ACTIONS: Record<string, string> = {
  get: 'microsoft.keyvault/vaults/secrets/getsecret/action',
  list: 'microsoft.keyvault/vaults/secrets/readmetadata/action',
  set: 'microsoft.keyvault/vaults/secrets/setsecret/action',
  delete: 'microsoft.keyvault/vaults/secrets/delete',
  backup: 'microsoft.keyvault/vaults/secrets/backup/action',
  restore: 'microsoft.keyvault/vaults/secrets/restore/action',
  recover: 'microsoft.keyvault/vaults/secrets/recover/action',
  purge: 'microsoft.keyvault/vaults/secrets/purge/action',
};

/** The data actions an access policy's secret permissions (`get`, `list`, `all`...) grant. */
export function policySecretActions(perms: readonly string[]): string[] {
  if (perms.includes('all')) return Object.values(POLICY_SECRET_ACTIONS);
  return perms.flatMap((p) => (Object.prototype.hasOwnProperty.call(POLICY_SECRET_ACTIONS, p) ? [POLICY_SECRET_ACTIONS[p]!] : []));
}

/** Key Vault secret data actions no built-in role names literally (they are granted by `secrets/*`). */
export const SECRET_DATA_ACTIONS: readonly string[] = Object.values(POLICY_SECRET_ACTIONS);
