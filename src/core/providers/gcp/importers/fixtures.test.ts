/** Blastmap's own GCP fixtures (fixtures/gcp): every format, id, attribute and piece of evidence. */
import { describe, expect, it } from 'vitest';
import { importFile, prescanFacts } from '../../../importers/import-file';
import { repoFile, textFile } from '../../../test-support/public-corpus';
import type { Fragment } from '../../../model/fragment';
import { expectCleanImport } from '../../../test-support/clean-import';

const G = (rel: string) => repoFile(`gcp/${rel}`);
const PROJECT = '//cloudresourcemanager.googleapis.com/projects/acme-prod';
const DEPLOYER = 'serviceAccount:deployer@acme-prod.iam.gserviceaccount.com';
const facts = () => {
  const f = new Map<string, Set<string>>();
  prescanFacts([G('projects.json')], f);
  return f;
};
const edges = (f: Fragment, kind: string) => [...f.edges.values()].filter((e) => e.kind === kind);

const TABLE: { file: string; format: string; counts: Record<string, number> }[] = [
  { file: 'projects/acme-prod.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.project': 1, 'gcp.deleted': 2, 'gcp.domain': 1, 'gcp.principalSet': 1, 'gcp.principal': 1, 'gcp.serviceAccount': 4, 'gcp.user': 6, 'gcp.group': 1, 'gcp.workloadIdentity': 1, 'gcp.allUsers': 1, binding: 15, 'audit config': 1 } },
  { file: 'folders/555.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.folder': 1, 'gcp.user': 2, binding: 2 } },
  { file: 'organizations/123456789012.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.organization': 1, 'gcp.group': 1, 'gcp.user': 1, 'gcp.domain': 1, binding: 3 } },
  { file: 'deployer@acme-prod.iam.gserviceaccount.com.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.serviceAccount': 1, 'gcp.user': 1, binding: 1 } },
  { file: 'app@acme-prod.iam.gserviceaccount.com.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.serviceAccount': 1, 'gcp.user': 1, 'gcp.workloadIdentity': 1, binding: 2 } },
  { file: 'projects/acme-prod/secrets/db-password.iam.json', format: 'gcp.get-iam-policy', counts: { 'gcp.secret': 1, 'gcp.serviceAccount': 1, binding: 1 } },
  { file: 'acme-dev.get-iam-policy.yaml', format: 'gcp.get-iam-policy.yaml', counts: { 'gcp.project': 1, 'gcp.user': 1, 'gcp.serviceAccount': 1, binding: 2 } },
  { file: 'service-accounts.json', format: 'gcp.service-accounts', counts: { 'gcp.serviceAccount': 5 } },
  { file: 'keys-deployer.json', format: 'gcp.service-account-keys', counts: { 'gcp.serviceAccountKey': 3, 'gcp.systemManagedKey': 1, 'gcp.serviceAccount': 1 } },
  { file: 'deployer-key.json', format: 'gcp.credential-file', counts: { 'gcp.serviceAccountKey': 1, 'gcp.serviceAccount': 1, 'downloaded key file': 1 } },
  { file: 'secrets.json', format: 'gcp.secrets', counts: { 'gcp.secret': 2 } },
  { file: 'secret-versions-api-token.json', format: 'gcp.secret-versions', counts: { 'gcp.secret': 1 } },
  { file: 'secret-access.json', format: 'gcp.secret-payload', counts: { 'gcp.secret': 1 } },
  { file: 'custom-role.json', format: 'gcp.roles', counts: { 'gcp.role': 1 } },
  { file: 'projects.json', format: 'gcp.projects', counts: { 'gcp.project': 2 } },
  { file: 'folders.json', format: 'gcp.folders', counts: { 'gcp.folder': 1 } },
  { file: 'organizations.json', format: 'gcp.folders', counts: { 'gcp.organization': 1 } },
  { file: 'asset-list.json', format: 'gcp.cloud-asset-inventory', counts: { 'gcp.bucket': 1, 'gcp.projectRole': 2, 'gcp.allUsers': 1, binding: 2 } },
  { file: 'search-all-iam-policies.json', format: 'gcp.search-all-iam-policies', counts: { 'gcp.project': 1, 'gcp.resource': 1, 'gcp.serviceAccount': 1, 'gcp.user': 1, binding: 2 } },
  { file: 'ops@acme.example.members.json', format: 'gcp.group-memberships', counts: { 'gcp.group': 1, 'gcp.user': 2, 'gcp.serviceAccount': 1, membership: 3 } },
  { file: 'deny-policies.json', format: 'gcp.deny-policies', counts: { 'deny rule (not evaluated)': 1 } },
];

describe('GCP fixtures', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, counts }) => {
    const { report } = importFile(G(file), undefined, facts());
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
  });

  it('reads every member prefix of a project policy into its kind, e-mails lower-cased', () => {
    const { fragment } = importFile(G('projects/acme-prod.iam.json'));
    const kind = (id: string) => fragment.nodes.get(id)?.kind;
    expect(kind('user:alice@acme.example')).toBe('gcp.user');
    expect(kind('group:ops@acme.example')).toBe('gcp.group');
    expect(kind('domain:acme.example')).toBe('gcp.domain');
    expect(kind('allUsers')).toBe('gcp.allUsers');
    expect(kind('deleted:serviceAccount:old-sa@acme-prod.iam.gserviceaccount.com?uid=112233445566778899001')).toBe('gcp.deleted');
    expect(fragment.nodes.get('deleted:user:gone@acme.example?uid=424242424242')!.name).toBe('user:gone@acme.example (deleted)');
    const set = 'principalSet://iam.googleapis.com/projects/1111/locations/global/workloadIdentityPools/github/attribute.repository/acme/web';
    expect(kind(set)).toBe('gcp.principalSet');
    const pool = '//iam.googleapis.com/projects/1111/locations/global/workloadIdentityPools/github';
    expect(fragment.nodes.get(pool)).toMatchObject({ kind: 'gcp.workloadIdentityPool', placeholder: true });
    expect(edges(fragment, 'memberOf').map((e) => [e.source, e.target])).toContainEqual([set, pool]);
    expect(kind('principal://iam.googleapis.com/projects/1111/locations/global/workloadIdentityPools/github/subject/repo:acme/web:ref:refs/heads/main')).toBe('gcp.principal');
    expect(fragment.nodes.get('serviceAccount:acme-prod.svc.id.goog[payments/api]')).toMatchObject({ kind: 'gcp.workloadIdentity', name: 'payments/api (acme-prod)', account: 'acme-prod' });
    expect(fragment.nodes.get('serviceAccount:service-1111@gcp-sa-cloudbuild.iam.gserviceaccount.com')!.attributes.googleManaged).toBe(true);
    expect(fragment.nodes.get(DEPLOYER)!.account).toBe('acme-prod');
    expect(fragment.nodes.get('roles/owner')).toMatchObject({ kind: 'gcp.role', placeholder: true });
    expect(fragment.nodes.get(PROJECT)).toMatchObject({ kind: 'gcp.project', account: 'acme-prod', placeholder: false });
  });

  it('keeps each binding as an edge with its resource, condition and evidence', () => {
    const { fragment } = importFile(G('projects/acme-prod.iam.json'));
    const owner = fragment.edges.get(`gcp.grantedRole|user:alice@acme.example|roles/owner|${PROJECT}`)!;
    expect(owner.attributes).toEqual({ resource: PROJECT });
    expect(owner.evidence).toEqual([{ file: 'acme-prod.iam.json', location: 'bindings[9].members[0]', policy: PROJECT, statement: 'bindings[9]', note: `user:alice@acme.example holds roles/owner on ${PROJECT}` }]);
    const carol = edges(fragment, 'gcp.grantedRole').find((e) => e.source === 'user:carol@acme.example')!;
    expect(carol.attributes.condition).toEqual({ expression: 'resource.name.startsWith("projects/acme-prod/serviceAccounts/ci-")', title: 'ci accounts only', description: 'Only the CI service accounts' });
    expect(carol.evidence[0]).toMatchObject({ location: 'bindings[5].members[0]', condition: 'resource.name.startsWith("projects/acme-prod/serviceAccounts/ci-")' });
    expect(carol.evidence[0]!.note).toMatch(/if "ci accounts only": resource\.name/);
  });

  it('names a service account policy after the file, and keeps the GKE workload identity binding as its own edge', () => {
    const { fragment } = importFile(G('app@acme-prod.iam.gserviceaccount.com.iam.json'));
    const app = 'serviceAccount:app@acme-prod.iam.gserviceaccount.com';
    const wi = edges(fragment, 'gcp.workloadIdentityUser');
    expect(wi.map((e) => [e.source, e.target])).toEqual([['serviceAccount:acme-prod.svc.id.goog[payments/api]', app]]);
    expect(wi[0]!.evidence[0]).toMatchObject({ location: 'bindings[1].members[0]', policy: '//iam.googleapis.com/projects/acme-prod/serviceAccounts/app@acme-prod.iam.gserviceaccount.com' });
    expect(edges(fragment, 'gcp.grantedRole').every((e) => e.attributes.resource === app)).toBe(true);
  });

  it('names a secret policy after its folders', () => {
    const { fragment } = importFile(G('projects/acme-prod/secrets/db-password.iam.json'));
    const secret = '//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password';
    expect(fragment.nodes.get(secret)).toMatchObject({ kind: 'gcp.secret', account: 'acme-prod' });
    expect(edges(fragment, 'gcp.grantedRole')[0]!.attributes.resource).toBe(secret);
    expect(edges(fragment, 'gcp.childOf').map((e) => [e.source, e.target])).toEqual([[secret, PROJECT]]);
  });

  it('reads keys: user-managed keys are credentials, Google-managed and disabled keys are not', () => {
    const { fragment } = importFile(G('keys-deployer.json'));
    const key = (id: string) => fragment.nodes.get(`//iam.googleapis.com/projects/acme-prod/serviceAccounts/deployer@acme-prod.iam.gserviceaccount.com/keys/${id}`)!;
    expect(key('0a1b2c3d4e5f60718293a4b5c6d7e8f901234567')).toMatchObject({ kind: 'gcp.serviceAccountKey', account: 'acme-prod' });
    expect(key('0a1b2c3d4e5f60718293a4b5c6d7e8f901234567').attributes).toMatchObject({ keyType: 'USER_MANAGED', created: '2023-02-14T09:30:00.000Z', neverExpires: true, active: true });
    expect(key('0a1b2c3d4e5f60718293a4b5c6d7e8f901234567').attributes.validUntil).toBeUndefined();
    expect(key('1122334455667788990011223344556677889900').attributes).toMatchObject({ keyOrigin: 'USER_PROVIDED', validUntil: '2021-01-01T00:00:00.000Z' });
    expect(key('9f8e7d6c5b4a39281706f5e4d3c2b1a098765432').kind).toBe('gcp.systemManagedKey');
    expect(key('aabbccddeeff00112233445566778899aabbccdd').attributes.active).toBe(false);
    expect(edges(fragment, 'credentialOf').map((e) => e.source.slice(-40)).sort()).toEqual(['0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', '1122334455667788990011223344556677889900']);
    expect(edges(fragment, 'gcp.keyOf')).toHaveLength(2);
    expect(edges(fragment, 'credentialOf').every((e) => e.target === DEPLOYER)).toBe(true);
  });

  it('drops the private key of a downloaded key file and keeps the key it names (the same node as in keys list)', () => {
    const { fragment, report } = importFile(G('deployer-key.json'));
    expect(report.droppedSecrets).toBe(1);
    expect(report.notes).toContain('dropped the private key of document: Blastmap never stores secret material');
    expect(JSON.stringify([...fragment.nodes.values(), ...fragment.edges.values()])).not.toMatch(/PRIVATE KEY|Tk9UIEEg/);
    const listed = importFile(G('keys-deployer.json')).fragment;
    const id = [...fragment.nodes.keys()].find((k) => k.includes('/keys/'))!;
    expect(listed.nodes.has(id)).toBe(true);
    expect(edges(fragment, 'credentialOf').map((e) => [e.source, e.target])).toEqual([[id, DEPLOYER]]);
  });

  it('drops a secret payload, and reads secrets with the project id the session tells', () => {
    const access = importFile(G('secret-access.json'), undefined, facts());
    expect(access.report.droppedSecrets).toBe(1);
    expect(JSON.stringify([...access.fragment.nodes.values()])).not.toMatch(/Tk9UIEEg/);
    expect(access.fragment.nodes.has('//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password')).toBe(true);

    const { fragment } = importFile(G('secrets.json'), undefined, facts());
    const token = fragment.nodes.get('//secretmanager.googleapis.com/projects/acme-prod/secrets/api-token')!;
    expect(token).toMatchObject({ kind: 'gcp.secret', account: 'acme-prod' });
    expect(token.attributes).toMatchObject({ created: '2024-03-01T12:00:00.000Z', replication: 'user-managed', locations: ['europe-west1', 'europe-west4'], rotationEnabled: true, nextRotation: '2024-06-01T00:00:00.000Z', rotationPeriodDays: 30, topics: ['projects/acme-prod/topics/secret-rotation'] });
    const db = fragment.nodes.get('//secretmanager.googleapis.com/projects/acme-prod/secrets/db-password')!;
    expect(db.attributes).toMatchObject({ created: '2023-01-10T08:15:30.123Z', replication: 'automatic', rotationEnabled: false, labels: [['team', 'payments']] });
    // Without the session's facts, the project number stays.
    expect(importFile(G('secrets.json')).fragment.nodes.has('//secretmanager.googleapis.com/projects/1111/secrets/api-token')).toBe(true);
    const versions = importFile(G('secret-versions-api-token.json'), undefined, facts()).fragment;
    expect(versions.nodes.get('//secretmanager.googleapis.com/projects/acme-prod/secrets/api-token')!.attributes).toMatchObject({ lastRotated: '2024-04-01T12:00:00.000Z', enabledVersions: 1, versions: 2 });
  });

  it('reads the hierarchy: projects under folders under the organization, numbers as facts', () => {
    expect([...facts().get('gcp.project')!]).toEqual(['1111=acme-prod', '2222=acme-dev']);
    const p = importFile(G('projects.json')).fragment;
    expect(p.nodes.get(PROJECT)!.attributes).toMatchObject({ projectId: 'acme-prod', projectNumber: '1111', state: 'ACTIVE', created: '2021-04-12T10:00:00.000Z' });
    expect(edges(p, 'gcp.childOf').map((e) => [e.source, e.target])).toEqual([
      [PROJECT, '//cloudresourcemanager.googleapis.com/folders/555'],
      ['//cloudresourcemanager.googleapis.com/projects/acme-dev', '//cloudresourcemanager.googleapis.com/organizations/123456789012'],
    ]);
    const f = importFile(G('folders.json')).fragment;
    expect(f.nodes.get('//cloudresourcemanager.googleapis.com/folders/555')).toMatchObject({ name: 'Production', account: 'folders/555' });
    expect(edges(f, 'gcp.childOf')[0]!.target).toBe('//cloudresourcemanager.googleapis.com/organizations/123456789012');
    // search-all-iam-policies names the project by number: with the facts, by id.
    const s = importFile(G('search-all-iam-policies.json'), undefined, facts()).fragment;
    expect(s.nodes.get('//cloudresourcemanager.googleapis.com/projects/acme-dev')).toMatchObject({ placeholder: false });
    expect(edges(s, 'gcp.childOf').map((e) => [e.source, e.target])).toContainEqual(['//pubsub.googleapis.com/projects/acme-dev/topics/events', '//cloudresourcemanager.googleapis.com/projects/acme-dev']);
  });

  it('pairs a project number with the projectId of the same object only', () => {
    const text = JSON.stringify([
      { name: '//storage.googleapis.com/b', asset_type: 'storage.googleapis.com/Bucket', resource: { data: { name: 'b', projectNumber: '1043' } } },
      { name: '//cloudresourcemanager.googleapis.com/projects/1044', asset_type: 'cloudresourcemanager.googleapis.com/Project', resource: { data: { projectId: 'project4', projectNumber: '1044' } } },
    ]);
    const f = new Map<string, Set<string>>();
    prescanFacts([textFile('cai.json', text)], f);
    expect([...f.get('gcp.project')!]).toEqual(['1044=project4']);
  });

  it('reads camelCase asset listings with ancestors', () => {
    const { fragment } = importFile(G('asset-list.json'), undefined, facts());
    const bucket = '//storage.googleapis.com/acme-prod-public';
    expect(fragment.nodes.get(bucket)).toMatchObject({ kind: 'gcp.bucket', name: 'acme-prod-public' });
    expect(edges(fragment, 'gcp.childOf').map((e) => [e.source, e.target])).toEqual([
      [bucket, PROJECT],
      [PROJECT, '//cloudresourcemanager.googleapis.com/folders/555'],
      ['//cloudresourcemanager.googleapis.com/folders/555', '//cloudresourcemanager.googleapis.com/organizations/123456789012'],
    ]);
    expect(fragment.nodes.get('projectOwner:acme-prod')!.attributes).toMatchObject({ project: 'acme-prod', basicRole: 'roles/owner' });
    // A one-record array is read as the record itself.
    expect(edges(fragment, 'gcp.grantedRole')[0]!.evidence[0]!.location).toBe('iamPolicy.bindings[0].members[0]');
    const keys = importFile(G('keys-deployer.json')).fragment;
    expect(edges(keys, 'credentialOf')[0]!.evidence[0]!.location).toBe('[0].name');
  });

  it('reads group memberships named after the group', () => {
    const { fragment } = importFile(G('ops@acme.example.members.json'));
    expect(edges(fragment, 'memberOf').map((e) => [e.source, e.target, e.attributes.groupRoles])).toEqual([
      ['user:henry@acme.example', 'group:ops@acme.example', ['MEMBER']],
      ['user:ivan@acme.example', 'group:ops@acme.example', ['MEMBER', 'MANAGER']],
      ['serviceAccount:ci@acme-prod.iam.gserviceaccount.com', 'group:ops@acme.example', ['MEMBER']],
    ]);
  });

  it('notes deny policies as not evaluated', () => {
    const { report } = importFile(G('deny-policies.json'));
    expect(report.notes[0]).toMatch(/deny policy .*no-keys \(1 rule\(s\)\) is not evaluated/);
  });

  it.each([
    ['policy.json'],
    ['bindings.json'],
    ['exports/get-iam-policy.json'],
    ['projects/get-iam-policy.json'],
  ])('rejects a get-iam-policy file whose name names no resource (%s), saying how to name it', (name) => {
    const { report } = importFile({ ...textFile(name, '{"bindings": [{"role": "roles/owner", "members": ["user:a@b.example"]}], "etag": "BwX", "version": 1}'), path: `/home/analyst/${name}` });
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/does not say which resource it belongs to.*projects\/<project-id>\.iam\.json/);
  });

  it.each([
    ['projects/my-proj/get-iam-policy.json', '//cloudresourcemanager.googleapis.com/projects/my-proj'],
    ['my-proj.get-iam-policy.json', '//cloudresourcemanager.googleapis.com/projects/my-proj'],
    ['exports/projects/my-proj.iam.json', '//cloudresourcemanager.googleapis.com/projects/my-proj'],
    ['folder-42.iam.json', '//cloudresourcemanager.googleapis.com/folders/42'],
    ['organizations/7.iam.json', '//cloudresourcemanager.googleapis.com/organizations/7'],
    ['sa@my-proj.iam.gserviceaccount.com.json', 'serviceAccount:sa@my-proj.iam.gserviceaccount.com'],
    ['buckets/logs.iam.json', '//storage.googleapis.com/logs'],
  ])('takes the resource of %s from its name', (path, target) => {
    const { report, fragment } = importFile({ ...textFile(path.split('/').pop()!, '{"bindings": [{"role": "roles/viewer", "members": ["user:a@b.example"]}], "etag": "BwX", "version": 1}'), path });
    expect(report.status).toBe('imported');
    expect(edges(fragment, 'gcp.grantedRole')[0]!.attributes.resource).toBe(target);
  });

  it('rejects a secret policy whose path has no project, and memberships that name no group', () => {
    const secret = importFile({ ...textFile('db.iam.json', '{"bindings": [], "etag": "BwX", "version": 1}'), path: 'secrets/db.iam.json' });
    expect(secret.report.errors[0]).toMatch(/names secret "db" but not its project/);
    const members = importFile(textFile('members.json', '[{"preferredMemberKey": {"id": "a@b.example"}, "type": "USER"}]'));
    expect(members.report.errors[0]).toMatch(/does not name its group/);
  });
});
