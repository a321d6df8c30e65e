/**
 * Directory objects as Microsoft Graph (and the older AAD Graph) lists them inside other records:
 * owners and members (`$expand=owners`, `az ad app owner list`), the expanded principal of a
 * directory role assignment. One reader, so a principal gets the same node and kind from all of
 * them.
 */
import { isRecord, own, ownString } from '../../../io/safe-object';
import { isGuid } from '../ids';
import { at, defined, label, principalKind, typeName, type AzureWriter } from './common';

/** The object id of a Graph (`id`) or AAD Graph (`objectId`) record. */
export const objectIdOfRecord = (rec: unknown): string | undefined => {
  const id = ownString(rec, 'id') ?? ownString(rec, 'objectId');
  return id && isGuid(id) ? id.toLowerCase() : undefined;
};

/** A Graph type name (`#microsoft.graph.user`) from `@odata.type`, or AAD Graph's `objectType`. */
export function graphType(rec: unknown): string | undefined {
  const t = ownString(rec, '@odata.type') ?? ownString(rec, 'odata.type');
  if (t) return t.toLowerCase().replace(/^microsoft\.directoryservices\./, '#microsoft.graph.');
  const o = ownString(rec, 'objectType');
  return o ? `#microsoft.graph.${o.toLowerCase()}` : undefined;
}

/** The node of a directory object record; undefined (and a warning) without an object id. */
export function directoryObject(w: AzureWriter, rec: unknown, where: string): string | undefined {
  const oid = objectIdOfRecord(rec);
  if (!isRecord(rec) || !oid) {
    w.b.warn(`${label(where)}: not a directory object with an object id (found ${typeName(rec)}); skipped`);
    return undefined;
  }
  const type = graphType(rec);
  const managed = ownString(rec, 'servicePrincipalType') === 'ManagedIdentity';
  const kind = managed ? 'azure.managedIdentity' : principalKind(type);
  const name = ownString(rec, 'userPrincipalName') ?? ownString(rec, 'displayName');
  return w.principal(oid, kind, name, defined({ objectType: type?.slice('#microsoft.graph.'.length), displayName: ownString(rec, 'displayName'), appId: ownString(rec, 'appId')?.toLowerCase() }));
}

/**
 * An inline list of directory objects (`owners`, `members`) on a record: each one's node is
 * passed to `link` with its location.
 */
export function forEachListed(w: AzureWriter, rec: Record<string, unknown>, key: string, where: string, link: (node: string, where: string) => void): void {
  const raw = own(rec, key);
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) return w.b.warn(`${at(where, key)}: expected a list of directory objects, found ${typeName(raw)}; ignored`);
  raw.forEach((o, i) => {
    const ow = at(where, `${key}[${i}]`);
    const node = directoryObject(w, o, ow);
    if (node) link(node, ow);
  });
}
