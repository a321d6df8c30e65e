/**
 * Each technique, table-driven on small inline exports: the case that holds and the probe that
 * looks alike but must not (the permission on another account only, an expired condition...).
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { textFile } from '../../test-support/public-corpus';
import type { FileInput } from '../../importers/import-file';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const policy = (path: string, bindings: unknown[]): FileInput => ({ ...textFile(path.split('/').pop()!, JSON.stringify({ bindings, etag: 'BwX', version: 3 })), path });
const accounts = (project: string, names: string[]): FileInput =>
  textFile(`${project}-sas.json`, JSON.stringify(names.map((n) => ({ email: `${n}@${project}.iam.gserviceaccount.com`, projectId: project, uniqueId: `${n}-id` }))));
const SA = (n: string, p = 'proj-a') => `serviceAccount:${n}@${p}.iam.gserviceaccount.com`;

async function escalations(files: FileInput[]): Promise<{ edges: Map<string, { conditional: unknown; notes: unknown }>; potential: string[] }> {
  const s = new ImportSession();
  const reports = s.addFiles(files);
  expect(reports.filter((r) => r.status !== 'imported').map((r) => r.errors.concat(r.warnings))).toEqual([]);
  const a = await analyze(s.graph, { asOf: AS_OF });
  const edges = new Map<string, { conditional: unknown; notes: unknown }>();
  s.graph.forEachEdge((_, e, src, tgt) => {
    if (e.kind === 'escalatesTo') edges.set(`${src} -> ${tgt} ${String(e.attributes.technique)}`, { conditional: e.attributes.conditional, notes: e.attributes.notes });
  });
  return { edges, potential: [...a.providers.get('gcp')!.potential].map((p) => `${p.source} ${p.technique.id}`) };
}

const CASES: { name: string; files: FileInput[]; holds: [string, boolean][]; absent: string[] }[] = [
  {
    name: 'setIamPolicy on a service account reaches that account only',
    files: [accounts('proj-a', ['x', 'y']), policy(`x@proj-a.iam.gserviceaccount.com.iam.json`, [{ role: 'roles/iam.serviceAccountAdmin', members: ['user:u@corp.example'] }])],
    holds: [[`user:u@corp.example -> ${SA('x')} gcp-set-iam-policy`, false]],
    absent: [`user:u@corp.example -> ${SA('y')} gcp-set-iam-policy`, 'user:u@corp.example -> set:gcp:proj-a:serviceAccounts gcp-set-iam-policy'],
  },
  {
    name: 'token creation on a project reaches the set of its accounts; on another account only that one',
    files: [
      accounts('proj-a', ['x', 'y']),
      policy('projects/proj-a.iam.json', [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['user:u@corp.example'] }]),
      policy('y@proj-a.iam.gserviceaccount.com.iam.json', [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['user:v@corp.example'] }]),
    ],
    holds: [
      ['user:u@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator', false],
      [`user:v@corp.example -> ${SA('y')} gcp-token-creator`, false],
    ],
    absent: [`user:v@corp.example -> ${SA('x')} gcp-token-creator`, 'user:v@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator'],
  },
  {
    name: 'an ID token alone (roles/iam.serviceAccountOpenIdTokenCreator) is conditional',
    files: [accounts('proj-a', ['x']), policy('x@proj-a.iam.gserviceaccount.com.iam.json', [{ role: 'roles/iam.serviceAccountOpenIdTokenCreator', members: ['user:u@corp.example'] }])],
    holds: [[`user:u@corp.example -> ${SA('x')} gcp-token-creator`, true]],
    absent: [],
  },
  {
    name: 'a token grant whose request.time condition expired before the analysis date is nothing; one still valid holds',
    files: [
      accounts('proj-a', ['x']),
      policy('projects/proj-a.iam.json', [
        { role: 'roles/iam.serviceAccountTokenCreator', members: ['user:old@corp.example'], condition: { title: 'until 2024', expression: 'request.time < timestamp("2024-01-01T00:00:00Z")' } },
        { role: 'roles/iam.serviceAccountTokenCreator', members: ['user:new@corp.example'], condition: { title: 'from 2025', expression: '(request.time >= timestamp("2025-01-01T00:00:00Z") && request.time < timestamp("2026-01-01T00:00:00Z"))' } },
        { role: 'roles/iam.serviceAccountTokenCreator', members: ['user:later@corp.example'], condition: { title: 'from 2026', expression: 'request.time > timestamp("2026-01-01T00:00:00Z")' } },
      ]),
    ],
    holds: [['user:new@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator', false]],
    absent: ['user:old@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator', 'user:later@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator'],
  },
  {
    name: 'key creation under a resource.name condition is conditional',
    files: [accounts('proj-a', ['x']), policy('projects/proj-a.iam.json', [{ role: 'roles/iam.serviceAccountKeyAdmin', members: ['user:u@corp.example'], condition: { title: 'ci', expression: 'resource.name.startsWith("projects/proj-a/serviceAccounts/ci")' } }])],
    holds: [['user:u@corp.example -> set:gcp:proj-a:serviceAccounts gcp-sa-key-create', true]],
    absent: [],
  },
  {
    name: 'actAs with a deploy permission in the same project holds; in another project only conditionally; without one, nothing',
    files: [
      accounts('proj-a', ['x']),
      accounts('proj-b', ['z']),
      policy('projects/proj-a.iam.json', [{ role: 'roles/iam.serviceAccountUser', members: ['user:same@corp.example', 'user:nodeploy@corp.example'] }, { role: 'roles/cloudfunctions.developer', members: ['user:same@corp.example'] }]),
      policy('z@proj-b.iam.gserviceaccount.com.iam.json', [{ role: 'roles/iam.serviceAccountUser', members: ['user:cross@corp.example'] }]),
      policy('projects/proj-c.iam.json', [{ role: 'roles/compute.instanceAdmin.v1', members: ['user:cross@corp.example'] }]),
    ],
    holds: [
      ['user:same@corp.example -> set:gcp:proj-a:serviceAccounts gcp-actas-deploy', false],
      [`user:cross@corp.example -> ${SA('z', 'proj-b')} gcp-actas-deploy`, true],
    ],
    absent: ['user:nodeploy@corp.example -> set:gcp:proj-a:serviceAccounts gcp-actas-deploy'],
  },
  {
    name: 'a disabled account is reached only conditionally',
    files: [textFile('sas.json', JSON.stringify([{ email: 'off@proj-a.iam.gserviceaccount.com', projectId: 'proj-a', uniqueId: '1', disabled: true }])), policy('off@proj-a.iam.gserviceaccount.com.iam.json', [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['user:u@corp.example'] }])],
    holds: [[`user:u@corp.example -> ${SA('off')} gcp-token-creator`, true]],
    absent: [],
  },
  {
    name: 'iam.roles.update reaches the administrator of the scope where the custom role is granted, conditionally',
    files: [
      policy('projects/proj-a.iam.json', [
        { role: 'roles/iam.roleAdmin', members: ['user:updater@corp.example'] },
        { role: 'projects/proj-a/roles/reader', members: ['user:holder@corp.example'] },
      ]),
      policy('projects/proj-b.iam.json', [{ role: 'roles/iam.roleAdmin', members: ['user:elsewhere@corp.example'] }]),
      textFile('role.json', JSON.stringify({ name: 'projects/proj-a/roles/reader', title: 'Reader', stage: 'GA', includedPermissions: ['storage.objects.get'] })),
    ],
    holds: [['user:updater@corp.example -> admin:gcp:proj-a gcp-role-update', true]],
    absent: ['user:elsewhere@corp.example -> admin:gcp:proj-a gcp-role-update'],
  },
  {
    name: 'a deleted member escalates to nothing, and a deleted custom role grants nothing',
    files: [
      accounts('proj-a', ['x']),
      policy('projects/proj-a.iam.json', [
        { role: 'roles/owner', members: ['deleted:user:gone@corp.example?uid=1'] },
        { role: 'projects/proj-a/roles/gone', members: ['user:u@corp.example'] },
      ]),
      textFile('role.json', JSON.stringify({ name: 'projects/proj-a/roles/gone', title: 'Gone', deleted: true, stage: 'GA', includedPermissions: ['iam.serviceAccounts.getAccessToken'] })),
    ],
    holds: [],
    absent: ['deleted:user:gone@corp.example?uid=1 -> admin:gcp:proj-a gcp-set-iam-policy', 'user:u@corp.example -> set:gcp:proj-a:serviceAccounts gcp-token-creator'],
  },
  {
    name: 'public members escalate from their own node',
    files: [accounts('proj-a', ['x']), policy('x@proj-a.iam.gserviceaccount.com.iam.json', [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['allAuthenticatedUsers'] }])],
    holds: [[`allAuthenticatedUsers -> ${SA('x')} gcp-token-creator`, false]],
    absent: [],
  },
];

describe('GCP techniques', () => {
  it.each(CASES)('$name', async ({ files, holds, absent }) => {
    const { edges } = await escalations(files);
    for (const [edge, conditional] of holds) {
      expect(edges.has(edge), `${edge} in ${[...edges.keys()].join('\n')}`).toBe(true);
      expect(edges.get(edge)!.conditional, edge).toBe(conditional);
    }
    for (const edge of absent) expect(edges.has(edge), edge).toBe(false);
  });

  it('says why a cross-project deployment is conditional', async () => {
    const { edges } = await escalations(CASES[5]!.files);
    expect(edges.get(`user:cross@corp.example -> ${SA('z', 'proj-b')} gcp-actas-deploy`)!.notes).toEqual([expect.stringMatching(/deploy permission only in project proj-c: .*iam\.disableCrossProjectServiceAccountUsage/)]);
  });

  it('names the export that would show a path: the accounts of a project none of whose accounts is known', async () => {
    const { potential, edges } = await escalations([policy('projects/proj-x.iam.json', [{ role: 'roles/iam.serviceAccountKeyAdmin', members: ['user:u@corp.example'] }])]);
    expect(edges.size).toBe(0);
    expect(potential).toEqual(['user:u@corp.example gcp-sa-key-create']);
  });
});
