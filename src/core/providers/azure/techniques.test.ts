/**
 * Each Azure escalation, table-driven on small inline exports: the case that holds, and the probe
 * that looks alike but where one condition rejects it (a role whose notActions remove the action,
 * another scope, another vault model, an eligibility that ended...).
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { textFile } from '../../test-support/public-corpus';
import type { FileInput } from '../../importers/import-file';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const SUB = '11111111-1111-4111-8111-111111111111';
const SUB_KEY = `/subscriptions/${SUB}`;
const RG = (name: string) => `/subscriptions/${SUB}/resourceGroups/${name}`;
const MI = (rg: string, name: string) => `${RG(rg)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const VAULT = (rg: string, name: string) => `${RG(rg)}/providers/Microsoft.KeyVault/vaults/${name}`;
const SECRET = (vault: string, name: string) => `https://${vault}.vault.azure.net/secrets/${name}`;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const P = (n: number) => `azure:principal:${id(n)}`;
const ROLE = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Managed Identity Contributor': 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Contributor': 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  'Azure Kubernetes Service Cluster Admin Role': '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
} as const;
const GA = '62e90394-69f5-4237-9190-012177145e10';
const PRA = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const APP_ADMIN = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
const READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';

let n = 0;
const json = (name: string, body: unknown): FileInput => textFile(name, JSON.stringify(body));
const assignments = (list: [number, keyof typeof ROLE, string, string?][], type = 'User'): FileInput =>
  json(
    `assignments-${++n}.json`,
    list.map(([p, role, scope, condition]) => ({ principalId: id(p), principalType: type, roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE[role]}`, roleDefinitionName: role, scope, id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${id(5000 + ++n)}`, condition: condition ?? null })),
  );
const identities = (list: [string, string, number][]): FileInput => json(`identities-${++n}.json`, list.map(([rg, name, p]) => ({ id: MI(rg, name), name, type: 'Microsoft.ManagedIdentity/userAssignedIdentities', principalId: id(p), clientId: id(p + 1) })));
const vault = (rg: string, name: string, rbac: boolean | undefined, policies: { objectId: string; permissions: { secrets: string[] } }[] = []): FileInput =>
  json(`${name}-${++n}.show.json`, { id: VAULT(rg, name), name, type: 'Microsoft.KeyVault/vaults', properties: { enableRbacAuthorization: rbac, accessPolicies: policies } });
const secrets = (vaultName: string, names: string[], enabled = true): FileInput => json(`${vaultName}-${++n}.secrets.json`, names.map((s) => ({ id: SECRET(vaultName, s), name: s, attributes: { enabled } })));
const directory = (list: [number, string, string?][], context = 'roleAssignments'): FileInput =>
  json(`directory-${++n}.json`, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/${context}`, value: list.map(([p, role, scope]) => ({ id: `dra-${++n}`, principalId: id(p), roleDefinitionId: role, directoryScopeId: scope ?? '/' })) });
const subscriptions = json('subscriptions.json', [{ id: SUB, name: 'prod', isDefault: true, tenantId: id(9999), state: 'Enabled' }]);
const aks = (disableLocalAccounts: boolean, kubeletObjectId = id(700)): FileInput =>
  json(`aks-${++n}.json`, { id: `${RG('rg-k8s')}/providers/Microsoft.ContainerService/managedClusters/aks-one`, name: 'aks-one', type: 'Microsoft.ContainerService/ManagedClusters', disableLocalAccounts, identityProfile: { kubeletidentity: { objectId: kubeletObjectId, clientId: id(701) } } });
const ADMIN_SUB = `admin:azure:${SUB}`;

async function escalations(files: FileInput[]): Promise<Map<string, { conditional: unknown; notes: unknown; evidence: unknown[] }>> {
  const s = new ImportSession();
  const reports = s.addFiles(files);
  expect(reports.filter((r) => r.status !== 'imported').map((r) => [r.file, r.errors, r.warnings])).toEqual([]);
  await analyze(s.graph, { asOf: AS_OF });
  const out = new Map<string, { conditional: unknown; notes: unknown; evidence: unknown[] }>();
  s.graph.forEachEdge((_, e, src, tgt) => {
    if (e.kind === 'escalatesTo') out.set(`${src} -> ${tgt} ${String(e.attributes.technique)}`, { conditional: e.attributes.conditional, notes: e.attributes.notes, evidence: e.evidence });
  });
  return out;
}

const CASES: { name: string; files: () => FileInput[]; holds: [string, boolean][]; absent: string[] }[] = [
  {
    name: 'roleAssignments/write (Owner) on a subscription makes its holder administrator; Contributor (notActions Microsoft.Authorization/*/Write) does not',
    files: () => [assignments([[1, 'Owner', SUB_KEY], [2, 'Contributor', SUB_KEY], [3, 'User Access Administrator', SUB_KEY, "@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{4633458b-17de-408a-b874-0445c86b69e6}"]])],
    holds: [[`${P(1)} -> ${ADMIN_SUB} azure-role-assignment-write`, false], [`${P(3)} -> ${ADMIN_SUB} azure-role-assignment-write`, true]],
    absent: [`${P(2)} -> ${ADMIN_SUB} azure-role-assignment-write`],
  },
  {
    name: 'roleAssignments/write on a resource group reaches the identities in it, not those of another group',
    files: () => [identities([['rg-a', 'id-a', 100], ['rg-b', 'id-b', 110]]), assignments([[1, 'User Access Administrator', RG('rg-a')]])],
    holds: [[`${P(1)} -> ${P(100)} azure-role-assignment-write`, false]],
    absent: [`${P(1)} -> ${P(110)} azure-role-assignment-write`, `${P(1)} -> ${ADMIN_SUB} azure-role-assignment-write`],
  },
  {
    name: 'federatedIdentityCredentials/write (Managed Identity Contributor) acts as the identity; Managed Identity Operator (assign only) does not',
    files: () => [identities([['rg-a', 'id-a', 100]]), assignments([[1, 'Managed Identity Contributor', MI('rg-a', 'id-a')], [2, 'Managed Identity Operator', MI('rg-a', 'id-a')]])],
    holds: [[`${P(1)} -> ${P(100)} azure-federated-credential-write`, false]],
    absent: [`${P(2)} -> ${P(100)} azure-federated-credential-write`],
  },
  {
    name: 'Key Vault Secrets User reads the secrets of an RBAC vault, not of an access-policy vault, and only conditionally where the model is unknown',
    files: () => [
      vault('rg-a', 'kv-rbac', true),
      vault('rg-a', 'kv-policy', false),
      json('kv-unknown.json', [{ id: VAULT('rg-a', 'kv-unknown'), name: 'kv-unknown', type: 'Microsoft.KeyVault/vaults' }]),
      secrets('kv-rbac', ['a']),
      secrets('kv-policy', ['b']),
      secrets('kv-unknown', ['c']),
      assignments([[1, 'Key Vault Secrets User', RG('rg-a')]]),
    ],
    holds: [[`${P(1)} -> ${SECRET('kv-rbac', 'a')} azure-keyvault-secret-read`, false], [`${P(1)} -> ${SECRET('kv-unknown', 'c')} azure-keyvault-secret-read`, true]],
    absent: [`${P(1)} -> ${SECRET('kv-policy', 'b')} azure-keyvault-secret-read`],
  },
  {
    name: 'a disabled secret is read only conditionally',
    files: () => [vault('rg-a', 'kv-rbac', true), secrets('kv-rbac', ['off'], false), assignments([[1, 'Key Vault Secrets User', VAULT('rg-a', 'kv-rbac')]])],
    holds: [[`${P(1)} -> ${SECRET('kv-rbac', 'off')} azure-keyvault-secret-read`, true]],
    absent: [],
  },
  {
    name: 'an access policy with get reads the secrets of an access-policy vault; list alone does not; the same policy on an RBAC vault is ignored',
    files: () => [
      vault('rg-a', 'kv-policy', false, [{ objectId: id(1), permissions: { secrets: ['Get'] } }, { objectId: id(2), permissions: { secrets: ['List'] } }]),
      vault('rg-a', 'kv-rbac', true, [{ objectId: id(3), permissions: { secrets: ['all'] } }]),
      secrets('kv-policy', ['a']),
      secrets('kv-rbac', ['b']),
    ],
    holds: [[`${P(1)} -> ${SECRET('kv-policy', 'a')} azure-keyvault-secret-read`, false]],
    absent: [`${P(2)} -> ${SECRET('kv-policy', 'a')} azure-keyvault-secret-read`, `${P(3)} -> ${SECRET('kv-rbac', 'b')} azure-keyvault-secret-read`],
  },
  {
    name: 'vaults/write (Key Vault Contributor) adds itself an access policy on an access-policy vault, not on an RBAC vault',
    files: () => [vault('rg-a', 'kv-policy', false), vault('rg-b', 'kv-rbac', true), secrets('kv-policy', ['a']), secrets('kv-rbac', ['b']), assignments([[1, 'Key Vault Contributor', SUB_KEY]])],
    holds: [[`${P(1)} -> ${SECRET('kv-policy', 'a')} azure-keyvault-access-policy`, false]],
    absent: [`${P(1)} -> ${SECRET('kv-rbac', 'b')} azure-keyvault-access-policy`, `${P(1)} -> ${SECRET('kv-rbac', 'b')} azure-keyvault-secret-read`],
  },
  {
    name: "an application's owner adds a credential and acts as its service principal; the owner of another application does not reach it",
    files: () => [
      json('sps.json', [{ id: id(300), appId: id(301), displayName: 'app-one', servicePrincipalType: 'Application' }, { id: id(310), appId: id(311), displayName: 'app-two', servicePrincipalType: 'Application' }]),
      json('apps.json', [{ id: id(302), appId: id(301), displayName: 'app-one', signInAudience: 'AzureADMyOrg', owners: [{ '@odata.type': '#microsoft.graph.user', id: id(1) }] }, { id: id(312), appId: id(311), displayName: 'app-two', signInAudience: 'AzureADMyOrg', owners: [{ '@odata.type': '#microsoft.graph.user', id: id(2) }] }]),
    ],
    holds: [[`${P(1)} -> ${P(300)} azure-app-credential`, false]],
    absent: [`${P(2)} -> ${P(300)} azure-app-credential`, `${P(1)} -> azure:app:${id(301)} azure-app-credential`],
  },
  {
    name: 'Application Administrator tenant-wide reaches every application; scoped to one application only that one; on an administrative unit, none',
    files: () => [
      json('sps.json', [{ id: id(300), appId: id(301), displayName: 'app-one', servicePrincipalType: 'Application' }, { id: id(310), appId: id(311), displayName: 'app-two', servicePrincipalType: 'Application' }, { id: id(320), appId: id(321), displayName: 'Graph', servicePrincipalType: 'Application', appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a' }]),
      directory([[1, APP_ADMIN], [2, APP_ADMIN, `/${id(300)}`], [3, APP_ADMIN, `/administrativeUnits/${id(900)}`]]),
    ],
    holds: [[`${P(1)} -> set:azure:tenant:applications azure-app-credential`, false], [`${P(2)} -> ${P(300)} azure-app-credential`, false]],
    absent: [`${P(2)} -> ${P(310)} azure-app-credential`, `${P(3)} -> set:azure:tenant:applications azure-app-credential`],
  },
  {
    name: 'Global Administrator holds the tenant; an eligible Privileged Role Administrator conditionally; an ended eligibility and Directory Readers not at all',
    files: () => [
      directory([[1, GA], [4, READERS]]),
      json('eligible.json', { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules', value: [{ id: 'e1', principalId: id(2), roleDefinitionId: PRA, directoryScopeId: '/' }, { id: 'e2', principalId: id(3), roleDefinitionId: GA, directoryScopeId: '/', endDateTime: '2025-01-01T00:00:00Z' }] }),
    ],
    holds: [[`${P(1)} -> admin:azure:tenant azure-directory-admin`, false], [`${P(2)} -> admin:azure:tenant azure-directory-admin`, true]],
    absent: [`${P(3)} -> admin:azure:tenant azure-directory-admin`, `${P(4)} -> admin:azure:tenant azure-directory-admin`],
  },
  {
    name: 'the tenant administrator elevates to the root scope, whose administrator administers every subscription; without Azure scopes there is nothing to elevate to',
    files: () => [directory([[1, GA]]), subscriptions],
    holds: [['admin:azure:tenant -> admin:azure:/ azure-elevate-access', false], [`admin:azure:/ -> ${ADMIN_SUB} azure-role-assignment-write`, false]],
    absent: [],
  },
  {
    name: 'no elevation edge without any subscription or management group',
    files: () => [directory([[1, GA]])],
    holds: [],
    absent: ['admin:azure:tenant -> admin:azure:/ azure-elevate-access'],
  },
  {
    name: 'Owner of a management group administers the subscriptions below it (hierarchy exported), not a subscription outside it',
    files: () => [
      json('mg.json', { id: '/providers/Microsoft.Management/managementGroups/mg-prod', name: 'mg-prod', type: 'Microsoft.Management/managementGroups', displayName: 'Prod', children: [{ id: SUB_KEY, name: SUB, type: '/subscriptions', displayName: 'prod' }] }),
      json('other.json', [{ id: id(42), name: 'other', isDefault: false, tenantId: id(9999), state: 'Enabled' }]),
      assignments([[1, 'Owner', '/providers/Microsoft.Management/managementGroups/mg-prod']], 'Group'),
    ],
    holds: [[`${P(1)} -> admin:azure:managementGroups/mg-prod azure-role-assignment-write`, false], [`admin:azure:managementGroups/mg-prod -> ${ADMIN_SUB} azure-role-assignment-write`, false]],
    absent: [`admin:azure:managementGroups/mg-prod -> admin:azure:${id(42)} azure-role-assignment-write`],
  },
  {
    name: 'listClusterAdminCredential fetches cluster-admin of an AKS cluster with local accounts; with local accounts disabled, not',
    files: () => [aks(false), assignments([[1, 'Azure Kubernetes Service Cluster Admin Role', RG('rg-k8s')]])],
    holds: [[`${P(1)} -> admin:kubernetes:aks-one azure-aks-cluster-admin`, false]],
    absent: [],
  },
  {
    name: 'no cluster-admin credentials when local accounts are disabled',
    files: () => [aks(true), assignments([[1, 'Azure Kubernetes Service Cluster Admin Role', RG('rg-k8s')]])],
    holds: [],
    absent: [`${P(1)} -> admin:kubernetes:aks-one azure-aks-cluster-admin`],
  },
  {
    name: "the cluster's administrator acts as its kubelet identity when the identity is exported",
    files: () => [aks(false), assignments([[1, 'Azure Kubernetes Service Cluster Admin Role', RG('rg-k8s')], [700, 'Reader', RG('rg-k8s')]], 'ServicePrincipal')],
    holds: [[`admin:kubernetes:aks-one -> ${P(700)} azure-aks-kubelet-identity`, false]],
    absent: [],
  },
  {
    name: 'no kubelet edge to an identity the cluster does not name as its kubelet identity',
    files: () => [aks(false, id(710)), assignments([[1, 'Azure Kubernetes Service Cluster Admin Role', RG('rg-k8s')], [700, 'Reader', RG('rg-k8s')]], 'ServicePrincipal')],
    holds: [[`${P(1)} -> admin:kubernetes:aks-one azure-aks-cluster-admin`, false]],
    absent: [`admin:kubernetes:aks-one -> ${P(700)} azure-aks-kubelet-identity`],
  },
  {
    name: 'a member of a group that escalates holds its escalation; a member of a group that does not, nothing',
    files: () => [
      json('groups.json', [{ id: id(50), displayName: 'admins', securityEnabled: true, mailEnabled: false, members: [{ '@odata.type': '#microsoft.graph.user', id: id(1) }] }, { id: id(60), displayName: 'readers', securityEnabled: true, mailEnabled: false, members: [{ '@odata.type': '#microsoft.graph.user', id: id(2) }] }]),
      assignments([[50, 'Owner', SUB_KEY], [60, 'Reader', SUB_KEY]], 'Group'),
    ],
    holds: [[`${P(1)} -> ${P(50)} azure-member-of`, false]],
    absent: [`${P(2)} -> ${P(60)} azure-member-of`],
  },
];

describe('Azure techniques', () => {
  it.each(CASES)('$name', async ({ files, holds, absent }) => {
    const edges = await escalations(files());
    for (const [edge, conditional] of holds) {
      expect(edges.has(edge), `${edge} in\n${[...edges.keys()].join('\n')}`).toBe(true);
      expect(edges.get(edge)!.conditional, edge).toBe(conditional);
      expect(edges.get(edge)!.evidence.length, edge).toBeGreaterThan(0);
    }
    for (const edge of absent) expect(edges.has(edge), edge).toBe(false);
  });

  it('cites the assignment and its condition on a conditional escalation', async () => {
    const edges = await escalations(CASES[0]!.files());
    const e = edges.get(`${P(3)} -> ${ADMIN_SUB} azure-role-assignment-write`)!;
    expect(e.evidence[0]).toMatchObject({ statement: 'User Access Administrator', condition: expect.stringMatching(/^@Request\[Microsoft\.Authorization\/roleAssignments:RoleDefinitionId\]/) });
    expect(e.notes).toEqual(['the assignment has a condition the analysis does not decide']);
  });

  it('marks administrators: members of an administrator group too', async () => {
    const s = new ImportSession();
    s.addFiles(CASES[CASES.length - 1]!.files());
    const a = await analyze(s.graph, { asOf: AS_OF });
    expect([...a.providers.get('azure')!.admins.keys()].sort()).toEqual([P(1), P(50)].sort());
  });
});
