/** GCP exports are attacker-controlled: bad input ends in a clear report naming the record, never a throw. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { textFile } from '../../test-support/public-corpus';

const policyFile = (body: unknown, path = 'projects/proj-a.iam.json') => ({ ...textFile(path.split('/').pop()!, typeof body === 'string' ? body : JSON.stringify(body)), path });

describe('GCP bad input', () => {
  it('names each broken binding and member, and imports the rest', () => {
    const { report, fragment } = importFile(
      policyFile({
        bindings: [
          { role: 'roles/viewer', members: 'user:one@corp.example' },
          'not a binding',
          { members: ['user:x@corp.example'] },
          { role: 'roles/editor', members: null },
          { role: 'roles/browser', members: ['user:ok@corp.example', 42, '', 'weird:thing'] },
          { role: 'roles/owner_withcond_1a2b3c', members: ['user:c@corp.example'] },
          { role: 'roles/viewer', members: ['user:d@corp.example'], condition: { title: 'no expression' } },
        ],
        etag: 'BwX',
        version: 1,
      }),
    );
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual([
      'bindings[0].members: expected a list, found a string; read as one member',
      'bindings[1]: not a binding (found a string); skipped',
      'bindings[2]: binding without a role; skipped',
      'bindings[3].members: expected a list of members, found null; binding skipped',
      'bindings[4].members[1]: not a member string (found number); skipped',
      'bindings[4].members[2]: empty member; skipped',
      'bindings[4].members[3]: member type of "weird:thing" not known; kept as an external principal',
      'bindings[5]: role "roles/owner_withcond_1a2b3c" is a conditional binding read as a version 1 policy; its condition is unknown (export with --format=json, which asks for version 3); treated as conditional',
      'bindings[6].condition: no readable expression; the binding is treated as conditional',
    ]);
    expect(report.counts.binding).toBe(4);
    expect(fragment.nodes.get('user:one@corp.example')?.kind).toBe('gcp.user');
    expect(fragment.nodes.get('weird:thing')?.kind).toBe('externalPrincipal');
    const c = [...fragment.edges.values()].find((e) => e.source === 'user:c@corp.example')!;
    expect(c.target).toBe('roles/owner');
    expect(c.attributes.condition).toMatchObject({ expression: '(condition hidden: the policy was read as version 1)' });
  });

  it.each([
    [{ bindings: null, etag: 'BwX', version: 1 }, 'bindings: expected a list of bindings, found null; no binding read'],
    [{ bindings: 'x', etag: 'BwX', version: 1 }, 'bindings: expected a list of bindings, found a string; no binding read'],
    [{ bindings: { role: 'roles/owner' }, etag: 'BwX', version: 1 }, 'bindings: expected a list of bindings, found an object; no binding read'],
  ])('warns on bindings of the wrong type (%j)', (body, warning) => {
    const { report } = importFile(policyFile(body));
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual([warning]);
  });

  it('rejects a truncated policy with the line where it ends', () => {
    const text = JSON.stringify({ bindings: [{ role: 'roles/owner', members: ['user:a@corp.example'] }], etag: 'BwX' }, null, 2);
    const { report } = importFile(policyFile(text.slice(0, 60)));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^proj-a\.iam\.json: JSON ends unexpectedly at line \d+/);
  });

  it('warns on broken list records by index and goes on', () => {
    const sas = importFile(textFile('sas.json', JSON.stringify([{ email: 'a@p-1.iam.gserviceaccount.com', projectId: 'p-1', uniqueId: '1' }, 'x', { email: 'b@p-1.iam.gserviceaccount.com', uniqueId: '2' }])));
    expect(sas.report.warnings).toEqual(['[1]: not a service account (found a string); skipped']);
    expect(sas.report.counts['gcp.serviceAccount']).toBe(2);
    const keys = importFile(textFile('keys.json', JSON.stringify([{ name: 'projects/p/serviceAccounts/a@p-1.iam.gserviceaccount.com/keys/k1', keyType: 'USER_MANAGED', validAfterTime: 'yesterday' }, { name: 'nonsense', keyType: 'USER_MANAGED' }])));
    expect(keys.report.warnings).toEqual(['[0].validAfterTime: unreadable time "yesterday"; ignored', '[1]: key name "nonsense" is not projects/P/serviceAccounts/SA/keys/KEY; skipped']);
    const secrets = importFile(textFile('secrets.json', JSON.stringify([{ name: 'projects/1/secrets/a', createTime: '2024-01-01T00:00:00Z' }, { name: 'projects/1/secrets/b/extra', createTime: '2024-01-01T00:00:00Z' }])));
    expect(secrets.report.warnings).toEqual(['[1]: "projects/1/secrets/b/extra" is not projects/P/secrets/S; skipped']);
    const cai = importFile(textFile('cai.json', '{"name": "//storage.googleapis.com/b", "asset_type": "storage.googleapis.com/Bucket", "iam_policy": {"bindings": [{"role": "roles/storage.admin", "members": ["user:a@corp.example"]}]}}\n{"asset_type": "x"}\n{"name": "__proto__", "asset_type": "x"}\n{"name": "//cloudresourcemanager.googleapis.com/projects/a/b", "asset_type": "cloudresourcemanager.googleapis.com/Project"}'));
    expect(cai.report.warnings).toEqual([
      'document 2 (line 2): not a Cloud Asset Inventory record (no name or asset type); skipped',
      'document 3 (line 3): "__proto__" is not a full resource name (//service.googleapis.com/...); skipped',
      'document 4 (line 4): "//cloudresourcemanager.googleapis.com/projects/a/b" is not a Project name; skipped',
    ]);
    expect(cai.report.counts['gcp.bucket']).toBe(1);
  });

  it('imports only the first of several policies in one file, saying why', () => {
    const one = JSON.stringify({ bindings: [{ role: 'roles/viewer', members: ['user:a@corp.example'] }], etag: 'BwX', version: 1 });
    const { report } = importFile(policyFile(`${one}\n${one}`));
    expect(report.warnings).toEqual(['document 2 (line 2): a second IAM policy in one file; the file name names only one resource, so it was not imported (export one policy per file)']);
    expect(report.counts.binding).toBe(1);
  });

  it('does not let __proto__ or constructor pollute prototypes, and keeps hostile names as text', () => {
    const hostile = `{"bindings": [{"role": "roles/viewer", "members": ["user:__proto__@corp.example", "group:<img src=x onerror=alert(1)>@corp.example", "constructor"], "__proto__": {"polluted": "yes"}},
      {"role": "__proto__", "members": ["user:b@corp.example"], "condition": {"expression": "request.time < timestamp(\\"2030-01-01T00:00:00Z\\")", "__proto__": {"polluted": "yes"}}}],
      "etag": "BwX", "version": 3, "constructor": {"prototype": {"polluted": "yes"}}}`;
    const labels = '[{"name": "projects/1/secrets/s", "createTime": "2024-01-01T00:00:00Z", "labels": {"__proto__": "x", "constructor": "y"}}]';
    const session = new ImportSession();
    const [p, s] = session.addFiles([policyFile(hostile), textFile('secrets.json', labels)]);
    expect(p!.status).toBe('partial');
    expect(s!.status).toBe('imported');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Graphology keeps neighbours in plain objects: no node id may be a bare `__proto__` or `constructor`.
    const inherited: string[] = [];
    for (const k in {}) inherited.push(k);
    expect(inherited).toEqual([]);
    expect(session.graph.hasNode('__proto__')).toBe(false);
    expect(session.graph.getNodeAttribute('member:constructor', 'kind')).toBe('externalPrincipal');
    expect(p!.warnings).toContain('bindings[1]: "__proto__" is not a role name (roles/..., projects/P/roles/..., organizations/N/roles/...); binding skipped');
    expect(session.graph.getNodeAttribute('group:<img src=x onerror=alert(1)>@corp.example', 'name')).toBe('<img src=x onerror=alert(1)>@corp.example');
    expect(session.graph.getNodeAttribute('//secretmanager.googleapis.com/projects/1/secrets/s', 'attributes').labels).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
  });

  it('survives a hierarchy cycle', async () => {
    const folders = textFile('folders.json', JSON.stringify([{ name: 'folders/1', displayName: 'a', parent: 'folders/2' }, { name: 'folders/2', displayName: 'b', parent: 'folders/1' }]));
    const session = new ImportSession();
    session.addFiles([folders, policyFile({ bindings: [{ role: 'roles/resourcemanager.folderAdmin', members: ['user:a@corp.example'] }], etag: 'BwX', version: 1 }, 'folders/1.iam.json')]);
    const a = await analyze(session.graph, { asOf: 0 });
    expect(a.providers.get('gcp')!.scopeOf('//cloudresourcemanager.googleapis.com/folders/2')).toBe('folders/2');
    expect(session.graph.hasNode('admin:gcp:folders/2')).toBe(true);
  });

  it('imports and analyses 100,000 bindings', async () => {
    const bindings = Array.from({ length: 100_000 }, (_, i) => ({ role: i % 10 === 0 ? 'roles/iam.serviceAccountTokenCreator' : 'roles/viewer', members: [`user:u${i}@corp.example`] }));
    const session = new ImportSession();
    const [report] = session.addFiles([policyFile({ bindings, etag: 'BwX', version: 1 }), textFile('sas.json', JSON.stringify([{ email: 'x@proj-a.iam.gserviceaccount.com', projectId: 'proj-a', uniqueId: '1' }]))]);
    expect(report!.status).toBe('imported');
    expect(report!.counts.binding).toBe(100_000);
    await analyze(session.graph, { asOf: 0 });
    expect(session.graph.filterEdges((_, e) => e.kind === 'escalatesTo')).toHaveLength(10_000);
  }, 60_000);
});
