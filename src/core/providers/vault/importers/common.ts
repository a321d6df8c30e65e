/**
 * What the Vault importers share: reading fields of attacker-controlled data as the types Vault
 * writes them (lists that may be comma-separated strings, numbers that may be strings), counting
 * and dropping secret values, and writing the nodes many files name (policies, mounts) the same
 * way everywhere.
 */
import type { ImportContext } from '../../../importers/types';
import type { Evidence } from '../../../model/types';
import { isRecord } from '../../../io/safe-object';
import { mountId, policyId, PROVIDER, trimSlashes, type MountKind } from '../ids';

/** Longest name or list element kept (a role name, a policy name, a bound value). */
export const MAX_NAME = 512;
/** Most elements kept of one list (bound names, policies...). */
export const MAX_LIST = 1000;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_NAME) : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined);

/**
 * A list field as Vault prints it: a JSON list of strings, or one comma-separated string (what
 * `vault write ... token_policies=a,b` stores and some versions print back). Other element
 * types are reported at `where` and skipped.
 */
export function strList(ctx: ImportContext, v: unknown, where: string): string[] {
  if (v === undefined || v === null || v === '') return [];
  const raw = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : undefined;
  if (!raw) {
    ctx.b.warn(`${where}: expected a list of strings, found ${typeName(v)}; ignored`);
    return [];
  }
  const out: string[] = [];
  raw.slice(0, MAX_LIST).forEach((x, i) => {
    if (typeof x === 'string') {
      const t = x.trim();
      if (t) out.push(t.slice(0, MAX_NAME));
    } else ctx.b.warn(`${where}[${i}]: expected a string, found ${typeName(x)}; ignored`);
  });
  if (raw.length > MAX_LIST) ctx.b.warn(`${where}: ${raw.length} elements, only the first ${MAX_LIST} read`);
  return [...new Set(out)];
}

export function typeName(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'an object' : typeof x === 'string' ? 'a string' : typeof x;
}

/**
 * Fields whose values are secret material in Vault's outputs, beyond those the core drops from
 * every export before importers run (`token`, `secret_id`, `password`, `client_secret`...):
 * login and token-lookup outputs (`client_token`, token `accessor`s), credentials a lease hands
 * out (`secret_key`, `security_token`, `private_key_data`...), engine and auth configurations
 * (`token_reviewer_jwt`, `oidc_client_secret`, GCP `credentials`).
 */
const SECRET_FIELDS = new Set([
  'client_token', 'secret_id_accessor', 'secret_key', 'access_key', 'security_token', 'private_key', 'private_key_data', 'token_reviewer_jwt',
  'oidc_client_secret', 'credentials', 'client_key', 'jwt', 'id_token', 'refresh_token', 'root_token', 'recovery_key', 'unseal_key', 'wrapped_accessor',
]);
/** `accessor` and `id` are secret only where a token is described (login, token lookup, wrap info). */
const TOKEN_FIELDS = new Set(['accessor', 'id']);

/**
 * Delete the secret values of a parsed Vault output, in place, and count them: importers copy only
 * the fields they name, and the copy of the file a host may keep (the parsed documents after the
 * import, see importers/import-file.ts) must hold none. `tokenBlocks`: the objects that describe a
 * token, whose `accessor` and `id` are secret too.
 */
export function deleteSecrets(doc: unknown, tokenBlocks: readonly unknown[]): { count: number; fields: string[] } {
  const fields = new Set<string>();
  let count = 0;
  const tokens = new Set(tokenBlocks.filter(isRecord));
  const stack: unknown[] = [doc];
  let visited = 0;
  while (stack.length && visited++ < 1_000_000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
    } else if (isRecord(v)) {
      for (const key of Object.keys(v)) {
        const x = v[key];
        const secret = SECRET_FIELDS.has(key.toLowerCase()) || (tokens.has(v) && TOKEN_FIELDS.has(key));
        if (secret && x !== null && x !== '' && typeof x !== 'boolean') {
          delete v[key];
          count++;
          fields.add(key);
        } else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return { count, fields: [...fields].sort() };
}

export function dropSecrets(ctx: ImportContext, doc: unknown, tokenBlocks: readonly unknown[], where: string): void {
  const { count, fields } = deleteSecrets(doc, tokenBlocks);
  if (!count) return;
  ctx.b.droppedSecrets += count;
  ctx.b.note(`dropped ${count} secret value(s) at ${where} (${fields.slice(0, 5).join(', ')}); Blastmap never stores secret material`);
}

/**
 * Delete every value of `rec` (a KV secret's data, a lease's credentials, an output Blastmap does
 * not read and so cannot tell secret from not) and count them as dropped. Returns how many.
 */
export function dropAllValues(ctx: ImportContext, rec: unknown): number {
  if (!isRecord(rec)) return 0;
  let n = 0;
  for (const k of Object.keys(rec)) {
    const v = rec[k];
    if (v !== null && v !== '' && v !== undefined && typeof v !== 'boolean') n++;
    delete rec[k];
  }
  ctx.b.droppedSecrets += n;
  return n;
}

/** Evidence for a field of the file: `<vault path>: <field>`. */
export const evidenceAt = (ctx: ImportContext, vaultPath: string, field: string, extra: Partial<Evidence> = {}): Evidence => ({ file: ctx.file, location: vaultPath ? `${vaultPath}: ${field}` : field, ...extra });

/** A policy named by a role or token: a placeholder until its text is imported. */
export function policyRef(ctx: ImportContext, scope: string, name: string): string {
  const id = policyId(scope, name);
  ctx.b.node({ id, kind: 'vault.policy', name, account: scope, provider: PROVIDER, placeholder: true, attributes: { policyName: name, apiPath: `sys/policies/acl/${name}`, builtin: name === 'root' || name === 'default' || undefined } });
  return id;
}

/** A mount a file sits under: a placeholder until a mount list describes it. */
export function mountRef(ctx: ImportContext, scope: string, kind: MountKind, path: string, type?: string, attributes: Record<string, unknown> = {}): string {
  const clean = trimSlashes(path);
  const id = mountId(scope, kind, clean);
  ctx.b.node({ id, kind: 'vault.mount', name: kind === 'auth' ? `auth/${clean}` : clean, account: scope, provider: PROVIDER, placeholder: true, attributes: { mountKind: kind, mountPath: clean, ...(type ? { type } : {}), ...attributes } });
  return id;
}
