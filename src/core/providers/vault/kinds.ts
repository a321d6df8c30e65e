/**
 * HashiCorp Vault's node and edge kinds (namespaced `vault.*`, see docs/ids.md).
 *
 * The identities are the roles one logs in as (auth method roles, token roles): each login is a
 * token holding the role's policies, so the role is what acts. Policies, mounts, KV secrets,
 * dynamic-credential roles and database connections are what they act on. A dynamic-credential
 * role is a credential of the cloud identity it mints (`vault.mints`, a reach edge): whoever can
 * read `<mount>/creds/<role>` acts as that identity.
 */
import type { EdgeKindInfo, NodeKindInfo } from '../../model/kinds';
import { registerHelp } from '../../explain/help';
import { VAULT_EDGE_HELP, VAULT_TECHNIQUE_HELP } from './help';

export const VAULT_NODE_KINDS: Record<string, NodeKindInfo> = {
  'vault.authRole': { label: 'Vault role', plural: 'Vault roles', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'A role of a Vault auth method (AppRole, Kubernetes, JWT/OIDC, AWS...): whoever satisfies its bindings logs in with a token holding its policies' },
  'vault.tokenRole': { label: 'Vault token role', plural: 'Vault token roles', category: 'identity', shape: 'hexagon', actor: true, nature: 'non-human', description: 'A token role (auth/token/roles): whoever may create tokens from it gets tokens with its allowed policies, whatever its own' },
  'vault.policy': { label: 'Vault policy', plural: 'Vault policies', category: 'policy', shape: 'rectangle', description: 'A Vault ACL policy: path rules with capabilities (read, create, update, delete, list, sudo, deny); the most specific path wins' },
  'vault.mount': { label: 'Vault mount', plural: 'Vault mounts', category: 'resource', shape: 'round-rectangle', description: 'An auth method or a secret engine mounted at a path of a Vault' },
  'vault.secret': { label: 'Vault KV secret', plural: 'Vault KV secrets', category: 'secret', readValue: 'read', shape: 'round-triangle', description: 'A secret of a Vault KV engine; its values never enter Blastmap' },
  'vault.dynamicRole': { label: 'Vault dynamic credential role', plural: 'Vault dynamic credential roles', category: 'credential', shape: 'tag', nature: 'non-human', description: 'A role of a Vault secret engine (AWS, GCP, Azure, database): each read of its creds path hands out fresh credentials of the identity it names' },
  'vault.database': { label: 'Vault database connection', plural: 'Vault database connections', category: 'resource', shape: 'barrel', description: 'A database a Vault database engine mints users on' },
};

export const VAULT_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  'vault.mints': {
    label: 'mints credentials of',
    description: 'A Vault dynamic credential role hands out credentials of this identity to whoever reads its creds path',
    reach: true,
    explain: '{from} hands out credentials of {to} (Vault secret engine)',
    color: '#f59e0b',
  },
  'vault.mountedAt': { label: 'mounted at', description: 'A Vault role, secret or connection belongs to this mount (auth method or secret engine)' },
  'vault.connectsTo': { label: 'connects to', description: 'A Vault database role mints users on this database connection' },
};

registerHelp(VAULT_EDGE_HELP, VAULT_TECHNIQUE_HELP);
