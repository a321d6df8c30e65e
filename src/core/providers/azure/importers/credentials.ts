/**
 * Password and key credentials of applications and service principals (`passwordCredentials`,
 * `keyCredentials`; Microsoft Graph's `startDateTime`/`endDateTime` and the older AAD Graph
 * `startDate`/`endDate`). Each becomes an `azure.credential` node whose holder signs in as the
 * service principal. Credential values (`secretText`, `key`, `value`) are deleted from the parsed
 * record here and counted, before anything could copy them; the `hint` (the first characters of
 * a client secret) is never read.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import { TENANT_SCOPE } from '../ids';
import { at, defined, label, typeName, type AzureWriter } from './common';

const VALUE_FIELDS = ['secretText', 'key', 'value'] as const;

/** Delete and count the credential values of one record. */
function dropValues(w: AzureWriter, cred: Record<string, unknown>): void {
  const dropped = VALUE_FIELDS.filter((k) => {
    const v = own(cred, k);
    return v !== undefined && v !== null && v !== '';
  });
  if (!dropped.length) return;
  for (const k of dropped) delete cred[k];
  w.b.droppedSecrets += dropped.length;
  // One note per file (notes are deduplicated by text); droppedSecrets says how many.
  w.b.note('dropped the credential values (secretText, key, value) found on application and service principal credentials; Blastmap never stores secret material');
}

/**
 * Read the credentials of `rec` (an application or service principal record) onto `holder`
 * (its node id, named `holderName`).
 */
export function readCredentials(w: AzureWriter, rec: Record<string, unknown>, where: string, holder: string, holderName: string, holderKind: 'application' | 'service principal'): void {
  for (const [list, credentialType] of [['passwordCredentials', 'client secret'], ['keyCredentials', 'certificate']] as const) {
    const raw = own(rec, list);
    if (raw === undefined || raw === null) continue;
    if (!Array.isArray(raw)) {
      w.b.warn(`${at(where, list)}: expected a list of credentials, found ${typeName(raw)}; ignored`);
      continue;
    }
    raw.forEach((cred, i) => {
      const cw = at(where, `${list}[${i}]`);
      if (!isRecord(cred)) return w.b.warn(`${label(cw)}: not a credential (found ${typeName(cred)}); skipped`);
      dropValues(w, cred);
      const keyId = (ownString(cred, 'keyId') ?? '').toLowerCase() || `#${i}`;
      const usage = ownString(cred, 'usage');
      const displayName = ownString(cred, 'displayName');
      const id = `${holder}#${credentialType === 'client secret' ? 'password' : 'key'}/${keyId}`;
      w.b.node({
        id,
        kind: 'azure.credential',
        name: `${displayName ? `${displayName} (${credentialType})` : credentialType} ${keyId.slice(0, 8)} of ${holderName}`,
        account: TENANT_SCOPE,
        attributes: defined({
          credentialType,
          keyId,
          displayName,
          holder: holderKind,
          keyType: ownString(cred, 'type'),
          usage,
          created: w.time(cred, 'startDateTime', cw) ?? w.time(cred, 'startDate', cw),
          expires: w.time(cred, 'endDateTime', cw) ?? w.time(cred, 'endDate', cw),
          thumbprint: ownString(cred, 'customKeyIdentifier'),
        }),
      });
      const evidence = w.ev(cw, { note: `${credentialType} of the ${holderKind} ${holderName}` });
      // A SAML token-signing certificate signs assertions; it does not sign in.
      if (usage && /^sign$/i.test(usage)) w.b.edge('azure.keyOf', id, holder, { ...evidence, note: `${evidence.note}: a token-signing key, not a sign-in credential` });
      else w.b.edge('credentialOf', id, holder, evidence);
      w.b.count(`${credentialType}`);
    });
  }
}
