/** ARM ids: keys without case, what each names, its parent, its admin scope; secret URLs. */
import { describe, expect, it } from 'vitest';
import { adminScopeOf, armKey, armParent, keyOfAdminScope, parseArm, parseSecretId, roleGuid } from './ids';

const S = '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('Azure ids', () => {
  it.each([
    [`${S}/resourceGroups/RG-One/`, `${S}/resourcegroups/rg-one`],
    [`${S}//resourcegroups/rg-one`, `${S}/resourcegroups/rg-one`],
    ['/', '/'],
    ['subscriptions/x', undefined],
    [`${S}/resourceGroups/a b`, undefined],
  ])('armKey(%j) = %j', (id, key) => expect(armKey(id)).toBe(key));

  it.each([
    ['/', 'root', undefined, '/'],
    ['/providers/microsoft.management/managementgroups/mg-prod', 'managementGroup', undefined, 'managementGroups/mg-prod'],
    [S.toLowerCase(), 'subscription', undefined, '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'],
    [`${S}/resourcegroups/rg`.toLowerCase(), 'resourceGroup', S.toLowerCase(), undefined],
    [`${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/db`.toLowerCase(), 'resource', `${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv`.toLowerCase(), undefined],
    [`${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv`.toLowerCase(), 'resource', `${S}/resourcegroups/rg`.toLowerCase(), undefined],
    [`${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/providers/microsoft.insights/diagnosticsettings/d`.toLowerCase(), 'resource', `${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv`.toLowerCase(), undefined],
    [`${S}/providers/microsoft.security/pricings/vm`.toLowerCase(), 'resource', S.toLowerCase(), undefined],
  ])('%s is a %s, below %s, administered as %s', (key, level, parent, admin) => {
    expect(parseArm(key)?.level).toBe(level);
    expect(armParent(key)).toBe(parent);
    expect(adminScopeOf(key)).toBe(admin);
    if (admin) expect(keyOfAdminScope(admin)).toBe(key);
  });

  it('reads the type of nested and extension resources', () => {
    expect(parseArm(`${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/db`.toLowerCase())).toMatchObject({ type: 'microsoft.keyvault/vaults/secrets', name: 'db', resourceGroup: 'rg' });
    expect(parseArm(`${S}/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/providers/microsoft.authorization/roleassignments/x`.toLowerCase())?.type).toBe('microsoft.authorization/roleassignments');
    expect(parseArm('/nonsense/x')).toBeUndefined();
    expect(parseArm(`${S}/resourcegroups/rg/providers/microsoft.compute`.toLowerCase())).toBeUndefined();
  });

  it('reads role definition GUIDs and secret URLs', () => {
    expect(roleGuid(`${S}/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635`)).toBe('8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    expect(roleGuid('Owner')).toBeUndefined();
    expect(parseSecretId('https://KV-One.vault.azure.net/secrets/Db-Password/0123abcd')).toEqual({ host: 'kv-one.vault.azure.net', vault: 'kv-one', name: 'db-password', version: '0123abcd' });
    expect(parseSecretId('https://evil.example/secrets/x')).toBeUndefined();
  });
});
