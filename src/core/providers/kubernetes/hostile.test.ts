/**
 * Hostile and broken Kubernetes exports: YAML bombs, absurd nesting, prototype keys, wrong types,
 * truncation, markup in names. Each is refused with a message naming the file, or warned about
 * with the record's location while the rest of the file is read; nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { textFile } from '../../test-support/public-corpus';
import { MAX_YAML_CHARS, readYaml, YamlRefused } from './yaml';

const C = 'prod-eks';
const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const imp = (name: string, text: string) => importFile(textFile(name, text));

const BOMB = [
  'apiVersion: v1',
  'kind: List',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'items: [*i]',
].join('\n');

describe('hostile YAML', () => {
  it('refuses a billion-laughs document, naming the file', () => {
    const { report } = imp('prod-eks.bomb.yaml', BOMB);
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^prod-eks\.bomb\.yaml: prod-eks\.bomb\.yaml refused: its aliases .* "billion laughs"/);
  });

  it('refuses an alias cycle', () => {
    const { report } = imp('prod-eks.cycle.yaml', 'apiVersion: v1\nkind: List\nitems: &x [*x]\n');
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/alias cycle/);
  });

  it('refuses absurd nesting', () => {
    const { report } = imp('prod-eks.deep.yaml', `apiVersion: v1\nkind: List\nitems: ${'['.repeat(500)}${']'.repeat(500)}\n`);
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/^prod-eks\.deep\.yaml: prod-eks\.deep\.yaml refused: .*nesting limit of 64 levels/);
  });

  it('refuses YAML too large to read safely, before parsing', () => {
    expect(() => readYaml('a'.repeat(MAX_YAML_CHARS + 1), 'big.yaml')).toThrow(YamlRefused);
  });

  it('constructs nothing but data: language tags are refused', () => {
    const { report } = imp('prod-eks.tags.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: !!js/function "function () { return 1 }"\n');
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatch(/not valid YAML: unknown scalar tag/);
  });

  it('reads the good documents of a multi-document file and names the broken one', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: n}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: [b\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: c, namespace: n}\n';
    const { report, fragment } = imp('prod-eks.yaml', text);
    expect(report.status).toBe('partial');
    expect(report.warnings[0]).toMatch(/^prod-eks\.yaml: document 2 \(line 4\): not valid YAML: .* at line \d+; the other documents were read$/);
    expect(fragment.nodes.has(`k8s:${C}:ServiceAccount:n/a`)).toBe(true);
    expect(fragment.nodes.has(`k8s:${C}:ServiceAccount:n/c`)).toBe(true);
  });

  it('keeps __proto__ a key: no prototype pollution, from YAML or JSON', () => {
    const yaml = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: __proto__\n  namespace: constructor\n  annotations:\n    __proto__: {polluted: yes}\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/x\n  labels:\n    __proto__: "x"\n';
    const y = imp('prod-eks.yaml', yaml);
    expect(y.report.status).toBe('imported');
    const node = y.fragment.nodes.get(`k8s:${C}:ServiceAccount:constructor/__proto__`)!;
    expect(Object.getPrototypeOf(node.attributes.labels)).toBe(Object.prototype);
    expect(Object.keys(node.attributes.labels as object)).toEqual(['__proto__']);
    expect(node.attributes.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/x' });
    const json = '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"x","namespace":"n","labels":{"__proto__":{"polluted":"yes"}},"annotations":{"__proto__":"yes"}}},{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"__proto__","labels":{"__proto__":"x"}},"rules":[{"apiGroups":["__proto__"],"resources":["constructor"],"verbs":["__proto__"]}]}]}';
    const j = imp('prod-eks.json', json);
    expect(j.report.status).toBe('imported');
    expect(j.fragment.nodes.get(`k8s:${C}:ServiceAccount:n/x`)!.attributes.annotations).toEqual(JSON.parse('{"__proto__":"yes"}'));
    expect(j.fragment.nodes.has(`k8s:${C}:ClusterRole:__proto__`)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('warns about a hostile aws-auth mapping and reads the rest', () => {
    const mapRoles = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n';
    const { report } = imp('prod-eks.json', list([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: { mapRoles, mapUsers: '- userarn: arn:aws:iam::111122223333:user/alice\n  username: alice\n  groups: [admins]\n' } },
    ]));
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual([expect.stringMatching(/^items\[0\]\.data\.mapRoles refused: its aliases/)]);
    expect(report.counts['aws-auth mappings']).toBe(1);
  });
});

describe('wrong types and broken records', () => {
  it('warns with the record location and reads everything else', () => {
    const items = [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'null-rules' }, rules: null },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'five-rules' }, rules: 5 },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'bad-verbs' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: 5 }, { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'null-subjects' }, roleRef: { kind: 'ClusterRole', name: 'bad-verbs' }, subjects: null },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'five-subjects' }, roleRef: { kind: 'ClusterRole', name: 'bad-verbs' }, subjects: 5 },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'no-roleref' }, subjects: [{ kind: 'User', name: 'u' }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'odd-subjects' }, roleRef: { kind: 'ClusterRole', name: 'bad-verbs' }, subjects: [{ kind: 'Robot', name: 'r' }, { kind: 'User' }, 7, { kind: 'ServiceAccount', name: 'sa' }, { kind: 'User', name: 'ok' }] },
      { apiVersion: 'v1', kind: 'ServiceAccount' },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 42, namespace: 'n' } },
      'a string',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' }, spec: 'none' },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' }, type: 'kubernetes.io/service-account-token', data: { token: 'dG9rZW4=' } },
    ];
    const { report, fragment } = imp('prod-eks.json', list(items));
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual([
      'items[1].rules: expected a list of rules, found number; no rules read',
      'items[2].rules[0].verbs: expected a list of strings; rule skipped',
      'items[4].subjects: expected a list, found number; binding five-subjects skipped',
      'items[5].roleRef: needs kind Role or ClusterRole and a name; binding no-roleref skipped',
      'items[6].subjects[0]: subject kind "Robot" is not User, Group or ServiceAccount; skipped',
      'items[6].subjects[1]: subject without a name; skipped',
      'items[6].subjects[2]: subject without a name; skipped',
      'items[6].subjects[3]: service-account subject without a namespace in a ClusterRoleBinding; skipped',
      'items[7]: ServiceAccount with no metadata; skipped',
      'items[9]: not an object; skipped',
      'items[10].spec: no pod spec; Pod n/p skipped',
      'items[11]: service-account token Secret n/s has no kubernetes.io/service-account.name annotation; not linked to a service account',
    ]);
    expect(fragment.nodes.get(`k8s:${C}:ClusterRole:null-rules`)!.attributes.rules).toEqual([]);
    expect((fragment.nodes.get(`k8s:${C}:ClusterRole:bad-verbs`)!.attributes.rules as unknown[]).length).toBe(1);
    expect(fragment.edges.has(`k8s.bindsRole|k8s:${C}:User:ok|k8s:${C}:ClusterRole:bad-verbs|k8s:${C}:ClusterRoleBinding:odd-subjects`)).toBe(true);
    // A numeric name is read as text (ownString), as kubectl would have printed it.
    expect(fragment.nodes.has(`k8s:${C}:ServiceAccount:n/42`)).toBe(true);
    expect(report.notes).toContain('1 binding(s) have no subjects and grant nothing');
    expect(report.droppedSecrets).toBe(1);
  });

  it('reads a kubeconfig for nothing, and says why', () => {
    const { report, fragment } = imp('prod-eks.yaml', 'apiVersion: v1\nkind: Config\nclusters: []\nusers:\n- name: admin\n  user:\n    token: abc.def.ghi\n    client-key-data: LS0tLS1CRUdJTg==\n');
    expect(report.warnings).toEqual(['(top level): a kubeconfig, not an export of cluster objects; not read (its credentials were not kept)']);
    expect(JSON.stringify([...fragment.nodes.values()])).not.toContain('LS0tLS1CRUdJTg');
  });

  it('reads items: 5 as a broken list, not a crash', () => {
    const { report } = imp('prod-eks.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: 5 }));
    expect(report.status).toBe('partial');
    expect(report.warnings).toEqual(['items: expected a list, found number; skipped']);
  });

  it('reads the documents before a truncated one (concatenated kubectl outputs)', () => {
    const sa = (n: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: n, namespace: 'n' } });
    const { report, fragment } = imp('prod-eks.json', `${sa('a')}\n${sa('b')}\n${sa('c').slice(0, 40)}`);
    expect(report.status).toBe('partial');
    expect(report.errors[0]).toMatch(/^prod-eks\.json: .*the 2 document\(s\) before it were imported$/);
    expect(fragment.nodes.has(`k8s:${C}:ServiceAccount:n/b`)).toBe(true);
  });

  it('keeps markup in names as plain text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { report, fragment } = imp('prod-eks.json', list([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: '"><script>' } }]));
    expect(report.status).toBe('imported');
    expect(fragment.nodes.get(`k8s:${C}:ServiceAccount:"><script>/${name}`)!.name).toBe(`"><script>/${name}`);
  });

  it('reads 100,000 objects', () => {
    const items: unknown[] = [];
    for (let i = 0; i < 50_000; i++) {
      items.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: `ns-${i % 500}` } });
      items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace: `ns-${i % 500}` }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: `sa-${i}` }] });
    }
    const { report } = imp('prod-eks.json', list(items));
    expect(report.status).toBe('imported');
    expect(report.counts['k8s.serviceAccount']).toBe(50_000);
    expect(report.counts['k8s.roleBinding']).toBe(50_000);
  }, 60_000);
});
