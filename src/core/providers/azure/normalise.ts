/**
 * Several exports describe the same directory object, each knowing part of it: a role assignment
 * names a service principal by object id with principalName (often an appId GUID) and type
 * ServicePrincipal, `az identity list` knows it is a managed identity in a subscription,
 * `az ad sp list` knows its display name. Merging keeps whichever file came first, so before each
 * analysis the Azure nodes are settled from their merged attributes, independently of file order:
 * the most specific kind, the display name over a GUID, a managed identity's subscription as its
 * scope, a built-in role's or directory role's name from the tables. Idempotent.
 */
import type { BlastGraph } from '../../graph/graph';
import type { NodeAttributes } from '../../model/types';
import { accountOfKey, isGuid } from './ids';
import { principalKind } from './importers/common';
import { directoryRoleInfo } from './directory-role-table';
import type { RoleTable } from './role-table';

const PRINCIPAL_KINDS = new Set(['azure.user', 'azure.group', 'azure.servicePrincipal', 'azure.managedIdentity', 'azure.principal']);

function settled(a: NodeAttributes, table: RoleTable): Partial<NodeAttributes> | undefined {
  const at = a.attributes;
  const str = (k: string) => (typeof at[k] === 'string' ? (at[k] as string) : undefined);
  const out: Partial<NodeAttributes> = {};
  if (PRINCIPAL_KINDS.has(a.kind)) {
    let kind = a.kind;
    if (at.managedIdentity !== undefined || str('servicePrincipalType') === 'ManagedIdentity') kind = 'azure.managedIdentity';
    else if (kind === 'azure.principal') {
      const type = str('objectType') ? `#microsoft.graph.${str('objectType')!.toLowerCase()}` : str('principalType');
      kind = principalKind(type);
    }
    if (kind !== a.kind) out.kind = kind;
    const display = str('displayName');
    if (display && display !== a.name && isGuid(a.name)) out.name = display;
    const resource = str('resourceId');
    const account = kind === 'azure.managedIdentity' && resource ? accountOfKey(resource) : undefined;
    if (account && account !== a.account) out.account = account;
  } else if (a.kind === 'azure.roleDefinition' && isGuid(a.name)) {
    const name = table.nameOf(a.name.toLowerCase());
    if (name) out.name = name;
  } else if (a.kind === 'azure.directoryRole' && isGuid(a.name)) {
    const name = directoryRoleInfo(str('templateId') ?? a.name)?.name;
    if (name) out.name = name;
  }
  return Object.keys(out).length ? out : undefined;
}

export function settleNodes(graph: BlastGraph, table: RoleTable): void {
  const changes: [string, Partial<NodeAttributes>][] = [];
  graph.forEachNode((id, a) => {
    if (a.provider !== 'azure') return;
    const c = settled(a, table);
    if (c) changes.push([id, c]);
  });
  for (const [id, c] of changes) graph.mergeNodeAttributes(id, c);
}
