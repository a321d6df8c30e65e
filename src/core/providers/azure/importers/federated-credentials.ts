/**
 * Federated identity credentials: `az identity federated-credential list` (on a user-assigned
 * managed identity: each id is the identity's ARM id plus `/federatedIdentityCredentials/NAME`;
 * REST nests the fields under `properties`), `az ad app federated-credential list --id APPID`
 * (on an application: the records do not name it, so the file name must:
 * `APPID.federated-credentials.json`), and `federatedIdentityCredentials` expanded inline on
 * application records. The issuer, subject (or flexible `claimsMatchingExpression`) and
 * audiences are kept exactly as written: Entra compares them exactly.
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { accountOfKey, appNodeId, armKey, isGuid, TENANT_SCOPE } from '../ids';
import { AzureWriter, at, defined, detectItem, field, fieldString, fieldsAt, forEachItem, label, stringList, typeName } from './common';

const FIC_SUFFIX = /\/federatedidentitycredentials\/[^/]+$/;

const isFederatedCredential = (r: Record<string, unknown>) =>
  typeof field(r, 'issuer') === 'string' && (field(r, 'subject') !== undefined || field(r, 'claimsMatchingExpression') !== undefined) && field(r, 'audiences') !== undefined;

/** The FIC's fields as attributes; undefined (and a warning) when it cannot be matched against anything. */
function ficAttributes(w: AzureWriter, rec: Record<string, unknown>, where: string): Record<string, unknown> | undefined {
  const fields = fieldsAt(rec, 'issuer', where);
  const issuer = fieldString(rec, 'issuer');
  const subject = fieldString(rec, 'subject');
  const expression = field(rec, 'claimsMatchingExpression');
  const expressionText = typeof expression === 'string' ? expression : ownString(expression, 'value');
  const audiences = stringList(field(rec, 'audiences'));
  if (!issuer || (!subject && !expressionText)) {
    w.b.warn(`${label(where)}: a federated credential needs an issuer and a subject (or claimsMatchingExpression); skipped`);
    return undefined;
  }
  if (!audiences) w.b.warn(`${at(fields, 'audiences')}: expected a list of audiences, found ${typeName(field(rec, 'audiences'))}; no token can match it`);
  return defined({ issuer, subject, claimsMatchingExpression: expressionText, audiences: audiences ?? [], description: fieldString(rec, 'description'), ficName: fieldString(rec, 'name') });
}

/** One FIC on an application (`appId`), written with its edge from the application. */
function applicationFic(w: AzureWriter, rec: Record<string, unknown>, where: string, appNode: string, appId: string, appName: string): void {
  const attrs = ficAttributes(w, rec, where);
  if (!attrs) return;
  const ficId = (ownString(rec, 'id') ?? ownString(rec, 'name') ?? where).toLowerCase();
  const id = `${appNode}/federatedIdentityCredentials/${ficId}`;
  w.b.node({ id, kind: 'azure.federatedCredential', name: `${String(attrs.ficName ?? ficId)} (${appName})`, account: TENANT_SCOPE, attributes: { ...attrs, parentKind: 'application', application: appId } });
  w.b.edge('hasPolicy', appNode, id, w.ev(where, { note: `federated credential of the application ${appName}: issuer ${String(attrs.issuer)}` }));
}

/** `federatedIdentityCredentials` expanded on an application record. */
export function readInlineFederatedCredentials(w: AzureWriter, rec: Record<string, unknown>, where: string, appNode: string, appId: string, appName: string): void {
  const raw = own(rec, 'federatedIdentityCredentials');
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) return w.b.warn(`${at(where, 'federatedIdentityCredentials')}: expected a list, found ${typeName(raw)}; ignored`);
  raw.forEach((f, i) => {
    const fw = at(where, `federatedIdentityCredentials[${i}]`);
    if (!isRecord(f)) w.b.warn(`${fw}: not a federated credential (found ${typeName(f)}); skipped`);
    else applicationFic(w, f, fw, appNode, appId, appName);
  });
}

/** The application a file of application FICs belongs to, from its name. */
function appFromPath(ctx: ImportContext): string {
  const file = ctx.path.replace(/\\/g, '/').split('/').pop() ?? '';
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(file);
  if (!m || !isGuid(m[1]!)) {
    throw new RejectFile('application federated credentials (az ad app federated-credential list) do not name their application: name the file after its appId, e.g. 11111111-2222-3333-4444-555555555555.federated-credentials.json');
  }
  return m[1]!.toLowerCase();
}

export const federatedCredentialsImporter: JsonImporter = {
  format: 'azure.federated-credentials',
  label: 'Azure federated identity credentials (az identity / az ad app federated-credential list)',
  provider: 'azure',
  detect: detectItem(isFederatedCredential),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    let appId: string | undefined;
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const idText = ownString(rec, 'id') ?? '';
        const key = armKey(idText);
        if (key && FIC_SUFFIX.test(key)) {
          const attrs = ficAttributes(w, rec, where);
          if (!attrs) return;
          const identityKey = key.replace(FIC_SUFFIX, '');
          const identityDisplay = idText.replace(/\/+federatedIdentityCredentials\/[^/]+\/*$/i, '');
          const identity = w.scope(identityKey, identityDisplay, where);
          const name = idText.slice(idText.lastIndexOf('/') + 1);
          w.b.node({ id: key, kind: 'azure.federatedCredential', name: `${name} (${identityDisplay.slice(identityDisplay.lastIndexOf('/') + 1)})`, account: accountOfKey(key), attributes: { ...attrs, parentKind: 'managedIdentity', identity: identityKey } });
          w.b.edge('hasPolicy', identity, key, w.ev(fieldsAt(rec, 'issuer', where), { note: `federated credential of the managed identity: issuer ${String(attrs.issuer)}` }));
                  return;
        }
        if (idText.startsWith('/')) return ctx.b.warn(`${label(where)}: id ${JSON.stringify(idText.slice(0, 120))} is not a managed identity's federated credential; skipped`);
        appId ??= appFromPath(ctx);
        const app = appNodeId(appId);
        w.b.node({ id: app, kind: 'azure.application', name: appId, account: TENANT_SCOPE, placeholder: true, attributes: { appId } });
        applicationFic(w, rec, where, app, appId, appId);
      },
      'federated credential',
    );
  },
};
