/**
 * Kubernetes's own RBAC bootstrap policy (kubernetes/kubernetes, Apache-2.0), read in place from
 * the public corpus: `kind: List` YAML with `rules: null` aggregated ClusterRoles, a binding with
 * no subjects, and v1beta1 RoleBindings.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../importers/import-file';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { hasPublicCorpus, publicFile, textFile } from '../../test-support/public-corpus';
import type { K8sAnalysis } from './analyze';

const T = 'kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/';
const C = 'bootstrappolicy';

const TABLE: { file: string; counts: Record<string, number>; notes: RegExp[] }[] = [
  { file: 'cluster-roles-featuregates.yaml', counts: { 'k8s.clusterRole': 32 }, notes: [] },
  { file: 'cluster-role-bindings.yaml', counts: { 'k8s.clusterRoleBinding': 10, 'k8s.group': 3, 'k8s.user': 3 }, notes: [/1 binding\(s\) have no subjects/] },
  { file: 'namespace-role-bindings.yaml', counts: { 'k8s.roleBinding': 6 }, notes: [] },
];

describe.skipIf(!hasPublicCorpus)('Kubernetes bootstrap policy samples', () => {
  it.each(TABLE)('$file imports with its real counts', ({ file, counts, notes }) => {
    const { report, fragment } = importFile(publicFile(T + file), undefined, new Map([['k8s.cluster', new Set([C])]]));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.status).toBe('imported');
    expect(report.format).toBe('k8s.kubectl-yaml');
    expect(report.counts).toEqual(counts);
    for (const n of notes) expect(report.notes.some((x) => n.test(x))).toBe(true);
    expect(report.notes[0]).toMatch(/cluster "bootstrappolicy": .*folder name "bootstrappolicy"/);
    for (const n of fragment.nodes.values()) if (n.provider === 'kubernetes') expect(n.account).toBe(C);
  });

  it('keeps aggregated ClusterRoles with rules: null, and their selectors', () => {
    const { fragment } = importFile(publicFile(T + TABLE[0]!.file), undefined, new Map([['k8s.cluster', new Set([C])]]));
    const roles = [...fragment.nodes.values()].filter((n) => n.kind === 'k8s.clusterRole');
    const aggregated = roles.filter((r) => r.attributes.aggregationRule !== undefined).map((r) => r.name).sort();
    expect(aggregated).toEqual(['admin', 'edit', 'view']);
    expect(fragment.nodes.get(`k8s:${C}:ClusterRole:admin`)!.attributes.rules).toEqual([]);
    const clusterAdmin = fragment.nodes.get(`k8s:${C}:ClusterRole:cluster-admin`)!;
    expect(clusterAdmin.attributes.rules).toEqual([
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: [], nonResourceURLs: [] },
      { apiGroups: [], resources: [], verbs: ['*'], resourceNames: [], nonResourceURLs: ['*'] },
    ]);
  });

  it('reads v1beta1 RoleBindings, service-account subjects and the Role they name in the binding namespace', () => {
    const { fragment } = importFile(publicFile(T + TABLE[2]!.file), undefined, new Map([['k8s.cluster', new Set([C])]]));
    const e = fragment.edges.get(`k8s.bindsRole|k8s:${C}:ServiceAccount:kube-system/bootstrap-signer|k8s:${C}:Role:kube-public/system:controller:bootstrap-signer|k8s:${C}:RoleBinding:kube-public/system:controller:bootstrap-signer`)!;
    expect(e.attributes).toMatchObject({ namespace: 'kube-public', bindingKind: 'RoleBinding' });
    expect(e.evidence[0]).toMatchObject({ file: 'namespace-role-bindings.yaml', location: 'items[0].subjects[0]' });
    expect(fragment.nodes.get(`k8s:${C}:ServiceAccount:kube-system/bootstrap-signer`)!.placeholder).toBe(true);
  });

  it('resolves aggregation across files and finds what binding edit in a namespace gives', async () => {
    const s = new ImportSession();
    s.facts.set('k8s.cluster', new Set([C]));
    s.addFiles(TABLE.map((t) => publicFile(T + t.file)));
    // A namespace of ours, with service accounts, a running pod and a group bound to `edit`.
    const extra = {
      apiVersion: 'v1', kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'web' } },
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'web' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-0', namespace: 'web' }, spec: { serviceAccountName: 'api', containers: [{ name: 'api', image: 'api:1' }] } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'devs-edit', namespace: 'web' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }] },
      ],
    };
    s.addFiles([{ ...textFile('web.json', JSON.stringify(extra)), path: `/x/${C}/web.json` }]);
    const a = await analyze(s.graph, { asOf: Date.parse('2026-06-01') });
    const k8s = a.providers.get('kubernetes') as K8sAnalysis;
    const roles = k8s.model.clusters.get(C)!.roles;
    expect(roles.get(`k8s:${C}:ClusterRole:view`)!.rules).toHaveLength(11);
    expect(roles.get(`k8s:${C}:ClusterRole:edit`)!.rules).toHaveLength(25);
    expect(roles.get(`k8s:${C}:ClusterRole:admin`)!.rules).toHaveLength(27);
    expect(new Set(roles.get(`k8s:${C}:ClusterRole:admin`)!.rules.map((r) => r.from))).toEqual(new Set(['system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view']));
    const devs = `k8s:${C}:Group:devs`;
    const edges = s.graph.filterOutEdges(devs, (_, e) => e.kind === 'escalatesTo').map((e) => [s.graph.target(e), s.graph.getEdgeAttribute(e, 'attributes').technique]);
    expect(edges).toContainEqual([`k8s:${C}:ServiceAccount:web/api`, 'k8s-create-workload']);
    expect(edges).toContainEqual([`k8s:${C}:ServiceAccount:web/default`, 'k8s-create-workload']);
    expect(edges).toContainEqual([`k8s:${C}:ServiceAccount:web/api`, 'k8s-pod-exec']);
    // edit impersonates service accounts of its namespace (aggregate-to-edit), and no admin.
    expect(edges).toContainEqual([`k8s:${C}:ServiceAccount:web/api`, 'k8s-impersonate']);
    expect(edges.some(([t]) => String(t).startsWith('admin:'))).toBe(false);
    const exec = s.graph.getEdgeAttributes(`escalatesTo|${devs}|k8s:${C}:ServiceAccount:web/api|k8s-pod-exec`);
    expect(exec.evidence[0]!.location).toMatch(/^RoleBinding web\/devs-edit → ClusterRole edit \(aggregated from system:aggregate-to-edit\) rules\[\d+\]$/);
    expect(exec.evidence[0]!.file).toBe('web.json');
    // system:masters is admin without any RBAC rule; the bootstrap cluster-admin binding agrees.
    expect([...k8s.admins.keys()]).toEqual([`k8s:${C}:Group:system:masters`]);
  });
});
