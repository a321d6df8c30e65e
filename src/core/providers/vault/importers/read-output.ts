/**
 * `vault read -format=json PATH` (and `vault kv get -format=json`): the envelope
 * `{"request_id", "lease_id", "lease_duration", "renewable", "data", "warnings", "auth"?, "wrap_info"?}`.
 * The output does not say which PATH it was read from: the file's path does (ids.ts `locate`),
 * and the content tells the rest (a role's fields, a KV secret's `data.data`). Every secret value
 * in it (credentials of a lease, a login's token, KV data) is counted and dropped; only the
 * fields named by the readers below are copied.
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { isRecord, own } from '../../../io/safe-object';
import { ENGINE_DIRS, locate, pathSegments, PROVIDER, type Located } from '../ids';
import { parsePolicyText } from '../policy';
import { deleteSecrets, dropAllValues, dropSecrets } from './common';
import { isMountMap, readMountMap } from './mounts';
import { policyPlace, writePolicy } from './policies';
import { readAuthConfig, readAuthRole, readTokenRole } from './auth';
import { engineOf, readDatabaseConnection, readEngineRole } from './engines';
import { isKv2Data, isKvMetadata, readKvSecret } from './kv';

export const isReadOutput = (doc: unknown): boolean =>
  isRecord(doc) &&
  typeof own(doc, 'request_id') === 'string' &&
  (own(doc, 'data') !== undefined || own(doc, 'auth') !== undefined || own(doc, 'wrap_info') !== undefined) &&
  (own(doc, 'lease_duration') !== undefined || own(doc, 'renewable') !== undefined || own(doc, 'lease_id') !== undefined);

/** `data` of a token lookup (the token's own id and accessor are in it). */
const isTokenLookup = (data: unknown): boolean => isRecord(data) && own(data, 'policies') !== undefined && own(data, 'creation_time') !== undefined && own(data, 'display_name') !== undefined;

const AUTH_ROLE_DIRS = new Set(['role', 'roles']);
const ROLE_SHAPED = ['token_policies', 'bound_service_account_names', 'bound_claims', 'bound_subject', 'bind_secret_id', 'bound_iam_principal_arn', 'role_arns', 'service_account_email', 'db_name'];

export const readOutputImporter: JsonImporter = {
  format: 'vault.read',
  label: 'Vault read output (vault read -format=json PATH)',
  provider: PROVIDER,
  detect: isReadOutput,
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      if (d > 0) {
        // A second output in one file: its secrets are counted, its content not placed.
        const { count } = deleteSecrets(doc, [own(doc, 'auth'), own(doc, 'wrap_info'), own(doc, 'data')]);
        ctx.b.droppedSecrets += count + dropAllValues(ctx, own(doc, 'data'));
        ctx.b.warn(`${ctx.docPrefix(d)}a second vault read output in one file: the file's path names only one Vault path; not imported (save one output per file)`);
        return;
      }
      readOne(doc as Record<string, unknown>, ctx);
    });
  },
};

function readOne(doc: Record<string, unknown>, ctx: ImportContext): void {
  const data = own(doc, 'data');
  const lookup = isTokenLookup(data);
  dropSecrets(ctx, doc, [own(doc, 'auth'), own(doc, 'wrap_info'), ...(lookup ? [data] : [])], 'the read output');
  if (isRecord(own(doc, 'auth')) && !isRecord(data)) return ctx.b.note('a login response (auth block): its token and accessor were dropped; nothing else is imported');
  if (lookup) return ctx.b.note('a token lookup: the token\'s id and accessor were dropped; nothing else is imported');
  if (!isRecord(data)) return ctx.b.warn(`data: expected an object, found ${data === null ? 'null' : typeof data}; nothing imported`);
  if (isMountMap(data)) return readMountMap(ctx, data, 'data.');
  const loc = locate(ctx.path, ctx.facts);
  const segs = loc?.segments ?? [];
  const where = loc?.vaultPath ?? ctx.file;

  // Sentinel policies (Vault Enterprise EGP and RGP) are code in another language with an
  // enforcement level: not ACL rules. Said, not read as one.
  if ((segs[0] === 'sys' && segs[1] === 'policies' && (segs[2] === 'egp' || segs[2] === 'rgp')) || own(data, 'enforcement_level') !== undefined) {
    return ctx.b.note(`${where}: a Sentinel policy (endpoint- or role-governing, Vault Enterprise): not evaluated, and not read as an ACL policy; paths it may deny are not known to the analysis`);
  }
  if ((segs[0] === 'sys' && (segs[1] === 'policy' || segs[1] === 'policies')) || (typeof own(data, 'name') === 'string' && (typeof own(data, 'rules') === 'string' || typeof own(data, 'policy') === 'string'))) {
    const text = own(data, 'rules') ?? own(data, 'policy');
    if (typeof text !== 'string') return ctx.b.warn(`${where}: data.rules / data.policy: no policy text; nothing imported`);
    const name = typeof own(data, 'name') === 'string' ? (own(data, 'name') as string) : undefined;
    return writePolicy(ctx, policyPlace(ctx, name), parsePolicyText(text), typeof own(data, 'rules') === 'string' ? 'data.rules' : 'data.policy', 'read');
  }

  // Credentials of a lease (`aws/creds/deploy`, `database/creds/app`): every value dropped.
  if (typeof own(doc, 'lease_id') === 'string' && own(doc, 'lease_id') !== '' && !isKv2Data(data)) {
    dropAllValues(ctx, data);
    return ctx.b.note(`${where}: credentials handed out by a lease: every value was dropped; nothing is imported (the role they come from is read from <mount>/roles/<name>)`);
  }

  if ((loc?.mount?.type === 'kv' && loc.mount.kind === 'secret') || isKv2Data(data) || isKvMetadata(data)) {
    readKvSecret(ctx, loc, pathSegments(ctx.path), data);
    return;
  }
  if (loc && segs[0] === 'auth') return readAuth(ctx, loc, data);
  if (loc?.mount?.kind === 'secret') return readEngine(ctx, loc, data);
  if (ROLE_SHAPED.some((k) => own(data, k) !== undefined)) {
    throw new RejectFile(
      `a vault read output of a role, but its path does not say which: vault read does not repeat the path it read, so save it under the Vault's path (<root>/auth/<mount>/role/<name>.json, <root>/<mount>/roles/<name>.json) and import the folder; see docs/vault-exports.md`,
    );
  }
  // Not read, so not known to hold no secret (a KV version 1 secret whose mount is not listed,
  // another engine's output): its values are not kept either.
  const n = dropAllValues(ctx, data);
  ctx.b.warn(`${where}: a vault read output Blastmap does not read (${n} value(s) in data, dropped; a KV version 1 secret is placed only with the Vault's sys/mounts.json beside it); nothing imported`);
}

function readAuth(ctx: ImportContext, loc: Located, data: Record<string, unknown>): void {
  const segs = loc.segments;
  // auth/token/roles/<name>
  if (segs[1] === 'token' && segs[2] === 'roles' && segs.length === 4) return readTokenRole(ctx, loc, data, segs[3]!);
  const mountSegs = loc.mount?.kind === 'auth' ? loc.mount.path.split('/').filter(Boolean).length : 1;
  const mount = segs.slice(1, 1 + mountSegs).join('/');
  const rest = segs.slice(1 + mountSegs);
  if (AUTH_ROLE_DIRS.has(rest[0]!) && rest.length === 2) return readAuthRole(ctx, loc, data, mount, rest[0]!, rest[1]!);
  if (AUTH_ROLE_DIRS.has(rest[0]!) && rest.length === 3 && (rest[2] === 'role-id' || rest[2] === 'secret-id')) {
    // Half of an AppRole login: not stored, counted with the secrets.
    dropAllValues(ctx, data);
    return ctx.b.note(`${loc.vaultPath}: an AppRole ${rest[2] === 'role-id' ? 'role ID' : 'secret ID'}: dropped (import the role itself, auth/${mount}/role/${rest[1]})`);
  }
  if (rest[0] === 'config' && rest.length <= 2) return readAuthConfig(ctx, loc, data, mount);
  const n = dropAllValues(ctx, data);
  ctx.b.warn(`${loc.vaultPath}: an auth method path Blastmap does not read (roles: auth/<mount>/role/<name>; configuration: auth/<mount>/config; ${n} value(s) dropped); nothing imported`);
}

function readEngine(ctx: ImportContext, loc: Located, data: Record<string, unknown>): void {
  const mount = loc.mount!.path;
  const rest = loc.segments.slice(mount.split('/').filter(Boolean).length);
  const dir = rest[0];
  const engine = engineOf(loc.mount?.type, data);
  if (!dir || !ENGINE_DIRS.has(dir) || !engine) {
    const n = dropAllValues(ctx, data);
    return ctx.b.warn(`${loc.vaultPath}: a path of ${loc.mount?.type ? `a ${loc.mount.type} engine` : 'an engine'} Blastmap does not read (roles: <mount>/roles/<name>; ${n} value(s) dropped); nothing imported`);
  }
  if (dir === 'config') {
    if (engine === 'database' && rest.length === 2) return readDatabaseConnection(ctx, loc, data, mount, rest[1]!);
    return ctx.b.note(`${loc.vaultPath}: an engine configuration: its credentials were dropped; nothing else is used`);
  }
  if (rest.length === 2 && !['creds', 'sts', 'token', 'key'].includes(dir)) return readEngineRole(ctx, loc, data, engine, mount, dir, rest[1]!);
  const n = dropAllValues(ctx, data);
  ctx.b.warn(`${loc.vaultPath}: not a role of the ${engine} engine (<mount>/${dir}/<name>; ${n} value(s) dropped); nothing imported`);
}
