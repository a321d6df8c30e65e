/**
 * The evaluator answering the provider-neutral questions on the fixtures: inheritance from
 * management groups down to resources (ARM ids of any case), groups, notActions, data actions,
 * Key Vault permission models and access policies, conditions, and the scopes and services the
 * other analyses group by.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { repoFile, textFile } from '../../test-support/public-corpus';
import { azureAnalysisOf, type AzureAnalysis } from './plugin';
import { actionMatches } from './wildcard';

const PROD = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const RG = `/subscriptions/${PROD}/resourcegroups/rg-payments`;
const VM = `${RG}/providers/microsoft.compute/virtualmachines/vm-batch`;
const DB = 'https://kv-payments.vault.azure.net/secrets/db-password';
const LEGACY = 'https://kv-legacy.vault.azure.net/secrets/reporting-client-secret';
const P = (oid: string) => `azure:principal:${oid}`;
const U = {
  alice: P('a11ce000-0000-4000-8000-000000000001'),
  bob: P('b0b00000-0000-4000-8000-000000000002'),
  carol: P('ca201000-0000-4000-8000-000000000003'),
  dave: P('da7e0000-0000-4000-8000-000000000004'),
  erin: P('e2140000-0000-4000-8000-000000000005'),
  frank: P('f2a4c000-0000-4000-8000-000000000007'),
  kate: P('ca7e0000-0000-4000-8000-00000000000c'),
};
const ALL = ['role-assignments.json', 'role-assignments-nested.json', 'role-definitions.json', 'resources.json', 'kv-payments.show.json', 'kv-legacy.show.json', 'kv-payments.secrets.json', 'kv-legacy.secrets.json', 'management-groups.json', 'groups.json', 'identities.json', 'service-principals.json'];

async function azure(files = ALL, extra: ReturnType<typeof textFile>[] = []): Promise<AzureAnalysis> {
  const s = new ImportSession();
  s.addFiles([...files.map((f) => repoFile(`azure/${f}`)), ...extra]);
  return azureAnalysisOf(await analyze(s.graph, { asOf: Date.UTC(2025, 5, 1) }))!;
}

describe('Azure evaluator', () => {
  it.each([
    ['alice (Owner, subscription)', U.alice, 'Microsoft.Compute/virtualMachines/runCommand/action', VM, 'allowed'],
    ['alice: Owner grants no data action', U.alice, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', DB, 'no'],
    ['bob (Contributor, resource group written resourcegroups)', U.bob, 'microsoft.compute/VIRTUALMACHINES/write', VM, 'allowed'],
    ['bob: Contributor notActions remove role assignments', U.bob, 'Microsoft.Authorization/roleAssignments/write', VM, 'no'],
    ['carol: an assignment under a condition', U.carol, 'Microsoft.Authorization/roleAssignments/write', VM, 'conditional'],
    ['dave (Key Vault Secrets User on the RBAC vault)', U.dave, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', DB, 'allowed'],
    ['dave: not on the access-policy vault', U.dave, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', LEGACY, 'no'],
    ['erin (access policy get)', U.erin, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', LEGACY, 'allowed'],
    ['erin: the policy grants no set', U.erin, 'Microsoft.KeyVault/vaults/secrets/setSecret/action', LEGACY, 'no'],
    ['frank (compound access policy)', U.frank, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', LEGACY, 'conditional'],
    ['frank (member of ops-team, Owner of the management group above the subscription)', U.frank, 'Microsoft.Storage/storageAccounts/write', `${RG}/providers/microsoft.storage/storageaccounts/acmepaymentsdata`, 'allowed'],
    ['kate (custom role: * minus Microsoft.KeyVault/*)', U.kate, 'Microsoft.KeyVault/vaults/write', `${RG}/providers/microsoft.keyvault/vaults/kv-legacy`, 'no'],
    ['kate: the custom role grants the rest', U.kate, 'Microsoft.Compute/virtualMachines/write', VM, 'allowed'],
  ] as const)('decides %s', async (_name, principal, action, resource, expected) => {
    expect((await azure()).decide(principal, action, resource)).toBe(expected);
  });

  it('applies a management group assignment below it only when the hierarchy is exported', async () => {
    const without = await azure(ALL.filter((f) => f !== 'management-groups.json'));
    expect(without.decide(U.frank, 'Microsoft.Compute/virtualMachines/write', VM)).toBe('no');
  });

  it('lists access by level, and what the scope administrator holds', async () => {
    const a = await azure();
    expect(a.accessOf(U.dave, DB)).toEqual({ allowed: { List: ['microsoft.keyvault/vaults/secrets/readmetadata/action'], Read: ['microsoft.keyvault/vaults/secrets/getsecret/action'] }, conditional: {} });
    // frank's compound policy reads only conditionally (his group's Owner grants no data action).
    const frank = a.accessOf(U.frank, LEGACY)!;
    expect(frank.conditional).toEqual({ Read: ['microsoft.keyvault/vaults/secrets/getsecret/action'] });
    expect(frank.allowed.Read).not.toContain('microsoft.keyvault/vaults/secrets/getsecret/action');
    expect(a.accessOf(U.dave, VM)).toBeUndefined();
    const owner = a.accessOf(U.alice, VM)!;
    expect(owner.allowed['Permissions management']).toContain('microsoft.authorization/roleassignments/write');
    expect(owner.allowed.Write).toContain('microsoft.compute/virtualmachines/runcommand/action');
    expect(a.fullAccess(DB).allowed.Read).toEqual(['microsoft.keyvault/vaults/secrets/getsecret/action', 'microsoft.keyvault/vaults/secrets/read']);
    expect(a.accessEvidence!(U.dave, DB, 'Microsoft.KeyVault/vaults/secrets/getSecret/action')[0]).toMatchObject({ file: 'role-assignments.json', location: '[3]', statement: 'Key Vault Secrets User' });
  });

  it('answers scopes, services and access groups', async () => {
    const a = await azure();
    expect([a.scopeOf(DB), a.scopeOf(VM), a.scopeOf(U.alice), a.scopeOf(P('d1000000-0000-4000-8000-000000000020'))]).toEqual([PROD, PROD, 'tenant', PROD]);
    expect(a.scopeOf('/providers/microsoft.management/managementgroups/mg-prod')).toBe('managementGroups/mg-prod');
    expect([a.serviceOf(DB), a.serviceOf(VM), a.serviceOf(RG)]).toEqual(['keyvault', 'compute', 'resources']);
    // Principals with the same grants share a group: none at all, or the same role at the same scope.
    expect(a.accessGroupOf!(P('4e1d1000-0000-4000-8000-000000000009'))).toBe(a.accessGroupOf!(P('92ace000-0000-4000-8000-000000000008')));
    expect(a.accessGroupOf!(U.dave)).toBe(a.accessGroupOf!(P('d1000000-0000-4000-8000-000000000020')));
    // frank carries ops-team's Owner on the management group, besides his access policy.
    expect(a.accessGroupOf!(U.frank)).toMatch(/8e3af657-a8ff-443c-a75c-2fe8c4bcb635@\/providers\/microsoft\.management\/managementgroups\/mg-prod/);
    expect(a.accessGroupOf!(U.frank)).not.toBe(a.accessGroupOf!(P('0b5c0000-0000-4000-8000-000000000006')));
    expect(a.principals()).toContain(U.alice);
  });

  it('treats a role block with a condition as conditional, and reports roles it does not know', async () => {
    const role = textFile('custom.json', JSON.stringify([{ name: '5eed0000-0000-4000-8000-0000000000f9', roleName: 'Delegated', roleType: 'CustomRole', assignableScopes: ['/'], permissions: [{ actions: ['Microsoft.Authorization/roleAssignments/write'], notActions: [], dataActions: [], notDataActions: [], condition: '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{x}' }] }]));
    const grants = textFile('grants.json', JSON.stringify([
      { principalId: '10000000-0000-4000-8000-000000000001', principalType: 'User', roleDefinitionId: '5eed0000-0000-4000-8000-0000000000f9', scope: `/subscriptions/${PROD}` },
      { principalId: '10000000-0000-4000-8000-000000000002', principalType: 'User', roleDefinitionId: 'deadbeef-0000-4000-8000-000000000000', scope: `/subscriptions/${PROD}` },
    ]));
    const a = await azure([], [role, grants]);
    expect(a.decide(P('10000000-0000-4000-8000-000000000001'), 'Microsoft.Authorization/roleAssignments/write', `/subscriptions/${PROD}`)).toBe('conditional');
    expect(a.unknownRoles).toEqual(['deadbeef-0000-4000-8000-000000000000']);
    expect(a.admins.get(P('10000000-0000-4000-8000-000000000001'))).toEqual({ conditional: true });
  });

  it('matches action patterns in linear time, whatever the pattern', () => {
    expect(actionMatches('microsoft.authorization/*/write', 'microsoft.authorization/roleassignments/write')).toBe(true);
    expect(actionMatches('*/read', 'microsoft.compute/virtualmachines/write')).toBe(false);
    const value = 'a'.repeat(20_000);
    const pattern = `${'*a'.repeat(40)}*b`;
    const start = process.hrtime.bigint();
    expect(actionMatches(pattern, value)).toBe(false);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(2000);
  });
});
