/**
 * Hostile and broken Vault exports: wrong types, prototype keys, hostile names, truncated JSON,
 * policies that do not parse, files whose path says nothing. Each costs a warning naming the file's
 * place (or a clear refusal), never an escaping throw; the rest of the file is imported; nothing
 * writes a prototype.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { textFile } from '../../test-support/public-corpus';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { locate, mountListScope } from './ids';
import { AS_OF, GITHUB } from './test-support/scenario';
import { vaultAnalysisOf } from './plugin';

const read = (data: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ request_id: 'r', lease_id: '', lease_duration: 0, renewable: false, data, warnings: null, ...extra });
const at = (path: string, text: string) => ({ ...textFile(path.split('/').pop()!, text), path });
const ROLE_PATH = 'export/acme/auth/kubernetes/role/app.json';

describe('wrong types cost the field a warning, not the file', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['token_policies: a number', { token_policies: 5, bound_service_account_names: ['a'], bound_service_account_namespaces: ['n'] }, 'auth/kubernetes/role/app: data.token_policies: expected a list of strings, found number; ignored'],
    ['a number among the names', { token_policies: ['p'], bound_service_account_names: [1, 'a'], bound_service_account_namespaces: ['n'] }, 'auth/kubernetes/role/app: data.bound_service_account_names[0]: expected a string, found number; ignored'],
    ['namespaces: an object', { token_policies: ['p'], bound_service_account_names: ['a'], bound_service_account_namespaces: { a: 1 } }, 'auth/kubernetes/role/app: data.bound_service_account_namespaces: expected a list of strings, found an object; ignored'],
  ])('%s', (_what, data, warning) => {
    const { report, fragment } = importFile(at(ROLE_PATH, read(data)));
    expect(report.status).toBe('partial');
    expect(report.warnings).toContain(warning);
    expect(fragment.nodes.get('vault:acme:auth/kubernetes/role/app')).toBeDefined();
  });

  it('reads comma-separated policy lists (what `vault write ... token_policies=a,b` stores)', () => {
    const { fragment } = importFile(at(ROLE_PATH, read({ token_policies: 'a, b', bound_service_account_names: ['x'], bound_service_account_namespaces: ['y'] })));
    expect(fragment.nodes.get('vault:acme:auth/kubernetes/role/app')!.attributes.policies).toEqual(['a', 'b']);
  });

  it('bound_claims that is not a map is reported, and read as binding nothing', () => {
    const { report } = importFile(at('acme/auth/jwt/role/r.json', read({ role_type: 'jwt', bound_claims: 'repo', token_policies: ['p'] })));
    expect(report.warnings).toEqual(['auth/jwt/role/r: data.bound_claims: expected a map of claims, found a string; ignored (the role is read as not bound by claims: check it)']);
  });

  it('data that is not an object', () => {
    const { report } = importFile(at(ROLE_PATH, read(5)));
    expect(report.warnings).toEqual(['data: expected an object, found number; nothing imported']);
  });
});

describe('prototype keys and hostile names', () => {
  it('a claim named __proto__ or constructor is a claim, and writes no prototype', async () => {
    const claims = JSON.parse('{"__proto__": "evil", "constructor": ["x"], "repository": "acme/web"}');
    const session = new ImportSession();
    session.addFiles([
      at('acme/sys/auth.json', JSON.stringify({ 'jwt/': { type: 'jwt', accessor: 'auth_jwt_1' } })),
      at('acme/auth/jwt/config.json', read({ bound_issuer: `https://${GITHUB}` })),
      at('acme/auth/jwt/role/r.json', read({ role_type: 'jwt', bound_claims: claims, token_policies: ['p'] })),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('repository');
    const stored = session.graph.getNodeAttributes('vault:acme:auth/jwt/role/r').attributes.boundClaims as Record<string, string[]>;
    expect(Object.keys(stored).sort()).toEqual(['__proto__', 'constructor', 'repository']);
    const a = await analyze(session.graph, { asOf: AS_OF, starts: [{ issuer: GITHUB, subject: 'repo:acme/web:ref:refs/heads/main' }] });
    // __proto__ and constructor are claims the token does not tell: conditional, not granted, not refused.
    const e = a.graph.getEdgeAttributes(`federatesTo|oidc:${GITHUB}:repo:acme/web:ref:refs/heads/main|vault:acme:auth/jwt/role/r|oidc-web-identity`);
    expect(e.attributes.conditional).toBe(true);
  });

  it('a mount list with a __proto__/ mount, a policy and a role named __proto__ or constructor', async () => {
    const session = new ImportSession();
    const reports = session.addFiles([
      at('acme/sys/mounts.json', '{"__proto__/": {"type": "kv", "accessor": "kv_1", "options": {"version": "2"}}, "secret/": {"type": "kv", "accessor": "kv_2", "options": {"version": "2"}}}'),
      at('acme/sys/policy/constructor.hcl', 'path "__proto__/*" { capabilities = ["read"] }\npath "sys/policies/acl/constructor" { capabilities = ["update"] }'),
      at('acme/auth/approle/role/__proto__.json', read({ bind_secret_id: true, token_policies: ['constructor', '__proto__'] })),
    ]);
    expect(reports.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    const a = await analyze(session.graph, { asOf: AS_OF });
    const v = vaultAnalysisOf(a)!;
    expect(v.admins.get('vault:acme:auth/approle/role/__proto__')).toEqual({ conditional: false });
    expect(Object.prototype).not.toHaveProperty('type');
  });

  it('names with control characters and quotes stay data', () => {
    const { report, fragment } = importFile(at('acme/auth/approle/role/a"b\u0007.json', read({ bind_secret_id: true, token_policies: ['p\n"x'] })));
    expect(report.status).toBe('imported');
    expect(fragment.nodes.get('vault:acme:auth/approle/role/a"b\u0007')!.attributes.policies).toEqual(['p\n"x']);
  });
});

describe('broken files', () => {
  it('a truncated read output is refused with its place, never thrown', () => {
    const { report } = importFile(at(ROLE_PATH, read({ token_policies: ['p'] }).slice(0, 40)));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^app\.json: .*line 1/);
  });

  it('a policy that does not parse keeps its other blocks, and its grants turn conditional', async () => {
    const session = new ImportSession();
    const [report] = session.addFiles([
      at('acme/sys/policy/p.hcl', 'path "secret/data/a" {\n  capabilities = ["read"]\n}\npath "secret/data/b" {\n  capabilities = ["deny"\n}\npath "secret/data/c" { capabilities = ["read"] }\n'),
      at('acme/auth/approle/role/r.json', read({ bind_secret_id: true, token_policies: ['p'] })),
      at('acme/secret/data/a.json', read({ data: {}, metadata: { version: 1 } })),
    ]);
    expect(report!.status).toBe('partial');
    expect(report!.warnings[0]).toMatch(/^policy "p" line 6, column 1: expected a value, found "}"/);
    const a = await analyze(session.graph, { asOf: AS_OF });
    expect(vaultAnalysisOf(a)!.decide('vault:acme:auth/approle/role/r', 'read', 'vault:acme:secret/data/a')).toBe('conditional');
  });

  it('a role read with no place in an export tree is refused with what to do', () => {
    const { report } = importFile(textFile('payments.json', read({ bound_service_account_names: ['a'], token_policies: ['p'] })));
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/its path does not say which: .*<root>\/auth\/<mount>\/role\/<name>\.json/);
  });

  it('a second output in one file is counted and not placed', () => {
    const { report } = importFile(at(ROLE_PATH, `${read({ token_policies: ['p'], bound_service_account_names: ['a'], bound_service_account_namespaces: ['n'] })}\n${read(null, { auth: { client_token: 's', accessor: 'a' } })}`));
    expect(report.droppedSecrets).toBe(2);
    expect(report.warnings).toEqual(['document 2 (line 2): a second vault read output in one file: the file\'s path names only one Vault path; not imported (save one output per file)']);
  });

  it('HCL detection leaves YAML, CSV and prose alone', () => {
    for (const text of ['apiVersion: v1\nkind: List\nitems: []\n', 'user,arn,user_creation_time\n', 'pathological text\n', '# comment only\n']) {
      expect(importFile(textFile('x.txt', text)).report.format).not.toBe('vault.policy.hcl');
    }
  });
});

describe('the other policy outputs', () => {
  it('`vault policy read -format=json NAME` ({"name", "rules"}) and the JSON policy form', () => {
    const a = importFile(at('acme/sys/policy/ops.json', JSON.stringify({ name: 'ops', rules: 'path "sys/*" { capabilities = ["read"] }' })));
    expect(a.report.format).toBe('vault.policy.json');
    expect(a.fragment.nodes.get('vault:acme:sys/policies/acl/ops')!.attributes.ruleCount).toBe(1);
    const b = importFile(at('acme/sys/policy/j.hcl', JSON.stringify({ path: { 'secret/*': { capabilities: ['read'] } } })));
    expect(b.report.format).toBe('vault.policy.json');
    expect(b.fragment.nodes.get('vault:acme:sys/policies/acl/j')!.attributes.rules).toEqual([{ path: 'secret/*', caps: ['read'], line: 0 }]);
  });
});

describe('where a file sits (the path convention)', () => {
  const none = new Map<string, Set<string>>();
  it.each<[string, string | undefined, string | undefined]>([
    ['/home/ana/exports/acme/auth/kubernetes/role/payments.json', 'acme', 'auth/kubernetes/role/payments'],
    ['C:\\exports\\acme\\sys\\policy\\admin.hcl', 'acme', 'sys/policy/admin'],
    ['acme/aws/roles/deploy.json', 'acme', 'aws/roles/deploy'],
    ['auth/approle/role/batch.json', 'vault', 'auth/approle/role/batch'],
    ['my vault!/sys/policies/acl/x.json', 'my-vault', 'sys/policies/acl/x'],
    ['payments.json', undefined, undefined],
  ])('%s', (path, scope, vaultPath) => {
    const loc = locate(path, none);
    expect(loc?.scope).toBe(scope);
    expect(loc?.vaultPath).toBe(vaultPath);
  });

  it('a mount known from the session wins over the path\'s shape (nested mount paths)', () => {
    const facts = new Map([['vault.mount', new Set(['acme\tauth\tk8s/prod\tkubernetes\t'])]]);
    expect(locate('x/acme/auth/k8s/prod/role/app.json', facts)).toMatchObject({ scope: 'acme', vaultPath: 'auth/k8s/prod/role/app', mount: { kind: 'auth', path: 'k8s/prod', type: 'kubernetes' } });
  });

  it('mount lists take the folder above sys/, else their own folder', () => {
    expect(mountListScope('/x/acme/sys/auth.json')).toBe('acme');
    expect(mountListScope('sys/mounts.json')).toBe('vault');
    expect(mountListScope('/x/prod-vault/auth-methods.json')).toBe('prod-vault');
  });
});
