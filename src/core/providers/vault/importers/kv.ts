/**
 * KV secrets (`vault read -format=json secret/data/app/db`, `vault kv get -format=json secret/app/db`,
 * `vault kv metadata get`): a node for the secret, never its values. Version 2 keeps the data
 * under `data.data` and the API path under `<mount>/data/`; version 1 is the `data` itself. Every
 * value is counted as dropped; not even the field names are kept (they are attacker text, and
 * `password` or `aws_secret_access_key` already says what the secret is worth).
 */
import type { ImportContext } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { PROVIDER, scopeName, DEFAULT_SCOPE, vaultId, type Located } from '../ids';
import { dropAllValues, mountRef, num } from './common';

/** `data` of a KV v2 read: `data.data` and `data.metadata`. */
export const isKv2Data = (data: unknown): boolean => isRecord(own(data, 'data')) && isRecord(own(data, 'metadata'));
/** `data` of a KV v2 metadata read. */
export const isKvMetadata = (data: unknown): boolean => isRecord(own(data, 'versions')) && own(data, 'current_version') !== undefined;

/**
 * Where a KV secret sits: the mount a mount list told, else (version 2 only) the folder before the
 * last `data` or `metadata` segment. Returns undefined when neither tells.
 */
function kvPlace(loc: Located | undefined, segsOfPath: string[], v2: boolean, metadata: boolean): { scope: string; mount: string; rest: string[] } | undefined {
  if (loc?.mount?.kind === 'secret' && loc.mount.type === 'kv') {
    const mountSegs = loc.mount.path.split('/').length;
    let rest = loc.segments.slice(mountSegs);
    if ((v2 || loc.mount.kvVersion === '2') && (rest[0] === 'data' || rest[0] === 'metadata')) rest = rest.slice(1);
    return { scope: loc.scope, mount: loc.mount.path, rest };
  }
  if (!v2 && !metadata) return undefined;
  const marker = metadata ? 'metadata' : 'data';
  const at = segsOfPath.lastIndexOf(marker);
  if (at < 1 || at === segsOfPath.length - 1) return undefined;
  return { scope: at >= 2 ? scopeName(segsOfPath[at - 2]) : DEFAULT_SCOPE, mount: segsOfPath[at - 1]!, rest: segsOfPath.slice(at + 1) };
}

export function readKvSecret(ctx: ImportContext, loc: Located | undefined, segsOfPath: string[], data: Record<string, unknown>): boolean {
  const v2 = isKv2Data(data);
  const metadata = !v2 && isKvMetadata(data);
  const place = kvPlace(loc, segsOfPath, v2, metadata);
  // The values go first (deleted from the parsed output: the copy a host keeps holds none).
  const dropped = v2 ? dropAllValues(ctx, own(data, 'data')) : metadata ? 0 : dropAllValues(ctx, data);
  if (dropped) {
    ctx.b.note(`dropped the ${dropped} value(s) of a KV secret; Blastmap never stores secret material (not even the field names)`);
  }
  if (!place || !place.rest.length) {
    ctx.b.warn(`a KV secret whose mount the file's path does not tell: import the Vault's sys/mounts.json (vault secrets list -format=json) beside it, or keep the path <root>/<mount>/data/<secret>.json; not placed`);
    return false;
  }
  const version = v2 || metadata || loc?.mount?.kvVersion === '2' ? 2 : 1;
  const logical = place.rest.join('/');
  const apiPath = version === 2 ? `${place.mount}/data/${logical}` : `${place.mount}/${logical}`;
  const meta = v2 ? own(data, 'metadata') : metadata ? data : undefined;
  ctx.b.node({
    id: vaultId(place.scope, apiPath),
    kind: 'vault.secret',
    name: `${place.mount}/${logical}`,
    account: place.scope,
    provider: PROVIDER,
    attributes: {
      mount: place.mount,
      secretPath: logical,
      kvVersion: version,
      apiPath,
      version: num(own(meta, 'version')) ?? num(own(meta, 'current_version')),
      created: ownString(meta, 'created_time'),
      deleted: (ownString(meta, 'deletion_time') ?? '') !== '' || undefined,
      destroyed: own(meta, 'destroyed') === true || undefined,
      sourceFile: ctx.file,
    },
  });
  ctx.b.edge('vault.mountedAt', vaultId(place.scope, apiPath), mountRef(ctx, place.scope, 'secret', place.mount, 'kv', { kvVersion: String(version) }), { file: ctx.file, location: `${apiPath}: (file path)` });
  return true;
}
