/** Azure exports are attacker-controlled: bad input ends in a clear report naming the record, never a throw or a polluted prototype. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { whoCan } from '../../analysis/who-can';
import { repoFile, textFile } from '../../test-support/public-corpus';

const SUB = '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const OID = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const assignment = (over: Record<string, unknown>) => ({ principalId: OID(1), principalType: 'User', roleDefinitionId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', scope: SUB, ...over });

describe('Azure bad input', () => {
  it('names each broken role assignment and imports the rest', () => {
    const { report } = importFile(
      textFile('ra.json', JSON.stringify([assignment({}), 'x', assignment({ principalId: 42 }), assignment({ roleDefinitionId: 'Owner' }), assignment({ scope: 'subscriptions/x' }), assignment({ principalId: null, principalName: 'admin@x', roleDefinitionName: 'CoAdministrator' }), assignment({ principalId: OID(2), principalName: '<img src=x onerror=alert(1)>' })])),
    );
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual([
      '[1]: not a role assignment (found a string); skipped',
      '[2]: principalId "42" is not an object id; skipped',
      '[3].roleDefinitionId: "Owner" does not end in a role definition GUID; skipped',
      '[4].scope: "subscriptions/x" is not an ARM scope; skipped',
      '[5]: not a role assignment (no principalId, roleDefinitionId and scope); skipped',
    ]);
    expect(report.counts['role assignment']).toBe(2);
  });

  it('warns on fields of the wrong type and keeps the record', () => {
    const defs = importFile(textFile('defs.json', JSON.stringify([{ name: '5eed0000-0000-4000-8000-000000000001', roleName: 'x', permissions: 'all' }, { name: '5eed0000-0000-4000-8000-000000000002', roleName: 'y', permissions: [{ actions: ['*', 7], notActions: 'none' }, 'z'] }])));
    expect(defs.report.warnings).toEqual([
      '[0].permissions: expected a list of permission blocks, found a string; the role grants nothing here',
      '[1].permissions[0].actions: expected a list of action strings; only the strings were kept',
      '[1].permissions[0].notActions: expected a list of action strings; only the strings were kept',
      '[1].permissions[1]: not a permission block (found a string); skipped',
    ]);
    expect(defs.report.counts['azure.roleDefinition']).toBe(2);
    const apps = importFile(textFile('apps.json', JSON.stringify([{ appId: OID(5), signInAudience: 'AzureADMyOrg', passwordCredentials: 'secret', keyCredentials: [null, { keyId: 'k', endDateTime: 'tomorrow' }], owners: { id: OID(1) } }])));
    expect(apps.report.warnings).toEqual([
      'passwordCredentials: expected a list of credentials, found a string; ignored',
      'keyCredentials[0]: not a credential (found null); skipped',
      'keyCredentials[1].endDateTime: unreadable time "tomorrow"; ignored',
      'owners: expected a list of directory objects, found an object; ignored',
    ]);
    const vault = importFile(textFile('kv.json', JSON.stringify({ id: `${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-0`, name: 'kv', type: 'Microsoft.KeyVault/vaults', properties: { enableRbacAuthorization: 'yes', accessPolicies: [{ objectId: 'me' }, { objectId: OID(1), permissions: { secrets: 'get' } }] } })));
    expect(vault.report.warnings).toEqual(['properties.accessPolicies[0]: an access policy needs an objectId; skipped']);
    expect([...vault.fragment.edges.values()].find((e) => e.kind === 'azure.accessPolicy')!.attributes.secrets).toEqual([]);
    const mg = importFile(textFile('mg.json', JSON.stringify({ id: '/providers/Microsoft.Management/managementGroups/root', type: 'Microsoft.Management/managementGroups', children: [{ id: '/nonsense', type: '/subscriptions' }, 5, { id: `${SUB}`, type: '/subscriptions', children: 'none' }] })));
    expect(mg.report.warnings).toEqual(['children[0]: "/nonsense" is not a management group or subscription id; skipped', 'children[1]: not a management group or subscription (found number); skipped', 'children[2].children: expected a list of children, found a string; ignored']);
  });

  it('does not let __proto__ keys pollute prototypes, and keeps hostile names as text', async () => {
    const resources = `[{"id": "${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "name": "<img src=x onerror=alert(1)>", "type": "Microsoft.Compute/virtualMachines",
      "tags": {"__proto__": {"polluted": "yes"}, "constructor": "x"},
      "identity": {"principalId": "${OID(9)}", "userAssignedIdentities": {"__proto__": {"principalId": "${OID(8)}"}, "constructor": {"principalId": "${OID(7)}"}}}},
      {"id": "__proto__", "name": "__proto__", "type": "x/y"}]`;
    const session = new ImportSession();
    const [r] = session.addFiles([textFile('resources.json', resources), repoFile('azure/resources.json')]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('principalId');
    expect(r!.warnings).toEqual([
      '[0].identity.userAssignedIdentities["__proto__"]: needs an ARM id and a principalId; skipped',
      '[0].identity.userAssignedIdentities["constructor"]: needs an ARM id and a principalId; skipped',
      '[1]: not an ARM resource (no resource id, type and name); skipped',
    ]);
    expect(session.graph.hasNode('__proto__')).toBe(false);
    const vm = `${SUB}/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm`.toLowerCase();
    expect(session.graph.getNodeAttributes(vm)).toMatchObject({ name: '<img src=x onerror=alert(1)>', attributes: { tags: [['__proto__', '[object Object]'], ['constructor', 'x']] } });
    await analyze(session.graph, { asOf: 0 });
  });

  it('rejects a truncated export with the line where it ends, and imports the pages before it', () => {
    const text = JSON.stringify([assignment({})], null, 2);
    const { report } = importFile(textFile('ra.json', text.slice(0, 80)));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^ra\.json: JSON ends unexpectedly at line \d+/);
    const pages = importFile(textFile('pages.json', `${JSON.stringify({ value: [assignment({})] })}\n${JSON.stringify({ value: [assignment({})] }).slice(0, 40)}`));
    expect(pages.report.status).toBe('partial');
    expect(pages.report.counts['role assignment']).toBe(1);
  });

  it('imports and analyses 100,000 principals, and answers who-can in one pass per access group', async () => {
    const list = Array.from({ length: 100_000 }, (_, i) =>
      i % 10 === 0
        ? assignment({ principalId: OID(i), roleDefinitionId: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59', scope: `${SUB}/resourceGroups/rg-${i % 50}` })
        : assignment({ principalId: OID(i), roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }),
    );
    list.push(assignment({ principalId: OID(100_001), roleDefinitionId: '4633458b-17de-408a-b874-0445c86b69e6', scope: `${SUB}/resourceGroups/rg-0/providers/Microsoft.KeyVault/vaults/kv-0` }));
    const identities = Array.from({ length: 50 }, (_, i) => ({ id: `${SUB}/resourceGroups/rg-${i}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}`, name: `id-${i}`, type: 'Microsoft.ManagedIdentity/userAssignedIdentities', principalId: OID(200_000 + i), clientId: OID(300_000 + i) }));
    const vault = { id: `${SUB}/resourceGroups/rg-0/providers/Microsoft.KeyVault/vaults/kv-0`, name: 'kv-0', type: 'Microsoft.KeyVault/vaults', properties: { enableRbacAuthorization: true } };
    const session = new ImportSession();
    const reports = session.addFiles([textFile('ra.json', JSON.stringify(list)), textFile('ids.json', JSON.stringify(identities)), textFile('kv.json', JSON.stringify(vault)), textFile('s.json', JSON.stringify([{ id: 'https://kv-0.vault.azure.net/secrets/s', name: 's', attributes: { enabled: true } }]))]);
    expect(reports.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const a = await analyze(session.graph, { asOf: 0 });
    expect(session.graph.filterEdges((_, e) => e.kind === 'escalatesTo')).toHaveLength(10_001);
    const who = whoCan(a, 'https://kv-0.vault.azure.net/secrets/s');
    expect(who.direct).toContain(`azure:principal:${OID(100_001)}`);
  }, 120_000);
});
