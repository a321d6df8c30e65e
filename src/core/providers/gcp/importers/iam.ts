/**
 * IAM objects: service accounts (`gcloud iam service-accounts list`), their keys (`keys list`, and
 * a downloaded key file, whose private key is dropped), and roles (`gcloud iam roles list` /
 * `describe`, predefined or custom). The record readers are shared with the asset-inventory
 * importer, whose `resource.data` has the same REST shape.
 */
import type { JsonImporter } from '../../../importers/types';
import { own, ownString } from '../../../io/safe-object';
import { isProjectNumber, isRoleName, customRoleParent, parseMember, parseServiceAccountName, scopeOfShort, serviceAccountProject } from '../names';
import { GcpWriter, at, defined, detectRecord, forEachItem, label, timeField, typeName } from './common';

/** A service account record; returns its node id (the member string). */
export function readServiceAccount(w: GcpWriter, rec: Record<string, unknown>, where: string, caiName?: string, placeholder = false): string {
  const email = ownString(rec, 'email')!.toLowerCase();
  const parsed = parseServiceAccountName(ownString(rec, 'name') ?? '');
  const fromEmail = serviceAccountProject(email);
  let project = ownString(rec, 'projectId') ?? (parsed?.project && !isProjectNumber(parsed.project) ? parsed.project : undefined) ?? fromEmail.project;
  project ??= parsed?.project ?? fromEmail.projectNumber;
  if (project) project = w.projects.project(project);
  const account = project && !isProjectNumber(project) && !fromEmail.googleManaged ? project : undefined;
  const disabled = own(rec, 'disabled') === true;
  const id = `serviceAccount:${email}`;
  w.b.node({
    id,
    kind: 'gcp.serviceAccount',
    name: email,
    account,
    placeholder,
    attributes: defined({
      email,
      displayName: ownString(rec, 'displayName'),
      description: ownString(rec, 'description'),
      uniqueId: ownString(rec, 'uniqueId'),
      oauth2ClientId: ownString(rec, 'oauth2ClientId'),
      disabled: disabled || undefined,
      googleManaged: fromEmail.googleManaged || undefined,
      resourceName: `//iam.googleapis.com/projects/${project ?? '-'}/serviceAccounts/${email}`,
      caiName: caiName && !caiName.includes('@') ? caiName : undefined,
    }),
  });
  if (project) w.childOf(id, `projects/${project}`, where, 'service account of this project');
  return id;
}

/** 9999-12-31: a user-managed key that never expires. */
const NEVER = /^9999-/;

/** A key record (`keys list`, CAI ServiceAccountKey data); returns its node id. */
export function readKey(w: GcpWriter, rec: Record<string, unknown>, where: string, caiName?: string): string | undefined {
  const name = ownString(rec, 'name') ?? '';
  const parsed = parseServiceAccountName(name);
  if (!parsed?.key) {
    w.b.warn(`${label(where)}: key name ${JSON.stringify(name.slice(0, 120))} is not projects/P/serviceAccounts/SA/keys/KEY; skipped`);
    return undefined;
  }
  const email = parsed.account.includes('@') ? parsed.account : undefined;
  const project = (email && serviceAccountProject(email).project) ?? (parsed.project ? w.projects.project(parsed.project) : '-');
  const id = `//iam.googleapis.com/projects/${project}/serviceAccounts/${parsed.account}/keys/${parsed.key}`;
  const keyType = ownString(rec, 'keyType');
  const validBefore = ownString(rec, 'validBeforeTime');
  const disabled = own(rec, 'disabled') === true;
  const system = keyType === 'SYSTEM_MANAGED';
  w.b.node({
    id,
    kind: system ? 'gcp.systemManagedKey' : 'gcp.serviceAccountKey',
    name: `key ${parsed.key.slice(0, 10)} of ${email ?? parsed.account}`,
    account: project === '-' || isProjectNumber(project) ? undefined : project,
    attributes: defined({
      keyId: parsed.key,
      keyType: keyType ?? 'unknown (treated as user-managed)',
      keyOrigin: ownString(rec, 'keyOrigin'),
      keyAlgorithm: ownString(rec, 'keyAlgorithm'),
      created: timeField(w.ctx, rec, 'validAfterTime', where),
      validUntil: validBefore && !NEVER.test(validBefore) ? timeField(w.ctx, rec, 'validBeforeTime', where) : undefined,
      neverExpires: validBefore && NEVER.test(validBefore) ? true : undefined,
      active: !disabled,
      caiName: caiName !== id ? caiName : undefined,
    }),
  });
  if (!email) {
    w.b.warn(`${label(where)}: the key's service account is named by unique id (${parsed.account}), not e-mail; key kept without its service account`);
    return id;
  }
  const sa = w.member(parseMember(`serviceAccount:${email}`)!, where);
  const evidence = w.ev(at(where, 'name'), { note: system ? 'Google-managed key: never leaves Google' : disabled ? 'disabled key' : 'user-managed key: whoever holds the private key acts as the service account' });
  if (system || disabled) w.b.edge('gcp.keyOf', id, sa, evidence);
  else w.b.edge('credentialOf', id, sa, evidence);
  return id;
}

/** A role record (`roles list` / `describe`, CAI Role data). */
export function readRole(w: GcpWriter, rec: Record<string, unknown>, where: string): string | undefined {
  const name = ownString(rec, 'name') ?? '';
  if (!isRoleName(name)) {
    w.b.warn(`${label(where)}: ${JSON.stringify(name.slice(0, 100))} is not a role name; skipped`);
    return undefined;
  }
  const raw = own(rec, 'includedPermissions');
  let permissions: string[] | undefined;
  if (Array.isArray(raw)) {
    permissions = [];
    raw.forEach((p, i) => {
      if (typeof p === 'string' && p) permissions!.push(p);
      else w.b.warn(`${at(where, `includedPermissions[${i}]`)}: not a permission (found ${typeName(p)}); skipped`);
    });
  } else if (raw !== undefined) w.b.warn(`${at(where, 'includedPermissions')}: expected a list, found ${typeName(raw)}; ignored`);
  const parent = customRoleParent(name);
  const canonical = parent ? w.projects.canonical(name) : name;
  w.b.node({
    id: canonical,
    kind: 'gcp.role',
    name: ownString(rec, 'title') ? `${ownString(rec, 'title')} (${canonical})` : canonical,
    account: parent ? scopeOfShort(w.projects.canonical(parent)) : undefined,
    attributes: defined({
      title: ownString(rec, 'title'),
      description: ownString(rec, 'description'),
      stage: ownString(rec, 'stage'),
      deleted: own(rec, 'deleted') === true || undefined,
      custom: parent !== undefined,
      permissions,
      permissionCount: permissions?.length,
    }),
  });
  if (parent) w.childOf(canonical, parent, where, 'custom role of this scope');
  return canonical;
}

const isServiceAccountRecord = (r: Record<string, unknown>) =>
  typeof own(r, 'email') === 'string' && (own(r, 'uniqueId') !== undefined || own(r, 'projectId') !== undefined || own(r, 'oauth2ClientId') !== undefined) && own(r, 'type') === undefined;

export const serviceAccountsImporter: JsonImporter = {
  format: 'gcp.service-accounts',
  label: 'GCP service accounts (iam service-accounts list)',
  provider: 'gcp',
  detect: detectRecord(isServiceAccountRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isServiceAccountRecord(rec) ? readServiceAccount(w, rec, where) : ctx.b.warn(`${label(where)}: not a service account (no email); skipped`)), 'service account');
  },
};

const KEY_NAME = /serviceAccounts\/[^/]+\/keys\/[^/]+$/;
const isKeyRecord = (r: Record<string, unknown>) =>
  KEY_NAME.test(ownString(r, 'name') ?? '') && (own(r, 'keyType') !== undefined || own(r, 'validAfterTime') !== undefined || own(r, 'keyAlgorithm') !== undefined || own(r, 'keyOrigin') !== undefined);

export const serviceAccountKeysImporter: JsonImporter = {
  format: 'gcp.service-account-keys',
  label: 'GCP service account keys (iam service-accounts keys list)',
  provider: 'gcp',
  detect: detectRecord(isKeyRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => void readKey(w, rec, where), 'key');
  },
};

/**
 * A downloaded credential file: a service account key (`gcloud iam service-accounts keys create`)
 * or a user's application-default credentials. The private key and refresh token are dropped
 * here (the core's scrubber does not know their names); what remains names the key.
 */
export const credentialFileImporter: JsonImporter = {
  format: 'gcp.credential-file',
  label: 'GCP credential file (service account key JSON)',
  provider: 'gcp',
  detect: detectRecord((r) => (own(r, 'type') === 'service_account' && typeof own(r, 'client_email') === 'string') || own(r, 'type') === 'authorized_user'),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => {
      for (const secret of ['private_key', 'refresh_token']) {
        if (own(rec, secret) !== undefined && own(rec, secret) !== '') {
          delete rec[secret];
          ctx.b.droppedSecrets++;
          ctx.b.note(`dropped the ${secret.replace('_', ' ')} of ${label(where)}: Blastmap never stores secret material`);
        }
      }
      if (own(rec, 'type') === 'authorized_user') return ctx.b.note(`${label(where)} is a user's application-default credentials: it names no account, so nothing was imported`);
      const email = ownString(rec, 'client_email')!.toLowerCase();
      const keyId = ownString(rec, 'private_key_id');
      if (!keyId) return ctx.b.warn(`${label(where)}: service account key file without private_key_id; skipped`);
      const project = ownString(rec, 'project_id') ?? serviceAccountProject(email).project ?? '-';
      const id = readKey(w, { name: `projects/${project}/serviceAccounts/${email}/keys/${keyId}`, keyType: 'USER_MANAGED', keyOrigin: 'downloaded key file' }, at(where, 'private_key_id'));
      if (id) ctx.b.count('downloaded key file');
    });
  },
};

const isRoleRecord = (r: Record<string, unknown>) => isRoleName(ownString(r, 'name') ?? '') && (own(r, 'title') !== undefined || own(r, 'includedPermissions') !== undefined || own(r, 'stage') !== undefined);

export const rolesImporter: JsonImporter = {
  format: 'gcp.roles',
  label: 'GCP IAM roles (iam roles list / describe)',
  provider: 'gcp',
  detect: detectRecord(isRoleRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => void readRole(w, rec, where), 'role');
  },
};
