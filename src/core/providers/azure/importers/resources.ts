/**
 * ARM resources: `az resource list`, `az keyvault list` / `az keyvault show` (the permission model
 * and access policies are under `properties`), `az identity list` (user-assigned identities;
 * `clientId`/`principalId` flat in the CLI, under `properties` in REST), and the `identity` block
 * every resource may carry (system-assigned and user-assigned identities: the resource runs as
 * them). Managed identities are written as principals keyed by their object id, the user-assigned
 * identity's ARM resource beside them (`runsAs`), so role assignments, federated credentials and
 * workload annotations meet on the same nodes whatever order the files come in.
 */
import type { JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { accountOfKey, armKey, isGuid, parseArm, principalNodeId } from '../ids';
import { AzureWriter, at, defined, detectItem, field, fieldString, fieldsAt, forEachItem, kindOf, label, stringList, tagPairs, typeName } from './common';

const USER_ASSIGNED = 'microsoft.managedidentity/userassignedidentities';

const isResource = (r: Record<string, unknown>) => {
  const key = armKey(ownString(r, 'id') ?? '');
  return key !== undefined && parseArm(key)?.level === 'resource' && typeof own(r, 'type') === 'string' && typeof own(r, 'name') === 'string';
};

/** A managed identity principal, and its edge from what runs as it. */
export function managedIdentity(w: AzureWriter, o: { principalId: string; clientId?: string; identityKey?: string; identityDisplay?: string; runsFrom: string; name: string; userAssigned: boolean; where: string }): void {
  const id = principalNodeId(o.principalId);
  const resourceId = o.identityKey ?? o.runsFrom;
  w.b.node({
    id,
    kind: 'azure.managedIdentity',
    name: o.name,
    account: accountOfKey(resourceId),
    attributes: defined({ objectId: o.principalId.toLowerCase(), clientId: o.clientId?.toLowerCase(), managedIdentity: o.userAssigned ? 'user-assigned' : 'system-assigned', resourceId, displayName: o.name }),
  });
  if (o.identityKey && o.identityDisplay && o.identityKey !== o.runsFrom) {
    w.scope(o.identityKey, o.identityDisplay, o.where);
    w.b.edge('runsAs', o.identityKey, id, w.ev(o.where, { note: 'the user-assigned identity resource and its service principal' }));
  }
  w.b.edge('runsAs', o.runsFrom, id, w.ev(o.where, { note: `${o.userAssigned ? 'user-assigned' : 'system-assigned'} managed identity ${o.name}` }));
}

/** The `identity` block of a resource: who the resource runs as. */
function readIdentityBlock(w: AzureWriter, rec: Record<string, unknown>, key: string, name: string, where: string): void {
  const block = own(rec, 'identity');
  if (block === undefined || block === null) return;
  const iw = at(where, 'identity');
  if (!isRecord(block)) return w.b.warn(`${iw}: expected an object, found ${typeName(block)}; ignored`);
  const system = ownString(block, 'principalId');
  if (system && isGuid(system)) managedIdentity(w, { principalId: system, runsFrom: key, name: `${name} (system-assigned)`, userAssigned: false, where: iw });
  const users = own(block, 'userAssignedIdentities');
  if (!isRecord(users)) return;
  // The keys are ARM ids from the export: read as data, never as property names of ours.
  for (const display of Object.keys(users)) {
    const identityKey = armKey(display);
    const v = users[display];
    const pid = ownString(v, 'principalId');
    const uw = at(iw, `userAssignedIdentities[${JSON.stringify(display.slice(0, 200))}]`);
    if (!identityKey || !pid || !isGuid(pid)) {
      w.b.warn(`${uw}: needs an ARM id and a principalId; skipped`);
      continue;
    }
    managedIdentity(w, { principalId: pid, clientId: ownString(v, 'clientId'), identityKey, identityDisplay: display, runsFrom: key, name: display.slice(display.lastIndexOf('/') + 1), userAssigned: true, where: uw });
  }
}

/** `az keyvault show`: the permission model and the access policies. */
function readVault(w: AzureWriter, rec: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
  const pw = fieldsAt(rec, 'enableRbacAuthorization', where);
  const rbac = field(rec, 'enableRbacAuthorization');
  const policies = field(rec, 'accessPolicies');
  if (policies !== undefined && !Array.isArray(policies)) w.b.warn(`${at(pw, 'accessPolicies')}: expected a list, found ${typeName(policies)}; ignored`);
  if (Array.isArray(policies)) {
    policies.forEach((p, i) => {
      const aw = at(pw, `accessPolicies[${i}]`);
      const oid = ownString(p, 'objectId');
      if (!oid || !isGuid(oid)) return w.b.warn(`${aw}: an access policy needs an objectId; skipped`);
      const perms = own(p, 'permissions');
      const list = (k: string) => (stringList(own(perms, k)) ?? []).map((x) => x.toLowerCase());
      const application = ownString(p, 'applicationId');
      const principal = w.principal(oid, 'azure.principal', undefined);
      w.b.edge(
        'azure.accessPolicy',
        principal,
        key,
        w.ev(aw, { policy: `${key} access policy`, statement: `#${i}`, note: `secrets: ${list('secrets').join(', ') || 'none'}${application ? `; only through application ${application} (compound identity)` : ''}` }),
        defined({ secrets: list('secrets'), keys: list('keys'), certificates: list('certificates'), applicationId: application }),
      );
      w.b.count('access policy');
    });
  }
  const acls = field(rec, 'networkAcls');
  return defined({
    rbacAuthorization: typeof rbac === 'boolean' ? rbac : undefined,
    vaultUri: fieldString(rec, 'vaultUri'),
    softDelete: typeof field(rec, 'enableSoftDelete') === 'boolean' ? field(rec, 'enableSoftDelete') : undefined,
    purgeProtection: typeof field(rec, 'enablePurgeProtection') === 'boolean' ? field(rec, 'enablePurgeProtection') : undefined,
    publicNetworkAccess: fieldString(rec, 'publicNetworkAccess'),
    networkDefaultAction: ownString(acls, 'defaultAction'),
  });
}

function readResource(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const display = ownString(rec, 'id')!;
  const key = armKey(display)!;
  const parts = parseArm(key)!;
  const name = ownString(rec, 'name')!;
  const type = ownString(rec, 'type')!;
  if (type.toLowerCase() !== parts.type) w.b.warn(`${at(where, 'type')}: ${JSON.stringify(type.slice(0, 80))} differs from the type in the id (${parts.type}); the id's is used`);
  const vault = parts.type === 'microsoft.keyvault/vaults' ? readVault(w, rec, key, where) : {};
  w.scope(key, display, where, {
    kind: kindOf(key),
    name,
    attributes: defined({
      type,
      location: ownString(rec, 'location'),
      kind: ownString(rec, 'kind'),
      sku: ownString(own(rec, 'sku'), 'name'),
      managedBy: ownString(rec, 'managedBy'),
      tags: tagPairs(own(rec, 'tags')),
      vaultName: parts.type === 'microsoft.keyvault/vaults' ? parts.name : undefined,
      ...vault,
    }),
  });
  if (parts.type === USER_ASSIGNED) {
    const pid = fieldString(rec, 'principalId');
    if (pid && isGuid(pid)) managedIdentity(w, { principalId: pid, clientId: fieldString(rec, 'clientId'), runsFrom: key, name, userAssigned: true, where: fieldsAt(rec, 'principalId', where) });
    else if (field(rec, 'principalId') !== undefined) w.b.warn(`${label(where)}: principalId is not an object id; the identity's principal is not known`);
  }
  readIdentityBlock(w, rec, key, name, where);
}

export const resourcesImporter: JsonImporter = {
  format: 'azure.resources',
  label: 'Azure resources (az resource list, az keyvault list/show, az identity list)',
  provider: 'azure',
  detect: detectItem(isResource),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isResource(rec) ? readResource(w, rec, where) : ctx.b.warn(`${label(where)}: not an ARM resource (no resource id, type and name); skipped`)), 'resource');
  },
};
