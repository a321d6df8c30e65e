/**
 * Microsoft Entra ID objects: `az ad sp list --all` (service principals, managed identities among
 * them), `az ad app list --all` (app registrations: credentials live on the application, its
 * service principal acts), `az ad group list` (with `members` when expanded), and the owners of
 * applications and service principals, inline (`$expand=owners`) or as `az ad app owner list`
 * output named after the application (`APPID.owners.json`). Both Graph (`id`, `startDateTime`)
 * and the pre-2022 AAD Graph shape (`objectId`, `startDate`) are read.
 */
import type { JsonImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { own, ownString } from '../../../io/safe-object';
import { accountOfKey, appNodeId, armKey, isGuid, MICROSOFT_TENANT, principalNodeId, TENANT_SCOPE } from '../ids';
import { AzureWriter, defined, detectItem, forEachItem, label, stringList, tagPairs } from './common';
import { readCredentials } from './credentials';
import { directoryObject, forEachListed, graphType, objectIdOfRecord } from './directory-objects';
import { readInlineFederatedCredentials } from './federated-credentials';

const isServicePrincipal = (r: Record<string, unknown>) => typeof own(r, 'appId') === 'string' && (own(r, 'servicePrincipalType') !== undefined || graphType(r) === '#microsoft.graph.serviceprincipal');
const isApplication = (r: Record<string, unknown>) =>
  typeof own(r, 'appId') === 'string' && !isServicePrincipal(r) && (own(r, 'signInAudience') !== undefined || own(r, 'requiredResourceAccess') !== undefined || own(r, 'identifierUris') !== undefined || graphType(r) === '#microsoft.graph.application');
const isGroup = (r: Record<string, unknown>) => typeof own(r, 'securityEnabled') === 'boolean' && own(r, 'mailEnabled') !== undefined && objectIdOfRecord(r) !== undefined;

/** A managed identity's ARM id, from a service principal's `alternativeNames`. */
function managedIdentityOf(rec: Record<string, unknown>): { resourceId: string; display: string; userAssigned: boolean } | undefined {
  const names = stringList(own(rec, 'alternativeNames')) ?? [];
  const display = names.find((n) => n.startsWith('/'));
  const resourceId = display ? armKey(display) : undefined;
  return display && resourceId ? { resourceId, display, userAssigned: names.some((n) => /^isExplicit=true$/i.test(n)) } : undefined;
}

function readServicePrincipal(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const oid = objectIdOfRecord(rec);
  const appId = ownString(rec, 'appId')?.toLowerCase();
  if (!oid || !appId || !isGuid(appId)) return w.b.warn(`${label(where)}: a service principal needs an object id and an appId; skipped`);
  const type = ownString(rec, 'servicePrincipalType');
  const mi = type === 'ManagedIdentity' ? managedIdentityOf(rec) : undefined;
  const owner = ownString(rec, 'appOwnerOrganizationId')?.toLowerCase();
  const name = ownString(rec, 'displayName') ?? appId;
  const id = principalNodeId(oid);
  w.b.node({
    id,
    kind: type === 'ManagedIdentity' ? 'azure.managedIdentity' : 'azure.servicePrincipal',
    name,
    account: (mi && accountOfKey(mi.resourceId)) ?? TENANT_SCOPE,
    attributes: defined({
      objectId: oid,
      appId,
      clientId: appId,
      displayName: ownString(rec, 'displayName'),
      appDisplayName: ownString(rec, 'appDisplayName'),
      servicePrincipalType: type,
      managedIdentity: type === 'ManagedIdentity' ? (mi ? (mi.userAssigned ? 'user-assigned' : 'system-assigned') : true) : undefined,
      resourceId: mi?.resourceId,
      accountEnabled: typeof own(rec, 'accountEnabled') === 'boolean' ? own(rec, 'accountEnabled') : undefined,
      appOwnerOrganizationId: owner,
      firstParty: owner === MICROSOFT_TENANT || undefined,
      servicePrincipalNames: stringList(own(rec, 'servicePrincipalNames')),
      tags: stringList(own(rec, 'tags')),
      created: w.time(rec, 'createdDateTime', where),
    }),
  });
  if (mi) {
    // The identity (user-assigned) or the resource it is attached to (system-assigned) runs as it.
    w.scope(mi.resourceId, mi.display, where);
    w.b.edge('runsAs', mi.resourceId, id, w.ev(`${where}.alternativeNames`, { note: `${mi.userAssigned ? 'user-assigned' : 'system-assigned'} managed identity of this resource` }));
  } else if (type !== 'ManagedIdentity') {
    const app = appNodeId(appId);
    w.b.node({ id: app, kind: 'azure.application', name: ownString(rec, 'appDisplayName') ?? name, account: TENANT_SCOPE, placeholder: true, attributes: defined({ appId, firstParty: owner === MICROSOFT_TENANT || undefined }) });
    w.b.edge('azure.servicePrincipalOf', app, id, w.ev(`${where}.appId`, { note: `service principal of application ${appId}` }));
  }
  readCredentials(w, rec, where, id, name, 'service principal');
  forEachListed(w, rec, 'owners', where, (owner, ow) => w.b.edge('azure.ownerOf', owner, id, w.ev(ow, { note: `owner of the service principal ${name}` })));
}

function readApplication(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const appId = ownString(rec, 'appId')?.toLowerCase();
  if (!appId || !isGuid(appId)) return w.b.warn(`${label(where)}: an application needs a GUID appId; skipped`);
  const id = appNodeId(appId);
  const name = ownString(rec, 'displayName') ?? appId;
  const resourceAccess = own(rec, 'requiredResourceAccess');
  w.b.node({
    id,
    kind: 'azure.application',
    name,
    account: TENANT_SCOPE,
    attributes: defined({
      appId,
      objectId: objectIdOfRecord(rec),
      displayName: ownString(rec, 'displayName'),
      signInAudience: ownString(rec, 'signInAudience'),
      publisherDomain: ownString(rec, 'publisherDomain'),
      identifierUris: stringList(own(rec, 'identifierUris')),
      requestedApis: Array.isArray(resourceAccess) ? resourceAccess.length : undefined,
      tags: tagPairs(own(rec, 'tags')) ?? stringList(own(rec, 'tags')),
      created: w.time(rec, 'createdDateTime', where),
    }),
  });
  readCredentials(w, rec, where, id, name, 'application');
  forEachListed(w, rec, 'owners', where, (owner, ow) => w.b.edge('azure.ownerOf', owner, id, w.ev(ow, { note: `owner of the application ${name}` })));
  readInlineFederatedCredentials(w, rec, where, id, appId, name);
}

function readGroup(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const oid = objectIdOfRecord(rec)!;
  const name = ownString(rec, 'displayName') ?? oid;
  const id = w.principal(oid, 'azure.group', name, defined({ displayName: ownString(rec, 'displayName'), securityEnabled: own(rec, 'securityEnabled'), roleAssignable: own(rec, 'isAssignableToRole') === true || undefined, onPremises: own(rec, 'onPremisesSyncEnabled') === true || undefined }));
  forEachListed(w, rec, 'members', where, (member, mw) => w.b.edge('memberOf', member, id, w.ev(mw, { note: `member of ${name}` })));
  forEachListed(w, rec, 'owners', where, (owner, ow) => w.b.edge('azure.ownerOf', owner, id, w.ev(ow, { note: `owner of the group ${name}` })));
}

export const servicePrincipalsImporter: JsonImporter = {
  format: 'azure.service-principals',
  label: 'Entra service principals (az ad sp list)',
  provider: 'azure',
  detect: detectItem(isServicePrincipal),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isServicePrincipal(rec) ? readServicePrincipal(w, rec, where) : ctx.b.warn(`${label(where)}: not a service principal (no appId and servicePrincipalType); skipped`)), 'service principal');
  },
};

export const applicationsImporter: JsonImporter = {
  format: 'azure.applications',
  label: 'Entra app registrations (az ad app list)',
  provider: 'azure',
  detect: detectItem(isApplication),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isApplication(rec) ? readApplication(w, rec, where) : ctx.b.warn(`${label(where)}: not an application (no appId and signInAudience); skipped`)), 'application');
  },
};

export const groupsImporter: JsonImporter = {
  format: 'azure.groups',
  label: 'Entra groups (az ad group list)',
  provider: 'azure',
  detect: detectItem(isGroup),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isGroup(rec) ? readGroup(w, rec, where) : ctx.b.warn(`${label(where)}: not a group (no id, securityEnabled and mailEnabled); skipped`)), 'group');
  },
};

const isListedObject = (r: Record<string, unknown>) => (graphType(r) ?? '').startsWith('#microsoft.graph.') && objectIdOfRecord(r) !== undefined;

/**
 * `az ad app owner list --id APPID`, `az ad sp owner list --id OBJECTID`, `az ad group member list
 * --group OBJECTID`: lists of directory objects that do not say whose they are. The file name
 * must: `APPID.owners.json`, `OBJECTID.sp-owners.json`, `OBJECTID.members.json`.
 */
export const directoryObjectListImporter: JsonImporter = {
  format: 'azure.directory-object-list',
  label: 'Entra owners or members (az ad app owner list, az ad group member list)',
  provider: 'azure',
  detect: detectItem(isListedObject),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    const file = ctx.path.replace(/\\/g, '/').split('/').pop() ?? '';
    const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[._-](sp-owners|owners|members)\b/i.exec(file);
    if (!m) {
      throw new RejectFile('a list of directory objects does not say whose owners or members it lists: name the file APPID.owners.json (az ad app owner list), SP_OBJECT_ID.sp-owners.json (az ad sp owner list) or GROUP_OBJECT_ID.members.json (az ad group member list)');
    }
    const guid = m[1]!.toLowerCase();
    const what = m[2]!.toLowerCase();
    const [id, kind, attribute] = what === 'owners' ? [appNodeId(guid), 'azure.application', 'appId'] : [principalNodeId(guid), what === 'members' ? 'azure.group' : 'azure.servicePrincipal', 'objectId'];
    w.b.node({ id, kind, name: guid, account: TENANT_SCOPE, placeholder: true, attributes: { [attribute]: guid } });
    const target = id;
    forEachItem(docs, ctx, (rec, where) => {
      const node = directoryObject(w, rec, where);
      if (!node) return;
      if (what === 'members') w.b.edge('memberOf', node, target, w.ev(where, { note: `member of group ${guid} (named by the file name)` }));
      else w.b.edge('azure.ownerOf', node, target, w.ev(where, { note: `owner of ${what === 'owners' ? 'application' : 'service principal'} ${guid} (named by the file name)` }));
      w.b.count(what === 'members' ? 'membership' : 'owner');
    });
  },
};
