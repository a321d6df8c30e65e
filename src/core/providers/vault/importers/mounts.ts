/**
 * `vault auth list -format=json` and `vault secrets list -format=json` (and `vault read sys/auth`,
 * `vault read sys/mounts`): a map from mount path (`approle/`, `secret/`) to its type, accessor
 * and options. Auth mounts are told apart from secret mounts by their accessors (`auth_approle_…`),
 * else by the file's place (`sys/auth.json`). The same reading feeds the prescan, so every other
 * file of the batch knows which folder is which mount (and a KV mount's version).
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { encodeMount, MOUNT_FACT, mountId, mountListScope, pathSegments, PROVIDER, trimSlashes, type Mount, type MountKind } from '../ids';
import { bool, str } from './common';

/** A map of mounts: every key ends in `/`, every value has a string `type`, some an accessor. */
export function isMountMap(doc: unknown): doc is Record<string, unknown> {
  if (!isRecord(doc)) return false;
  const keys = Object.keys(doc);
  if (!keys.length) return false;
  let accessors = 0;
  for (const k of keys) {
    const v = doc[k];
    if (!k.endsWith('/') || !isRecord(v) || typeof own(v, 'type') !== 'string') return false;
    if (typeof own(v, 'accessor') === 'string') accessors++;
  }
  return accessors > 0;
}

function kindOf(map: Record<string, unknown>, path: string): MountKind {
  for (const k of Object.keys(map)) if (ownString(map[k], 'accessor')?.startsWith('auth_')) return 'auth';
  const segs = pathSegments(path);
  return segs[segs.length - 2] === 'sys' && segs[segs.length - 1] === 'auth' ? 'auth' : 'secret';
}

/** The mounts of a map, as session facts and as nodes read them. */
export function mountsOf(map: Record<string, unknown>, path: string): Mount[] {
  const scope = mountListScope(path);
  const kind = kindOf(map, path);
  const out: Mount[] = [];
  for (const key of Object.keys(map)) {
    const m = map[key];
    const mountPath = trimSlashes(key);
    const type = ownString(m, 'type');
    if (!type || !mountPath || mountPath.length > 256 || /[\t\n]/.test(mountPath + type)) continue;
    const kv = ownString(own(m, 'options'), 'version');
    out.push({ scope, kind, path: mountPath, type, ...(type === 'kv' ? { kvVersion: kv === '2' ? '2' : '1' } : {}) });
  }
  return out;
}

/** Write the mount nodes of a map; `where` prefixes locations (`data.` for `vault read sys/auth`). */
export function readMountMap(ctx: ImportContext, map: Record<string, unknown>, where: string): void {
  const scope = mountListScope(ctx.path);
  const kind = kindOf(map, ctx.path);
  ctx.b.note(`${kind === 'auth' ? 'auth methods' : 'secret engines'} of Vault ${JSON.stringify(scope)} (the folder ${scope === 'vault' ? 'it was imported from' : `"${scope}"`}): files under the same root folder are placed by these mounts`);
  for (const key of Object.keys(map)) {
    const m = map[key];
    const at = `${where}${JSON.stringify(key)}`;
    const path = trimSlashes(key);
    const type = ownString(m, 'type');
    if (!path || !type || path.length > 256) {
      ctx.b.warn(`${at}: a mount needs a path and a type; skipped`);
      continue;
    }
    const options = own(m, 'options');
    const id = mountId(scope, kind, path);
    ctx.b.node({
      id,
      kind: 'vault.mount',
      name: kind === 'auth' ? `auth/${path}` : path,
      account: scope,
      provider: PROVIDER,
      attributes: {
        mountKind: kind,
        mountPath: path,
        type,
        description: str(own(m, 'description'))?.slice(0, 200) || undefined,
        local: bool(own(m, 'local')),
        sealWrap: bool(own(m, 'seal_wrap')),
        kvVersion: type === 'kv' ? (ownString(options, 'version') === '2' ? '2' : '1') : undefined,
        apiPath: `${kind === 'auth' ? 'sys/auth' : 'sys/mounts'}/${path}`,
        sourceFile: ctx.file,
        location: at,
      },
    });
  }
}

export const mountListImporter: JsonImporter = {
  format: 'vault.mounts',
  label: 'Vault auth methods or secret engines (vault auth list / vault secrets list)',
  provider: PROVIDER,
  detect: isMountMap,
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      if (isMountMap(doc)) readMountMap(ctx, doc, ctx.docPrefix(d));
      else ctx.b.warn(`${ctx.docPrefix(d) || 'document'}: not a map of mounts; skipped`);
    });
  },
};

/** Session facts from a mount list, read before anything is imported (cheap refusal first). */
export function* prescanMounts(text: string, path: string): Iterable<[string, string]> {
  if (text.length > 8 * 1024 * 1024 || !text.includes('"accessor"') || !text.includes('"type"')) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
  }
  const map = isMountMap(doc) ? doc : isMountMap(own(doc, 'data')) ? (own(doc, 'data') as Record<string, unknown>) : undefined;
  if (!map) return;
  for (const m of mountsOf(map, path)) yield [MOUNT_FACT, encodeMount(m)];
}
