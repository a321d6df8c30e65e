/** Every GCP sample of the public corpus, table-driven: format, status and real counts. */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, PUBLIC_CORPUS } from '../../../test-support/public-corpus';
import { expectCleanImport } from '../../../test-support/clean-import';

const FORSETI = 'forseti-security/tests/services/inventory/test_data';
const PL = (d: string) => `policy-library/validator/test/fixtures/${d}/assets/data.json`;
const CAI = 'gcp.cloud-asset-inventory';

const TABLE: { file: string; format: string; counts: Record<string, number> }[] = [
  { file: `${FORSETI}/additional_cai_iam_policies.dump`, format: CAI, counts: { 'gcp.resource': 8, 'gcp.group': 1, 'gcp.projectRole': 7, 'gcp.user': 1, 'gcp.allAuthenticatedUsers': 1, 'gcp.domain': 1, binding: 12 } },
  { file: `${FORSETI}/mock_cai_iam_policies.dump`, format: CAI, counts: { 'gcp.organization': 1, 'gcp.folder': 3, 'gcp.project': 4, 'gcp.bucket': 2, 'gcp.resource': 10, 'gcp.user': 6, 'gcp.group': 3, 'gcp.serviceAccount': 8, 'gcp.projectRole': 10, 'gcp.allAuthenticatedUsers': 1, 'gcp.domain': 1, binding: 35, 'audit config': 5 } },
  { file: `${FORSETI}/mock_cai_project3_iam_policies.dump`, format: CAI, counts: { 'gcp.project': 1, 'gcp.resource': 1, 'gcp.serviceAccount': 2, 'gcp.group': 2, 'gcp.user': 3, 'gcp.projectRole': 3, 'gcp.allAuthenticatedUsers': 1, 'gcp.domain': 1, binding: 7 } },
  { file: `${FORSETI}/mock_cai_project4_iam_policies.dump`, format: CAI, counts: { 'gcp.project': 1, 'gcp.serviceAccount': 2, 'gcp.group': 1, 'gcp.user': 1, binding: 2 } },
  { file: `${FORSETI}/mock_cai_resources.dump`, format: CAI, counts: { 'gcp.organization': 1, 'gcp.folder': 3, 'gcp.project': 4, 'gcp.role': 2, 'gcp.bucket': 2, 'gcp.serviceAccount': 3, 'gcp.systemManagedKey': 1, 'gcp.resource': 113, 'GKE RBAC asset (not imported)': 4 } },
  { file: PL('bigquery_dataset_world_readable'), format: CAI, counts: { 'gcp.resource': 4, 'gcp.projectRole': 3, 'gcp.allAuthenticatedUsers': 1, 'gcp.allUsers': 1, binding: 12 } },
  { file: PL('gcp_iam_restrict_service_account_creation'), format: CAI, counts: { 'gcp.serviceAccount': 3 } },
  { file: PL('gcp_iam_restrict_service_account_key_age'), format: CAI, counts: { 'gcp.serviceAccountKey': 5, 'gcp.serviceAccount': 1 } },
  { file: PL('gcp_iam_restrict_service_account_key_type'), format: CAI, counts: { 'gcp.serviceAccountKey': 1, 'gcp.systemManagedKey': 1, 'gcp.serviceAccount': 1 } },
  { file: PL('iam_allowed_bindings'), format: CAI, counts: { 'gcp.project': 1, 'gcp.bucket': 1, 'gcp.resource': 4, 'gcp.user': 8, 'gcp.serviceAccount': 1, 'gcp.group': 1, 'gcp.allUsers': 1, 'gcp.allAuthenticatedUsers': 1, binding: 13 } },
  { file: PL('iam_allowed_policy_member_domains'), format: CAI, counts: { 'gcp.project': 2, 'gcp.serviceAccount': 11, 'gcp.user': 3, 'gcp.domain': 1, 'gcp.projectRole': 1, binding: 11 } },
  { file: PL('iam_custom_role_permissions'), format: CAI, counts: { 'gcp.role': 2 } },
  { file: 'iam-dataset/gcp/predefined_roles.json', format: 'gcp.roles', counts: { 'gcp.role': 2390 } },
];

/** `gcloud iam roles describe` output: one role each, with its permissions. */
const ROLE_FILES = hasPublicCorpus ? readdirSync(resolve(PUBLIC_CORPUS, 'iam-dataset/gcp/roles')).filter((f) => f.endsWith('.json')) : [];

describe.skipIf(!hasPublicCorpus)('public GCP exports', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, counts }) => {
    const { report } = importFile(publicFile(file));
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
  });

  it('reads all 51 role descriptions as roles with their permissions', () => {
    expect(ROLE_FILES).toHaveLength(51);
    for (const f of ROLE_FILES) {
      const { report, fragment } = importFile(publicFile(`iam-dataset/gcp/roles/${f}`));
      expect(report.status, f).toBe('imported');
      expect(report.format).toBe('gcp.roles');
      expect(report.counts).toEqual({ 'gcp.role': 1 });
      const role = [...fragment.nodes.values()][0]!;
      expect(role.id).toBe(`roles/${f.replace(/\.json$/, '')}`);
      expect((role.attributes.permissions as string[]).length).toBe(role.attributes.permissionCount);
    }
    const owner = [...importFile(publicFile('iam-dataset/gcp/roles/owner.json')).fragment.nodes.values()][0]!;
    expect(owner.attributes.permissionCount).toBe(13568);
    expect(owner.attributes).toMatchObject({ title: 'Owner', stage: 'GA', custom: false });
  });

  it('skips the # comment lines of a Forseti dump and locates records by line', () => {
    const { report, fragment } = importFile(publicFile(`${FORSETI}/additional_cai_iam_policies.dump`));
    expect(report.formatLabel).toMatch(/# comments/);
    const grant = [...fragment.edges.values()].find((e) => e.kind === 'gcp.grantedRole' && e.source === 'group:test-group@forseti.testing')!;
    expect(grant.target).toBe('roles/bigquery.dataEditor');
    expect(grant.evidence[0]).toMatchObject({ file: 'additional_cai_iam_policies.dump', location: 'line 6: iam_policy.bindings[0].members[0]', policy: '//bigquery.googleapis.com/projects/1042/datasets/bq_test_ds' });
    expect(fragment.nodes.get('projectOwner:project_does_not_exist')?.kind).toBe('gcp.projectRole');
  });

  it('maps CAI project numbers to ids within the resource export, and builds the hierarchy', () => {
    const { fragment, report } = importFile(publicFile(`${FORSETI}/mock_cai_resources.dump`));
    const project = fragment.nodes.get('//cloudresourcemanager.googleapis.com/projects/project3')!;
    expect(project).toMatchObject({ kind: 'gcp.project', account: 'project3', placeholder: false });
    expect(project.attributes).toMatchObject({ projectId: 'project3', projectNumber: '1043', displayName: 'Project 3', state: 'ACTIVE' });
    const parents = (id: string) => [...fragment.edges.values()].filter((e) => e.kind === 'gcp.childOf' && e.source === id).map((e) => e.target);
    expect(parents('//cloudresourcemanager.googleapis.com/projects/project3')).toEqual(['//cloudresourcemanager.googleapis.com/folders/1031']);
    expect(parents('//cloudresourcemanager.googleapis.com/folders/1033')).toEqual(['//cloudresourcemanager.googleapis.com/folders/1032']);
    expect(parents('//storage.googleapis.com/bucket1')).toEqual(['//cloudresourcemanager.googleapis.com/projects/project3']);
    // A service account named by unique id in CAI: its node is the member string, with both names kept.
    const sa = fragment.nodes.get('serviceAccount:123-compute@developer.gserviceaccount.com')!;
    expect(sa).toMatchObject({ kind: 'gcp.serviceAccount', account: 'project2' });
    expect(sa.attributes).toMatchObject({ uniqueId: '09876543210987654321', caiName: '//iam.googleapis.com/projects/project2/serviceAccounts/09876543210987654321' });
    const key = fragment.nodes.get('//iam.googleapis.com/projects/project2/serviceAccounts/123-compute@developer.gserviceaccount.com/keys/5555abcabcabc444444abcabc')!;
    expect(key.kind).toBe('gcp.systemManagedKey');
    expect(key.attributes).toMatchObject({ keyType: 'SYSTEM_MANAGED', created: '2019-11-19T04:15:47.000Z', validUntil: '2019-12-05T04:15:47.000Z', active: true });
    const role = fragment.nodes.get('organizations/111222333/roles/role2')!;
    expect(role.attributes).toMatchObject({ custom: true, permissionCount: 8 });
    expect(role.account).toBe('organizations/111222333');
    const subnet = [...fragment.nodes.values()].find((n) => n.attributes.assetType === 'compute.googleapis.com/Subnetwork');
    expect(subnet?.kind).toBe('gcp.resource');
    expect(report.notes.some((n) => /GKE RBAC objects/.test(n))).toBe(true);
    expect(report.notes.some((n) => /^113 asset\(s\) of 64 other type\(s\) kept as resources with their asset type: compute.googleapis.com\/Subnetwork 24, compute.googleapis.com\/Firewall 7/.test(n))).toBe(true);
    // The GKE cluster's masterAuth.password is dropped by the core's scrubber before this importer runs.
    expect(report.droppedSecrets).toBe(1);
  });

  it('reads the key-age fixture: validity windows become created / validUntil, 9999 means no expiry', () => {
    const { fragment } = importFile(publicFile(PL('gcp_iam_restrict_service_account_key_age')));
    const keys = [...fragment.nodes.values()].filter((n) => n.kind === 'gcp.serviceAccountKey');
    expect(keys.map((k) => k.attributes.keyId).sort()).toEqual(['testkeyageover100000days', 'testkeyageover100days', 'testkeyageover90days', 'testkeyagefuture', 'testkeyexpired'].sort());
    expect(keys.every((k) => k.attributes.keyType === 'unknown (treated as user-managed)')).toBe(true);
    const credentialOf = [...fragment.edges.values()].filter((e) => e.kind === 'credentialOf');
    expect(credentialOf).toHaveLength(5);
    expect(new Set(credentialOf.map((e) => e.target))).toEqual(new Set(['serviceAccount:111111-compute@developer.gserviceaccount.com']));
  });

  it('keeps service agents as Google-managed, outside the customer project', () => {
    const { fragment } = importFile(publicFile(PL('iam_allowed_policy_member_domains')));
    const agent = fragment.nodes.get('serviceAccount:service-186783260185@gcp-sa-cloudasset.iam.gserviceaccount.com')!;
    expect(agent.attributes.googleManaged).toBe(true);
    expect(agent.account).toBeUndefined();
    expect(fragment.nodes.get('serviceAccount:cai-292@noble-history-87417.iam.gserviceaccount.com')!.account).toBe('noble-history-87417');
  });
});
