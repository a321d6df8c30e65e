/**
 * What can be done to each Vault node, as requests on Vault paths: reading a KV v2 secret is
 * `read` on `<mount>/data/<path>`, using a dynamic credential role is `read` on its creds path,
 * rewriting a policy is `update` on `sys/policies/acl/<name>`... Each request carries the access
 * level it means (shared by every provider) and, for the escalation techniques, its purpose.
 */
import type { AccessLevel } from '../../model/access';
import type { NodeAttributes } from '../../model/types';
import type { Capability } from './policy';

export type Purpose = 'policy-write' | 'role-write' | 'secret-id' | 'role-id' | 'token-create' | 'creds';

export interface Op {
  cap: Capability;
  path: string;
  level: AccessLevel;
  purpose?: Purpose;
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const WRITE: Capability[] = ['create', 'update', 'delete'];

function manage(path: string, purpose?: Purpose): Op[] {
  return [{ cap: 'read', path, level: 'Read' }, ...WRITE.map((cap): Op => ({ cap, path, level: 'Permissions management', ...(purpose && cap === 'update' ? { purpose } : {}) }))];
}

/** The requests that act on a node; `dbCreds`: for a database connection, its roles' creds paths. */
export function opsOf(a: NodeAttributes, dbCreds: readonly string[] = []): Op[] {
  const at = a.attributes;
  switch (a.kind) {
    case 'vault.policy': {
      const name = s(at.policyName) ?? a.name;
      return [...manage(`sys/policies/acl/${name}`, 'policy-write'), ...manage(`sys/policy/${name}`, 'policy-write')];
    }
    case 'vault.authRole': {
      const path = s(at.apiPath);
      if (!path) return [];
      const ops = manage(path, 'role-write');
      if (at.method === 'approle') ops.push({ cap: 'update', path: `${path}/secret-id`, level: 'Write', purpose: 'secret-id' }, { cap: 'read', path: `${path}/role-id`, level: 'Read', purpose: 'role-id' });
      return ops;
    }
    case 'vault.tokenRole': {
      const path = s(at.apiPath);
      const create = s(at.createPath);
      return [...(path ? manage(path, 'role-write') : []), ...(create ? [{ cap: 'update', path: create, level: 'Write', purpose: 'token-create' } as Op] : [])];
    }
    case 'vault.dynamicRole': {
      const creds = list(at.credsPaths).flatMap((p): Op[] => [
        { cap: 'read', path: p, level: 'Read', purpose: 'creds' },
        // AWS creds and sts paths and GCP token and key paths take a POST too (update).
        ...(at.engine === 'aws' || at.engine === 'gcp' ? [{ cap: 'update', path: p, level: 'Read', purpose: 'creds' } as Op] : []),
      ]);
      const path = s(at.apiPath);
      return [...creds, ...(path ? manage(path) : [])];
    }
    case 'vault.secret': {
      const mount = s(at.mount);
      const p = s(at.secretPath);
      if (!mount || !p) return [];
      const parent = p.includes('/') ? `${p.slice(0, p.lastIndexOf('/'))}/` : '';
      if (at.kvVersion === 2) {
        const data = `${mount}/data/${p}`;
        return [
          { cap: 'read', path: data, level: 'Read' },
          ...(['create', 'update', 'patch', 'delete'] as Capability[]).map((cap): Op => ({ cap, path: data, level: 'Write' })),
          ...['delete', 'destroy', 'undelete'].map((verb): Op => ({ cap: 'update', path: `${mount}/${verb}/${p}`, level: 'Write' })),
          { cap: 'read', path: `${mount}/metadata/${p}`, level: 'List' },
          { cap: 'delete', path: `${mount}/metadata/${p}`, level: 'Write' },
          { cap: 'list', path: `${mount}/metadata/${parent}`, level: 'List' },
        ];
      }
      const path = `${mount}/${p}`;
      return [{ cap: 'read', path, level: 'Read' }, ...(['create', 'update', 'delete'] as Capability[]).map((cap): Op => ({ cap, path, level: 'Write' })), { cap: 'list', path: `${mount}/${parent}`, level: 'List' }];
    }
    case 'vault.mount': {
      const path = s(at.mountPath);
      if (!path) return [];
      const sys = at.mountKind === 'auth' ? `sys/auth/${path}` : `sys/mounts/${path}`;
      return [...manage(sys), ...(at.mountKind === 'auth' ? [] : [{ cap: 'list', path: `${path}/`, level: 'List' } as Op])];
    }
    case 'vault.database': {
      const path = s(at.apiPath);
      return [...dbCreds.map((p): Op => ({ cap: 'read', path: p, level: 'Write' })), ...(path ? manage(path) : [])];
    }
  }
  return [];
}
