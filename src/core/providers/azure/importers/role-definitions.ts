/**
 * `az role definition list [--custom-role-only true]` (and the REST shape, fields under
 * `properties`): custom roles the evaluator uses in place of the built-in table, and built-in
 * roles described again (the iam-dataset sample is such a list). Permission blocks are kept as
 * exported: actions, notActions, dataActions, notDataActions and the block's condition.
 */
import type { JsonImporter } from '../../../importers/types';
import { isRecord, own } from '../../../io/safe-object';
import { armKey, roleGuid, roleNodeId } from '../ids';
import type { PermissionBlock } from '../role-permissions';
import { AzureWriter, at, defined, detectItem, field, fieldString, fieldsAt, forEachItem, label, stringList, typeName } from './common';

const LISTS = ['actions', 'notActions', 'dataActions', 'notDataActions'] as const;

const isRoleDefinition = (r: Record<string, unknown>) => typeof field(r, 'roleName') === 'string' && field(r, 'permissions') !== undefined;

function readBlocks(w: AzureWriter, raw: unknown, where: string): PermissionBlock[] | undefined {
  if (!Array.isArray(raw)) {
    w.b.warn(`${where}: expected a list of permission blocks, found ${typeName(raw)}; the role grants nothing here`);
    return undefined;
  }
  const out: PermissionBlock[] = [];
  raw.forEach((block, i) => {
    const bw = `${where}[${i}]`;
    if (!isRecord(block)) return w.b.warn(`${bw}: not a permission block (found ${typeName(block)}); skipped`);
    const lists = {} as Record<(typeof LISTS)[number], string[]>;
    for (const l of LISTS) {
      const v = own(block, l);
      const strings = stringList(v) ?? [];
      if (v !== undefined && v !== null && (!Array.isArray(v) || strings.length !== v.length)) w.b.warn(`${bw}.${l}: expected a list of action strings; only the strings were kept`);
      lists[l] = strings;
    }
    const condition = typeof own(block, 'condition') === 'string' && own(block, 'condition') !== '' ? (own(block, 'condition') as string) : undefined;
    out.push({ ...lists, ...(condition ? { condition } : {}) });
  });
  return out;
}

function readDefinition(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const fields = fieldsAt(rec, 'roleName', where);
  const guid = roleGuid(fieldString(rec, 'name') ?? '') ?? roleGuid(fieldString(rec, 'id') ?? '');
  const roleName = fieldString(rec, 'roleName');
  if (!guid || !roleName) return w.b.warn(`${label(where)}: a role definition needs a roleName and a GUID name or id; skipped`);
  const permissions = readBlocks(w, field(rec, 'permissions'), at(fields, 'permissions'));
  // `roleType` in the CLI; the REST shape has `properties.type` (the top-level `type` is the ARM type).
  const roleType = fieldString(rec, 'roleType') ?? (typeof own(own(rec, 'properties'), 'type') === 'string' ? (own(own(rec, 'properties'), 'type') as string) : undefined);
  const scopes = stringList(field(rec, 'assignableScopes'));
  const custom = roleType !== undefined ? /custom/i.test(roleType) : undefined;
  w.b.node({
    id: roleNodeId(guid),
    kind: 'azure.roleDefinition',
    name: roleName,
    attributes: defined({
      guid,
      roleName,
      roleType,
      custom,
      description: fieldString(rec, 'description'),
      assignableScopes: scopes,
      permissions,
      actionCount: permissions?.reduce((n, p) => n + p.actions.length + p.dataActions.length, 0),
      conditional: permissions?.some((p) => p.condition) || undefined,
    }),
  });
  // A custom role belongs where it may be assigned; the first assignable scope is drawn.
  const first = scopes?.[0];
  const key = first !== undefined && custom ? armKey(first) : undefined;
  if (key) {
    w.scope(key, first!, where);
    w.b.edge('azure.childOf', roleNodeId(guid), key, w.ev(at(fields, 'assignableScopes[0]'), { note: 'custom role assignable at this scope' }));
  }
}

export const roleDefinitionsImporter: JsonImporter = {
  format: 'azure.role-definitions',
  label: 'Azure role definitions (az role definition list)',
  provider: 'azure',
  detect: detectItem(isRoleDefinition),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isRoleDefinition(rec) ? readDefinition(w, rec, where) : ctx.b.warn(`${label(where)}: not a role definition (no roleName and permissions); skipped`)), 'role definition');
  },
};
