/** Every Azure sample of the public corpus, table-driven: format, status, real counts and where evidence points. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile } from '../../../test-support/public-corpus';
import { expectCleanImport } from '../../../test-support/clean-import';

const SPECS = 'azure-rest-api-specs/specification';
const ASSIGNMENTS = `${SPECS}/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/examples/RoleAssignments_ListForScope.json`;
const FICS = `${SPECS}/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/examples/FederatedIdentityCredentialList.json`;
const IDENTITIES = `${SPECS}/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/examples/IdentityListBySubscription.json`;
const ROLES = 'iam-dataset/azure/built-in-roles-raw.json';

const TABLE: { file: string; format: string; counts: Record<string, number>; notes: number }[] = [
  { file: ASSIGNMENTS, format: 'azure.role-assignments', counts: { 'azure.user': 1, 'role assignment': 1 }, notes: 0 },
  { file: FICS, format: 'azure.federated-credentials', counts: { 'azure.federatedCredential': 1 }, notes: 1 },
  { file: IDENTITIES, format: 'azure.resources', counts: { 'azure.resource': 1, 'azure.managedIdentity': 1 }, notes: 1 },
  { file: ROLES, format: 'azure.role-definitions', counts: { 'azure.roleDefinition': 928 }, notes: 0 },
];

describe.skipIf(!hasPublicCorpus)('public Azure exports', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, counts, notes }) => {
    const { report } = importFile(publicFile(file));
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
    expect(report.notes).toHaveLength(notes);
    expect(report.droppedSecrets).toBe(0);
  });

  it('reads the REST role assignment inside its example wrapper, nested under properties', () => {
    const { fragment } = importFile(publicFile(ASSIGNMENTS));
    const edge = [...fragment.edges.values()].find((e) => e.kind === 'azure.roleAssignment')!;
    expect(edge).toMatchObject({ source: 'azure:principal:ce2ce14e-85d7-4629-bdbc-454d0519d987', target: 'azure:role:0b5fe924-9a61-425c-96af-cfe6e287ca2d', attributes: { scope: '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2' } });
    expect(edge.evidence[0]).toMatchObject({ file: 'RoleAssignments_ListForScope.json', location: 'responses.200.body.value[0].properties', policy: '/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/providers/Microsoft.Authorization/roleAssignments/b0f43c54-e787-4862-89b1-a653fa9cf747' });
    expect(fragment.nodes.get('/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2')).toMatchObject({ kind: 'azure.subscription', placeholder: true });
  });

  it('keeps the federated credential exactly as written, on its identity (the id written `resourcegroups`)', () => {
    const { fragment, report } = importFile(publicFile(FICS));
    const id = '/subscriptions/subid/resourcegroups/rgname/providers/microsoft.managedidentity/userassignedidentities/identityname/federatedidentitycredentials/ficresourcename';
    expect(fragment.nodes.get(id)!.attributes).toMatchObject({ issuer: 'https://oidc.prod-aks.azure.com/TenantGUID/IssuerGUID', subject: 'system:serviceaccount:ns:svcaccount', audiences: ['api://AzureADTokenExchange'], parentKind: 'managedIdentity' });
    expect(report.notes[0]).toMatch(/more pages follow \(nextLink\)/);
  });

  it('reads the REST identity list (properties nested) into the identity resource and its principal', () => {
    const { fragment } = importFile(publicFile(IDENTITIES));
    expect(fragment.nodes.get('azure:principal:25cc773c-7f05-40fc-a104-32d2300754ad')).toMatchObject({ kind: 'azure.managedIdentity', account: 'subid', attributes: { clientId: '4024ab25-56a8-4370-aea6-6389221caf29', managedIdentity: 'user-assigned' } });
    expect(fragment.nodes.get('/subscriptions/subid/resourcegroups/rgname/providers/microsoft.managedidentity/userassignedidentities/identityname')!.attributes.tags).toEqual([['key1', 'value1'], ['key2', 'value2']]);
  });

  it('reads all 928 built-in roles with their permission blocks, conditions kept', () => {
    const { fragment } = importFile(publicFile(ROLES));
    const owner = fragment.nodes.get('azure:role:8e3af657-a8ff-443c-a75c-2fe8c4bcb635')!;
    expect(owner).toMatchObject({ name: 'Owner', attributes: { roleType: 'BuiltInRole', custom: false, permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }] } });
    const conditional = [...fragment.nodes.values()].filter((n) => n.attributes.conditional === true);
    expect(conditional).toHaveLength(29);
  });
});
