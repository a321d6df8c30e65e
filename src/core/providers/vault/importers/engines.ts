/**
 * Dynamic-credential roles of the secret engines, from `vault read -format=json <mount>/...`:
 * which cloud identity a lease of `<mount>/creds/<role>` (or `sts/`, `token`, `key`) hands out.
 *
 * - AWS `<mount>/roles/<name>`: `role_arns` of an `assumed_role` (or `federation_token`) role:
 *   each lease is a session of that IAM role. An `iam_user` role mints a new user with
 *   `policy_arns` / `policy_document`: no existing identity, shown on the role.
 * - GCP `<mount>/roleset|static-account|impersonated-account/<name>`: `service_account_email`.
 * - Azure `<mount>/roles/<name>`: `application_object_id` (a new secret of an existing
 *   application; linked by the analysis, azure-link.ts, since Azure names applications by appId);
 *   without it a new service principal with `azure_roles` is made per lease.
 * - Database `<mount>/roles|static-roles/<name>` and the `<mount>/config/<name>` connection.
 *
 * The identity is drawn with its own provider's id (an IAM role by its ARN, a GCP service
 * account by its member string) as a placeholder, so the other provider's export describes the
 * same node when it is imported.
 */
import type { ImportContext } from '../../../importers/types';
import { isRecord, own } from '../../../io/safe-object';
import { PROVIDER, vaultId, type Located } from '../ids';
import { bool, evidenceAt, MAX_LIST, mountRef, num, str, strList, typeName } from './common';

export type Engine = 'aws' | 'gcp' | 'azure' | 'database';

const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/;
const GCP_SA_EMAIL = /^[a-z0-9][a-z0-9._-]{0,99}@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The engine a role belongs to: its mount's type, else its own fields. */
export function engineOf(type: string | undefined, data: Record<string, unknown>): Engine | undefined {
  if (type === 'aws' || type === 'gcp' || type === 'azure' || type === 'database') return type;
  if (type) return undefined;
  const has = (k: string) => own(data, k) !== undefined;
  if (has('role_arns') || has('policy_arns') || has('credential_type') || has('credential_types')) return 'aws';
  if (has('service_account_email') || has('secret_type') || has('token_scopes')) return 'gcp';
  if (has('azure_roles') || has('application_object_id') || has('azure_groups')) return 'azure';
  if (has('db_name') || has('creation_statements') || has('plugin_name') || has('connection_details')) return 'database';
  return undefined;
}

/** Where each engine hands out a role's credentials (the paths a policy must allow). */
export function credsPaths(engine: Engine, mount: string, dir: string, name: string, credentialType?: string): string[] {
  if (engine === 'aws') return credentialType === 'iam_user' ? [`${mount}/creds/${name}`] : [`${mount}/creds/${name}`, `${mount}/sts/${name}`];
  if (engine === 'gcp') {
    if (dir === 'impersonated-account') return [`${mount}/impersonated-account/${name}/token`];
    if (dir === 'static-account' || dir === 'static-accounts') return [`${mount}/static-account/${name}/token`, `${mount}/static-account/${name}/key`];
    return [`${mount}/roleset/${name}/token`, `${mount}/roleset/${name}/key`, `${mount}/token/${name}`, `${mount}/key/${name}`];
  }
  if (engine === 'database' && dir === 'static-roles') return [`${mount}/static-creds/${name}`];
  return [`${mount}/creds/${name}`];
}

interface RoleFile {
  ctx: ImportContext;
  loc: Located;
  data: Record<string, unknown>;
  mount: string;
  dir: string;
  name: string;
  id: string;
}

const ev = (f: RoleFile, field: string) => evidenceAt(f.ctx, f.loc.vaultPath, field, { policy: f.loc.vaultPath });

function awsRole(f: RoleFile, attrs: Record<string, unknown>): string[] {
  const { ctx, loc, data } = f;
  const types = own(data, 'credential_types') !== undefined ? strList(ctx, own(data, 'credential_types'), `${loc.vaultPath}: data.credential_types`) : [str(own(data, 'credential_type')) ?? ''];
  const type = types.find((t) => t === 'assumed_role') ?? types[0] ?? '';
  attrs.credentialType = type || undefined;
  attrs.policyArns = strList(ctx, own(data, 'policy_arns'), `${loc.vaultPath}: data.policy_arns`);
  attrs.hasPolicyDocument = typeof own(data, 'policy_document') === 'string' && own(data, 'policy_document') !== '' ? true : undefined;
  attrs.iamGroups = strList(ctx, own(data, 'iam_groups'), `${loc.vaultPath}: data.iam_groups`);
  attrs.permissionsBoundaryArn = str(own(data, 'permissions_boundary_arn')) || undefined;
  const minted: string[] = [];
  strList(ctx, own(data, 'role_arns'), `${loc.vaultPath}: data.role_arns`).forEach((arn, i) => {
    const m = IAM_ROLE_ARN.exec(arn);
    if (!m) return ctx.b.warn(`${loc.vaultPath}: data.role_arns[${i}]: not an IAM role ARN; ignored`);
    ctx.b.node({ id: arn, kind: 'role', name: m[2]!, account: m[1], provider: 'aws', placeholder: true, attributes: {} });
    ctx.b.edge('vault.mints', f.id, arn, ev(f, `data.role_arns[${i}]`), { engine: 'aws', credentialType: type || undefined });
    minted.push(arn);
  });
  if (type === 'iam_user' || type === 'federation_token') ctx.b.note(`${loc.vaultPath}: an ${type} role mints a new IAM ${type === 'iam_user' ? 'user' : 'federated session'} with its policy_arns / policy_document each lease; no existing identity is drawn for it`);
  return minted;
}

function gcpRole(f: RoleFile, attrs: Record<string, unknown>): string[] {
  const { ctx, loc, data } = f;
  attrs.secretType = str(own(data, 'secret_type'));
  attrs.project = str(own(data, 'project')) ?? str(own(data, 'service_account_project'));
  const bindings = own(data, 'bindings');
  if (isRecord(bindings)) attrs.bindingResources = Object.keys(bindings).slice(0, MAX_LIST);
  const email = str(own(data, 'service_account_email'))?.toLowerCase();
  if (!email) {
    ctx.b.note(`${loc.vaultPath}: no service_account_email (a roleset not yet created reads without one); no identity drawn`);
    return [];
  }
  const m = GCP_SA_EMAIL.exec(email);
  if (!m) {
    ctx.b.warn(`${loc.vaultPath}: data.service_account_email: not a service account e-mail; ignored`);
    return [];
  }
  const id = `serviceAccount:${email}`;
  ctx.b.node({ id, kind: 'gcp.serviceAccount', name: email, account: m[1], provider: 'gcp', placeholder: true, attributes: { email } });
  ctx.b.edge('vault.mints', f.id, id, ev(f, 'data.service_account_email'), { engine: 'gcp', secretType: attrs.secretType });
  return [id];
}

function azureRole(f: RoleFile, attrs: Record<string, unknown>): string[] {
  const { ctx, loc, data } = f;
  const roles = own(data, 'azure_roles');
  const list = typeof roles === 'string' ? safeJson(roles) : roles;
  if (Array.isArray(list)) attrs.azureRoles = list.slice(0, MAX_LIST).filter(isRecord).map((r) => `${str(own(r, 'role_name')) ?? str(own(r, 'role_id')) ?? '?'} at ${str(own(r, 'scope')) ?? '?'}`);
  else if (roles !== undefined && roles !== null) ctx.b.warn(`${loc.vaultPath}: data.azure_roles: expected a list, found ${typeName(roles)}; ignored`);
  attrs.persistApp = bool(own(data, 'persist_app'));
  const app = str(own(data, 'application_object_id'));
  if (!app) {
    if (attrs.azureRoles) ctx.b.note(`${loc.vaultPath}: each lease creates a new service principal with azure_roles (${(attrs.azureRoles as string[]).slice(0, 3).join('; ')}); no existing identity is drawn for it`);
    return [];
  }
  if (!GUID.test(app)) {
    ctx.b.warn(`${loc.vaultPath}: data.application_object_id: not an object id; ignored`);
    return [];
  }
  // Azure names applications by appId, which the role does not tell: the analysis finds the
  // application by its object id (azure-link.ts).
  attrs.applicationObjectId = app.toLowerCase();
  return [];
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function databaseRole(f: RoleFile, attrs: Record<string, unknown>): string[] {
  const { ctx, loc, data } = f;
  const db = str(own(data, 'db_name'));
  attrs.database = db;
  attrs.username = f.dir === 'static-roles' ? str(own(data, 'username')) : undefined;
  attrs.rotationPeriod = num(own(data, 'rotation_period'));
  const statements = own(data, 'creation_statements');
  attrs.creationStatements = Array.isArray(statements) ? statements.length : typeof statements === 'string' ? 1 : undefined;
  if (db) {
    const dbId = vaultId(loc.scope, `${f.mount}/config/${db}`);
    ctx.b.node({ id: dbId, kind: 'vault.database', name: `${f.mount}/${db}`, account: loc.scope, provider: PROVIDER, placeholder: true, attributes: { apiPath: `${f.mount}/config/${db}`, mount: f.mount, connection: db } });
    ctx.b.edge('vault.connectsTo', f.id, dbId, ev(f, 'data.db_name'));
  }
  return [];
}

export function readEngineRole(ctx: ImportContext, loc: Located, data: Record<string, unknown>, engine: Engine, mount: string, dir: string, name: string): void {
  const apiPath = `${mount}/${dir}/${name}`;
  const id = vaultId(loc.scope, apiPath);
  const f: RoleFile = { ctx, loc, data, mount, dir, name, id };
  const attrs: Record<string, unknown> = { engine, mount, roleName: name, apiPath, sourceFile: ctx.file, readFrom: loc.vaultPath };
  const minted = engine === 'aws' ? awsRole(f, attrs) : engine === 'gcp' ? gcpRole(f, attrs) : engine === 'azure' ? azureRole(f, attrs) : databaseRole(f, attrs);
  attrs.credsPaths = credsPaths(engine, mount, dir, name, attrs.credentialType as string | undefined);
  attrs.mints = minted;
  ctx.b.node({ id, kind: 'vault.dynamicRole', name: `${mount}/${name}`, account: loc.scope, provider: PROVIDER, attributes: attrs });
  ctx.b.edge('vault.mountedAt', id, mountRef(ctx, loc.scope, 'secret', mount, engine), evidenceAt(ctx, loc.vaultPath, '(file path)'));
}

/** The connection URL without user, password or query (it may embed credentials). */
function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const noUser = url.replace(/\/\/[^@/]*@/, '//').replace(/^[^:/]+:[^@/]*@/, '');
  return noUser.replace(/[?#].*$/, '').slice(0, 300);
}

/** `<mount>/config/<name>` of a database engine: the connection its roles mint users on. */
export function readDatabaseConnection(ctx: ImportContext, loc: Located, data: Record<string, unknown>, mount: string, name: string): void {
  const details = own(data, 'connection_details');
  const url = str(own(details, 'connection_url'));
  // A URL with a literal password (not Vault's {{password}} template): the password goes.
  if (url && isRecord(details) && /\/\/[^/@]*:(?!\{\{password\}\})[^/@]*@/.test(url)) {
    details.connection_url = hostOf(url);
    ctx.b.droppedSecrets++;
    ctx.b.note(`${loc.vaultPath}: data.connection_details.connection_url held a password: dropped`);
  }
  ctx.b.node({
    id: vaultId(loc.scope, `${mount}/config/${name}`),
    kind: 'vault.database',
    name: `${mount}/${name}`,
    account: loc.scope,
    provider: PROVIDER,
    attributes: {
      apiPath: `${mount}/config/${name}`,
      mount,
      connection: name,
      plugin: str(own(data, 'plugin_name')),
      host: hostOf(str(own(details, 'connection_url'))),
      allowedRoles: strList(ctx, own(data, 'allowed_roles'), `${loc.vaultPath}: data.allowed_roles`),
      sourceFile: ctx.file,
      readFrom: loc.vaultPath,
    },
  });
}
