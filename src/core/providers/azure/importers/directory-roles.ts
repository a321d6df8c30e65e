/**
 * Microsoft Entra directory role assignments, as `az rest` saves Microsoft Graph's
 * `roleManagement/directory/roleAssignments` (`{"value": [{principalId, roleDefinitionId,
 * directoryScopeId}]}`, optionally with `$expand=principal,roleDefinition`), and the PIM
 * schedule and eligibility lists of the same shape: an eligible assignment (the response's
 * `@odata.context` names roleEligibility...) must be activated first and is kept as such.
 */
import type { JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { directoryRoleNodeId, isGuid, TENANT_SCOPE } from '../ids';
import { directoryRoleInfo } from '../directory-role-table';
import { AzureWriter, at, defined, detectItem, forEachItem, label } from './common';
import { directoryObject } from './directory-objects';

const isDirectoryAssignment = (r: Record<string, unknown>) => typeof own(r, 'principalId') === 'string' && typeof own(r, 'roleDefinitionId') === 'string' && typeof own(r, 'directoryScopeId') === 'string';

/** The permissions an expanded role definition lists. */
function rolePermissions(def: unknown): string[] | undefined {
  const perms = own(def, 'rolePermissions');
  if (!Array.isArray(perms)) return undefined;
  return perms.flatMap((p) => {
    const acts = own(p, 'allowedResourceActions');
    return Array.isArray(acts) ? acts.filter((a): a is string => typeof a === 'string') : [];
  });
}

function readAssignment(w: AzureWriter, rec: Record<string, unknown>, where: string, eligible: boolean): void {
  const principalId = ownString(rec, 'principalId') ?? '';
  const roleId = (ownString(rec, 'roleDefinitionId') ?? '').toLowerCase();
  if (!isGuid(principalId)) return w.b.warn(`${at(where, 'principalId')}: ${JSON.stringify(principalId.slice(0, 60))} is not an object id; skipped`);
  if (!/^[0-9a-z-]{1,64}$/.test(roleId)) return w.b.warn(`${at(where, 'roleDefinitionId')}: ${JSON.stringify(roleId.slice(0, 60))} is not a role definition id; skipped`);
  const expanded = own(rec, 'principal');
  const principal = isRecord(expanded) && own(expanded, 'id') !== undefined ? directoryObject(w, expanded, at(where, 'principal')) : w.principal(principalId, 'azure.principal', undefined);
  if (!principal) return;
  const def = own(rec, 'roleDefinition');
  const templateId = (ownString(def, 'templateId') ?? roleId).toLowerCase();
  const known = directoryRoleInfo(templateId);
  const roleNode = directoryRoleNodeId(roleId);
  const roleName = ownString(def, 'displayName') ?? known?.name;
  w.b.node({
    id: roleNode,
    kind: 'azure.directoryRole',
    name: roleName ?? roleId,
    account: TENANT_SCOPE,
    placeholder: !isRecord(def),
    attributes: defined({ templateId, builtIn: typeof own(def, 'isBuiltIn') === 'boolean' ? own(def, 'isBuiltIn') : known ? true : undefined, permissions: rolePermissions(def) }),
  });
  const scope = ownString(rec, 'directoryScopeId')!;
  const id = ownString(rec, 'id');
  w.b.edge(
    'azure.directoryRoleAssignment',
    principal,
    roleNode,
    w.ev(where, { policy: id, statement: roleName ?? roleId, note: `${eligible ? 'eligible for' : 'holds'} ${roleName ?? `directory role ${roleId}`} at directory scope ${scope}` }),
    defined({ directoryScopeId: scope, assignmentId: id, eligible: eligible || undefined, start: w.time(rec, 'startDateTime', where), end: w.time(rec, 'endDateTime', where), appScopeId: ownString(rec, 'appScopeId') }),
    id?.toLowerCase() ?? `${scope}|${roleId}`,
  );
  w.b.count(eligible ? 'eligible directory role assignment' : 'directory role assignment');
}

export const directoryRolesImporter: JsonImporter = {
  format: 'azure.directory-role-assignments',
  label: 'Entra directory role assignments (Graph roleManagement/directory, az rest)',
  provider: 'azure',
  detect: detectItem(isDirectoryAssignment),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    const eligible = docs.map((d) => /roleEligibility/i.test(ownString(d, '@odata.context') ?? ''));
    forEachItem(
      docs,
      ctx,
      (rec, where, d) => (isDirectoryAssignment(rec) ? readAssignment(w, rec, where, eligible[d] === true) : ctx.b.warn(`${label(where)}: not a directory role assignment; skipped`)),
      'directory role assignment',
    );
  },
};
