/** Our own Azure fixtures (fixtures/azure), table-driven: format, status, counts, dropped secrets; then what each shape must give. */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { ImportSession } from '../../../graph/session';
import { REPO_FIXTURES, repoFile, textFile } from '../../../test-support/public-corpus';
import { expectCleanImport } from '../../../test-support/clean-import';

const PROD = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const RG = `/subscriptions/${PROD}/resourcegroups/rg-payments`;
const P = (oid: string) => `azure:principal:${oid}`;
const APP = 'c1000000-0000-4000-8000-000000000010';

const TABLE: { file: string; format: string; counts: Record<string, number>; dropped?: number }[] = [
  { file: 'role-assignments.json', format: 'azure.role-assignments', counts: { 'azure.user': 6, 'azure.group': 1, 'azure.servicePrincipal': 3, 'role assignment': 10 } },
  { file: 'role-assignments-nested.json', format: 'azure.role-assignments', counts: { 'azure.user': 2, 'role assignment': 2 } },
  { file: 'role-definitions.json', format: 'azure.role-definitions', counts: { 'azure.roleDefinition': 2 } },
  { file: 'service-principals.json', format: 'azure.service-principals', counts: { 'azure.servicePrincipal': 2, 'azure.managedIdentity': 1, 'azure.credential': 2, 'client secret': 1, certificate: 1 }, dropped: 2 },
  { file: 'applications.json', format: 'azure.applications', counts: { 'azure.application': 2, 'azure.credential': 3, 'azure.user': 1, 'client secret': 2, certificate: 1 }, dropped: 3 },
  { file: `${APP}.owners.json`, format: 'azure.directory-object-list', counts: { 'azure.user': 1, owner: 1 } },
  { file: `${APP}.federated-credentials.json`, format: 'azure.federated-credentials', counts: { 'azure.federatedCredential': 1 } },
  { file: 'identities.json', format: 'azure.resources', counts: { 'azure.resource': 2, 'azure.managedIdentity': 2 } },
  { file: 'identity-federated-credentials.json', format: 'azure.federated-credentials', counts: { 'azure.federatedCredential': 2 } },
  { file: 'kv-payments.show.json', format: 'azure.resources', counts: { 'azure.keyVault': 1 } },
  { file: 'kv-legacy.show.json', format: 'azure.resources', counts: { 'azure.keyVault': 1, 'azure.principal': 3, 'access policy': 3 } },
  { file: 'kv-payments.secrets.json', format: 'azure.keyvault-secrets', counts: { 'azure.secret': 3 } },
  { file: 'kv-legacy.secrets.json', format: 'azure.keyvault-secrets', counts: { 'azure.secret': 1 } },
  { file: 'kv-legacy.secret-show.json', format: 'azure.keyvault-secrets', counts: { 'azure.secret': 1 }, dropped: 1 },
  { file: 'resources.json', format: 'azure.resources', counts: { 'azure.resource': 3, 'azure.keyVault': 2, 'azure.managedIdentity': 3 } },
  { file: 'management-groups.json', format: 'azure.management-groups', counts: { 'azure.managementGroup': 2, 'azure.subscription': 2 } },
  { file: 'subscriptions.json', format: 'azure.subscriptions', counts: { 'azure.subscription': 2 } },
  { file: 'directory-role-assignments.json', format: 'azure.directory-role-assignments', counts: { 'azure.principal': 4, 'azure.user': 1, 'azure.directoryRole': 1, 'directory role assignment': 5 } },
  { file: 'directory-role-eligibility.json', format: 'azure.directory-role-assignments', counts: { 'azure.principal': 2, 'eligible directory role assignment': 2 } },
  { file: 'groups.json', format: 'azure.groups', counts: { 'azure.group': 1, 'azure.user': 1 } },
  { file: 'aks-payments.serviceaccounts.json', format: 'k8s.kubectl', counts: { 'k8s.serviceAccount': 4 } },
];

const edgesOf = (file: string) => [...importFile(repoFile(`azure/${file}`)).fragment.edges.values()];

describe('Azure fixtures', () => {
  it('covers every fixture file', () => {
    const files = readdirSync(resolve(REPO_FIXTURES, 'azure')).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(TABLE.map((t) => t.file).sort());
  });

  it.each(TABLE)('$file imports as $format', ({ file, format, counts, dropped }) => {
    const { report } = importFile(repoFile(`azure/${file}`));
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
    expect(report.droppedSecrets).toBe(dropped ?? 0);
  });

  it('compares ARM ids without case: `resourceGroups` and `resourcegroups` are one resource group', () => {
    const s = new ImportSession();
    s.addFiles(['role-assignments.json', 'identities.json', 'resources.json'].map((f) => repoFile(`azure/${f}`)));
    const groups = s.graph.filterNodes((_, a) => a.kind === 'azure.resourceGroup');
    expect(groups).toEqual([RG]);
    expect(s.graph.getNodeAttribute(RG, 'name')).toBe('rg-payments');
    expect(s.graph.hasNode(`${RG}/providers/microsoft.managedidentity/userassignedidentities/id-payments-worker`)).toBe(true);
  });

  it('reads flat and properties-nested assignments alike, and keeps a condition word for word in the evidence', () => {
    const flat = edgesOf('role-assignments.json').find((e) => e.kind === 'azure.roleAssignment' && e.source === P('ca201000-0000-4000-8000-000000000003'))!;
    expect(flat.attributes).toMatchObject({ scope: RG, roleName: 'Role Based Access Control Administrator', conditionVersion: '2.0' });
    expect(flat.evidence[0]).toMatchObject({ file: 'role-assignments.json', location: '[2]', statement: 'Role Based Access Control Administrator' });
    expect(flat.evidence[0]!.condition).toMatch(/^\(\(!\(ActionMatches\{'Microsoft\.Authorization\/roleAssignments\/write'\}\)\) OR/);
    const nested = edgesOf('role-assignments-nested.json').find((e) => e.kind === 'azure.roleAssignment')!;
    expect(nested).toMatchObject({ source: P('10d40000-0000-4000-8000-00000000000b'), target: 'azure:role:5eed0000-0000-4000-8000-0000000000f1', attributes: { scope: RG, created: '2023-03-01T10:00:00.000Z' } });
    expect(nested.evidence[0]!.location).toBe('[0].properties');
  });

  it('keeps credentials on the application with their dates (Graph and AAD Graph names), the service principal acting', () => {
    const { fragment } = importFile(repoFile('azure/applications.json'));
    const secret = fragment.nodes.get(`azure:app:${APP}#password/6e000000-0000-4000-8000-000000000001`)!;
    expect(secret).toMatchObject({ kind: 'azure.credential', attributes: { credentialType: 'client secret', created: '2023-01-10T08:00:00.000Z', expires: '2025-01-10T08:00:00.000Z', holder: 'application' } });
    expect(secret.attributes).not.toHaveProperty('hint');
    const old = fragment.nodes.get('azure:app:c2000000-0000-4000-8000-000000000010#password/7e000000-0000-4000-8000-000000000001')!;
    expect(old.attributes).toMatchObject({ created: '2022-06-01T00:00:00.000Z', expires: '2023-06-01T00:00:00.000Z' });
    const sps = importFile(repoFile('azure/service-principals.json')).fragment;
    expect(sps.edges.get(`azure.servicePrincipalOf|azure:app:${APP}|${P('c1000000-0000-4000-8000-000000000011')}`)).toBeDefined();
    expect(sps.nodes.get(P('d1000000-0000-4000-8000-000000000020'))).toMatchObject({ kind: 'azure.managedIdentity', account: PROD, attributes: { managedIdentity: 'user-assigned', clientId: 'd1000000-0000-4000-8000-000000000021' } });
    expect(sps.nodes.get(P('5f000000-0000-4000-8000-000000000001'))!.attributes.firstParty).toBe(true);
  });

  it('names owners and application federated credentials by the file name, and refuses a list that does not say whose it is', () => {
    const owners = edgesOf(`${APP}.owners.json`);
    expect(owners).toEqual([expect.objectContaining({ kind: 'azure.ownerOf', source: P('b0b00000-0000-4000-8000-000000000002'), target: `azure:app:${APP}` })]);
    const text = JSON.stringify([{ '@odata.type': '#microsoft.graph.user', id: 'b0b00000-0000-4000-8000-000000000002' }]);
    expect(importFile(textFile('owners.json', text)).report).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/name the file APPID\.owners\.json/)] });
    const fic = JSON.stringify([{ audiences: ['api://AzureADTokenExchange'], id: 'f1c00000-0000-4000-8000-000000000001', issuer: 'https://token.actions.githubusercontent.com', name: 'x', subject: 'repo:a/b:ref:refs/heads/main' }]);
    expect(importFile(textFile('fics.json', fic)).report).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/name the file after its appId/)] });
  });

  it('reads access policies as grants on the vault, lower-cased, with the compound identity kept', () => {
    const policies = edgesOf('kv-legacy.show.json').filter((e) => e.kind === 'azure.accessPolicy');
    expect(policies.map((e) => [e.source, e.attributes.secrets, e.attributes.applicationId])).toEqual([
      [P('e2140000-0000-4000-8000-000000000005'), ['get', 'list'], undefined],
      [P('f2a4c000-0000-4000-8000-000000000007'), ['get'], APP],
      [P('10d40000-0000-4000-8000-00000000000b'), ['list'], undefined],
    ]);
    expect(policies[0]!.evidence[0]).toMatchObject({ location: 'properties.accessPolicies[0]' });
  });

  it('draws a secret under its vault when another file of the batch names the vault, and keeps secret dates', () => {
    const s = new ImportSession();
    s.addFiles(['kv-payments.show.json', 'kv-payments.secrets.json'].map((f) => repoFile(`azure/${f}`)));
    const secret = 'https://kv-payments.vault.azure.net/secrets/ci-deployer-secret';
    expect(s.graph.outNeighbors(secret)).toEqual([`${RG}/providers/microsoft.keyvault/vaults/kv-payments`]);
    expect(s.graph.getNodeAttribute(secret, 'attributes')).toMatchObject({ vault: 'kv-payments', enabled: true, created: '2024-02-01T10:00:00.000Z', lastRotated: '2025-02-01T10:00:00.000Z', expires: '2025-01-10T08:00:00.000Z' });
  });

  it('reads the management group tree and the directory roles, eligibility included', () => {
    const tree = edgesOf('management-groups.json').filter((e) => e.kind === 'azure.childOf').map((e) => `${e.source} -> ${e.target}`);
    expect(tree).toContain(`/subscriptions/${PROD} -> /providers/microsoft.management/managementgroups/mg-prod`);
    expect(tree).toContain('/providers/microsoft.management/managementgroups/mg-prod -> /providers/microsoft.management/managementgroups/72f988bf-0000-4000-8000-2d7cd011db47');
    const eligible = edgesOf('directory-role-eligibility.json');
    expect(eligible[0]).toMatchObject({ kind: 'azure.directoryRoleAssignment', target: 'azure:directoryRole:e8611ab8-c189-46e8-94e1-60213ab1f814', attributes: { eligible: true, directoryScopeId: '/' } });
    expect(eligible[0]!.evidence[0]).toMatchObject({ location: 'value[0]', policy: 'elig-ivan-pra' });
  });
});
