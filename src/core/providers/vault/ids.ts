/**
 * Vault node ids and where a file sits in a Vault.
 *
 * `vault read -format=json PATH` does not repeat PATH, so the file's own path says what was read:
 * an export tree mirrors Vault's paths under a root folder (`<root>/sys/policy/NAME.hcl`,
 * `<root>/auth/kubernetes/role/payments.json`, `<root>/aws/roles/deploy.json`,
 * `<root>/sys/auth.json`, `<root>/sys/mounts.json`; see docs/vault-exports.md). The root folder's
 * name is the Vault's scope (`admin:vault:<root>`), `vault` when the files sit at the top of what
 * was imported. Every node id is `vault:<scope>:<API path>`: the path a policy must grant to
 * touch it (`vault:acme:auth/kubernetes/role/payments`, `vault:acme:sys/policies/acl/admin`).
 */
import type { SessionFacts } from '../../importers/types';

export const PROVIDER = 'vault';
/** Session fact: one mount of a Vault, `scope \t auth|secret \t path/ \t type \t kv version`. */
export const MOUNT_FACT = 'vault.mount';
export const DEFAULT_SCOPE = 'vault';

export const vaultId = (scope: string, apiPath: string): string => `vault:${scope}:${apiPath}`;
export const policyId = (scope: string, name: string): string => vaultId(scope, `sys/policies/acl/${name}`);
export const mountId = (scope: string, kind: MountKind, path: string): string => vaultId(scope, `${kind === 'auth' ? 'sys/auth' : 'sys/mounts'}/${trimSlashes(path)}`);

export type MountKind = 'auth' | 'secret';

export const trimSlashes = (p: string): string => p.replace(/^\/+|\/+$/g, '');

/** A folder name as a scope: the characters ids and admin node names keep. */
export function scopeName(folder: string | undefined): string {
  const s = (folder ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return s || DEFAULT_SCOPE;
}

export interface Mount {
  scope: string;
  kind: MountKind;
  /** Without its trailing slash (`kubernetes`, `secret`, `k8s/prod`). */
  path: string;
  type: string;
  kvVersion?: string;
}

export const encodeMount = (m: Mount): string => [m.scope, m.kind, m.path, m.type, m.kvVersion ?? ''].join('\t');

/** The mounts the session's mount lists told, by scope. */
export function knownMounts(facts: SessionFacts): Mount[] {
  const out: Mount[] = [];
  for (const v of facts.get(MOUNT_FACT) ?? []) {
    const [scope, kind, path, type, kv] = v.split('\t');
    if (!scope || (kind !== 'auth' && kind !== 'secret') || path === undefined || !type) continue;
    out.push({ scope, kind, path, type, ...(kv ? { kvVersion: kv } : {}) });
  }
  return out;
}

/** The file path's segments, its extension dropped from the last one. */
export function pathSegments(path: string): string[] {
  const segs = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const last = segs.length - 1;
  if (last >= 0) segs[last] = segs[last]!.replace(/\.(json|hcl|txt|out)$/i, '');
  return segs;
}

/** A file placed in a Vault: its scope and the Vault path it holds. */
export interface Located {
  scope: string;
  /** The Vault API path, `/`-joined (`auth/kubernetes/role/payments`). */
  vaultPath: string;
  segments: string[];
  /** The mount the file is under, when known (from the session's mount lists or the path's shape). */
  mount?: { kind: MountKind; path: string; type?: string; kvVersion?: string };
}

const AUTH_DIRS = new Set(['role', 'roles', 'config', 'users', 'groups', 'certs']);
/** Folders of the secret engines Blastmap reads, right under the mount. */
export const ENGINE_DIRS = new Set(['roles', 'roleset', 'rolesets', 'static-account', 'static-accounts', 'impersonated-account', 'static-roles', 'creds', 'sts', 'config', 'token', 'key']);

function placed(segs: string[], r: number, mount?: Located['mount']): Located {
  return { scope: r > 0 ? scopeName(segs[r - 1]) : DEFAULT_SCOPE, vaultPath: segs.slice(r).join('/'), segments: segs.slice(r), ...(mount ? { mount } : {}) };
}

/**
 * Where `path` sits in a Vault export tree; undefined when its shape says nothing. Mounts the
 * session knows (a `vault secrets list` / `vault auth list` of the same root) are matched first;
 * then `sys/...` and `auth/<mount>/<role|config...>`; then a secret engine's `<mount>/<roles|creds...>`.
 */
export function locate(path: string, facts: SessionFacts): Located | undefined {
  const segs = pathSegments(path);
  const known = knownMounts(facts);
  let best: { r: number; len: number; m: Mount } | undefined;
  for (const m of known) {
    const want = [...(m.kind === 'auth' ? ['auth'] : []), ...m.path.split('/').filter(Boolean)];
    if (!want.length) continue;
    for (let r = segs.length - want.length - 1; r >= 0; r--) {
      if (!want.every((w, i) => segs[r + i] === w)) continue;
      if (r === 0 ? m.scope !== DEFAULT_SCOPE : scopeName(segs[r - 1]) !== m.scope) continue;
      if (!best || want.length > best.len) best = { r, len: want.length, m };
      break;
    }
  }
  if (best) return placed(segs, best.r, { kind: best.m.kind, path: best.m.path, type: best.m.type, ...(best.m.kvVersion ? { kvVersion: best.m.kvVersion } : {}) });
  for (let r = segs.length - 2; r >= 0; r--) {
    if (segs[r] === 'sys' && ['policy', 'policies', 'auth', 'mounts'].includes(segs[r + 1]!)) return placed(segs, r);
  }
  for (let r = segs.length - 3; r >= 0; r--) {
    if (segs[r] !== 'auth') continue;
    const dir = segs.findIndex((s, i) => i > r + 1 && AUTH_DIRS.has(s));
    if (dir !== -1) return placed(segs, r, { kind: 'auth', path: segs.slice(r + 1, dir).join('/') });
  }
  for (let j = segs.length - 2; j >= 1; j--) {
    if (ENGINE_DIRS.has(segs[j]!)) return placed(segs, j - 1, { kind: 'secret', path: segs[j - 1]! });
  }
  return undefined;
}

/**
 * The scope of a mount list (`vault auth list` / `vault secrets list`): the folder above `sys/`
 * when it is saved as `<root>/sys/auth.json`, else the folder it sits in.
 */
export function mountListScope(path: string): string {
  const segs = pathSegments(path);
  const sys = segs.lastIndexOf('sys');
  if (sys >= 0 && sys === segs.length - 2) return sys > 0 ? scopeName(segs[sys - 1]) : DEFAULT_SCOPE;
  return segs.length >= 2 ? scopeName(segs[segs.length - 2]) : DEFAULT_SCOPE;
}
