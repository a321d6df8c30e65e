/**
 * `az role assignment list --all [--include-inherited]`: current azure-cli flattens each
 * assignment, older versions and the ARM REST API nest `principalId`, `roleDefinitionId` and
 * `scope` under `properties`; both are read. Each assignment is a `azure.roleAssignment` edge from
 * the principal to the role, carrying its scope (lower-cased ARM id) and any ABAC condition,
 * which the evidence keeps word for word: the analysis shows such grants as conditional.
 */
import type { JsonImporter } from '../../../importers/types';
import { armKey, isGuid, roleGuid } from '../ids';
import { AzureWriter, at, defined, detectItem, field, fieldString, fieldsAt, forEachItem, label, principalKind } from './common';

const ASSIGNMENT_SUFFIX = /\/providers\/microsoft\.authorization\/roleassignments\/[^/]+$/i;

/** PIM schedules and eligibilities have the same fields: an eligible Owner is not an Owner. */
const NOT_ACTIVE = /roleeligibilityschedule|roleassignmentschedule(request)?s?\b|roleassignmentschedulerequests/i;

const isAssignment = (r: Record<string, unknown>) =>
  !NOT_ACTIVE.test(`${fieldString(r, 'type') ?? ''} ${fieldString(r, 'id') ?? ''}`) &&
  field(r, 'principalId') !== undefined && field(r, 'roleDefinitionId') !== undefined && field(r, 'directoryScopeId') === undefined && (field(r, 'scope') !== undefined || ASSIGNMENT_SUFFIX.test(fieldString(r, 'id') ?? ''));

function readAssignment(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const b = w.b;
  const fields = fieldsAt(rec, 'principalId', where);
  const principalId = fieldString(rec, 'principalId');
  const roleName = fieldString(rec, 'roleDefinitionName');
  if (!principalId || !isGuid(principalId)) {
    const classic = /administrator/i.test(roleName ?? '') && !principalId;
    return b.warn(`${label(where)}: ${classic ? `classic administrator ${JSON.stringify(fieldString(rec, 'principalName') ?? '')} (${roleName}) has no object id; not imported` : `principalId ${JSON.stringify(String(field(rec, 'principalId') ?? '').slice(0, 60))} is not an object id; skipped`}`);
  }
  const roleText = fieldString(rec, 'roleDefinitionId') ?? '';
  const guid = roleGuid(roleText);
  if (!guid) return b.warn(`${at(fields, 'roleDefinitionId')}: ${JSON.stringify(roleText.slice(0, 100))} does not end in a role definition GUID; skipped`);
  const id = fieldString(rec, 'id');
  const scopeText = fieldString(rec, 'scope') ?? (id && ASSIGNMENT_SUFFIX.test(id) ? id.replace(ASSIGNMENT_SUFFIX, '') || '/' : undefined);
  const scope = scopeText !== undefined ? armKey(scopeText) : undefined;
  if (!scopeText || !scope) return b.warn(`${at(fields, 'scope')}: ${JSON.stringify((scopeText ?? '').slice(0, 100))} is not an ARM scope; skipped`);

  const principalType = fieldString(rec, 'principalType');
  const principal = w.principal(principalId, principalKind(principalType), fieldString(rec, 'principalName'), defined({ principalType }));
  const role = w.role(guid, roleName);
  w.scope(scope, scopeText, where);
  const condition = fieldString(rec, 'condition');
  b.edge(
    'azure.roleAssignment',
    principal,
    role,
    w.ev(fields, {
      policy: id ?? fieldString(rec, 'name'),
      statement: roleName ?? guid,
      ...(condition ? { condition } : {}),
      note: `${roleName ?? `role ${guid}`} at ${scopeText}${condition ? ' under a condition' : ''}`,
    }),
    defined({
      scope,
      scopeId: scopeText,
      assignmentId: id,
      roleName,
      condition,
      conditionVersion: fieldString(rec, 'conditionVersion'),
      created: w.time(rec, 'createdOn', fields),
      delegatedManagedIdentity: fieldString(rec, 'delegatedManagedIdentityResourceId'),
    }),
    id?.toLowerCase() ?? `${scope}|${guid}`,
  );
  b.count('role assignment');
}

export const roleAssignmentsImporter: JsonImporter = {
  format: 'azure.role-assignments',
  label: 'Azure role assignments (az role assignment list)',
  provider: 'azure',
  detect: detectItem(isAssignment),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isAssignment(rec) ? readAssignment(w, rec, where) : ctx.b.warn(`${label(where)}: not a role assignment (no principalId, roleDefinitionId and scope); skipped`)), 'role assignment');
  },
};
