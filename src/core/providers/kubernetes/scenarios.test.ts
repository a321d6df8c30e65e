/**
 * Small scenarios for the finer rules of each technique (what resourceNames, scopes, versions and
 * missing objects change), each a kubectl List of a few objects in cluster `lab`.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { textFile } from '../../test-support/public-corpus';
import { analyzeKubernetes, type K8sAnalysis } from './analyze';
import { blastRadius } from '../../analysis/blast-radius';
import { analyze } from '../../analysis/analysis';

const L = 'lab';
const RBAC = 'rbac.authorization.k8s.io/v1';
const sa = (ns: string, name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, ...extra });
const token = (ns: string, name: string, saName: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name, namespace: ns, labels, annotations: { 'kubernetes.io/service-account.name': saName } } });
const rule = (resources: string[], verbs: string[], resourceNames?: string[], apiGroups = ['']) => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });
const clusterRole = (name: string, rules: unknown[]) => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules });
const role = (ns: string, name: string, rules: unknown[]) => ({ apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: ns }, rules });
const subject = (s: string) => (s.startsWith('sa:') ? { kind: 'ServiceAccount', name: s.split('/')[1], namespace: s.slice(3).split('/')[0] } : { kind: s.startsWith('group:') ? 'Group' : 'User', name: s.replace(/^(group|user):/, ''), apiGroup: 'rbac.authorization.k8s.io' });
const crb = (name: string, roleName: string, subj: string) => ({ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: [subject(subj)] });
const rb = (ns: string, name: string, kind: 'Role' | 'ClusterRole', roleName: string, subj: string) => ({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName }, subjects: [subject(subj)] });
const deployment = (ns: string, name: string, saName: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas: 1, template: { spec: { serviceAccountName: saName, containers: [{ name: 'c', image: 'i' }] } } } });

const id = (kind: string, rest: string) => `k8s:${L}:${kind}:${rest}`;
const ADMIN = `admin:kubernetes:${L}`;

async function run(items: unknown[]): Promise<{ s: ImportSession; k: K8sAnalysis; out: (src: string) => string[] }> {
  const s = new ImportSession();
  const reports = s.addFiles([textFile(`${L}.json`, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }))]);
  expect(reports[0]!.warnings).toEqual([]);
  const k = await analyzeKubernetes(s.graph, { asOf: Date.parse('2026-06-01T00:00:00Z') });
  const out = (src: string) => s.graph.filterOutEdges(src, (_, e) => e.kind === 'escalatesTo').map((e) => `${s.graph.target(e)} ${s.graph.getEdgeAttribute(e, 'attributes').technique}${s.graph.getEdgeAttribute(e, 'attributes').conditional ? ' (conditional)' : ''}`).sort();
  return { s, k, out };
}

describe('technique details', () => {
  it('get without list on Secrets is conditional; a listed name is certain', async () => {
    const { out } = await run([
      sa('app', 'a'), sa('app', 'b'), token('app', 'a-token-1', 'a'), token('app', 'b-token-2', 'b'),
      role('app', 'getter', [rule(['secrets'], ['get'])]), rb('app', 'getter', 'Role', 'getter', 'user:g'),
      role('app', 'one', [rule(['secrets'], ['get', 'list'], ['b-token-2'])]), rb('app', 'one', 'Role', 'one', 'user:n'),
    ]);
    expect(out(id('User', 'g'))).toEqual([`${id('Secret', 'app/a-token-1')} k8s-read-secrets (conditional)`, `${id('Secret', 'app/b-token-2')} k8s-read-secrets (conditional)`]);
    expect(out(id('User', 'n'))).toEqual([`${id('Secret', 'app/b-token-2')} k8s-read-secrets`]);
  });

  it('bind limited to a named role gives what that role gives, in the binding namespace', async () => {
    const { out, s } = await run([
      sa('app', 'a'), sa('other', 'x'),
      clusterRole('pod-creator', [rule(['pods'], ['create'])]),
      clusterRole('binder', [rule(['clusterroles'], ['bind'], ['pod-creator'], ['rbac.authorization.k8s.io']), rule(['rolebindings'], ['create'], undefined, ['rbac.authorization.k8s.io'])]),
      rb('app', 'binder', 'ClusterRole', 'binder', 'user:b'),
    ]);
    expect(out(id('User', 'b'))).toEqual([`${id('ServiceAccount', 'app/a')} k8s-bind-escalate`]);
    const e = s.graph.getEdgeAttributes(`escalatesTo|${id('User', 'b')}|${id('ServiceAccount', 'app/a')}|k8s-bind-escalate`);
    expect(e.attributes.notes).toEqual(['bind ClusterRole pod-creator to itself in namespace app']);
    expect((e.attributes.permissions as { action: string }[]).map((p) => p.action)).toEqual(['bind clusterroles', 'create rolebindings', 'create pods']);
  });

  it('escalate and update on the ClusterRole one is bound to cluster-wide is admin', async () => {
    const { out } = await run([
      clusterRole('self-editor', [rule(['clusterroles'], ['escalate', 'update'], ['self-editor'], ['rbac.authorization.k8s.io'])]),
      crb('self-editor', 'self-editor', 'user:e'),
      clusterRole('other-editor', [rule(['clusterroles'], ['escalate', 'update'], ['unbound'], ['rbac.authorization.k8s.io'])]),
      crb('other-editor', 'other-editor', 'user:f'),
    ]);
    expect(out(id('User', 'e'))).toEqual([`${ADMIN} k8s-bind-escalate`]);
    expect(out(id('User', 'f'))).toEqual([]);
  });

  it('rewriting an existing controller is certain; with none exported it is conditional', async () => {
    const { out } = await run([
      sa('app', 'a'), sa('app', 'b'), deployment('app', 'web', 'a'), sa('empty', 'c'),
      clusterRole('patcher', [rule(['deployments'], ['patch'], undefined, ['apps'])]),
      rb('app', 'p1', 'ClusterRole', 'patcher', 'user:p'), rb('empty', 'p2', 'ClusterRole', 'patcher', 'user:p'),
    ]);
    expect(out(id('User', 'p'))).toEqual([
      `${id('ServiceAccount', 'app/a')} k8s-create-workload`,
      `${id('ServiceAccount', 'app/b')} k8s-create-workload`,
      `${id('ServiceAccount', 'empty/c')} k8s-create-workload (conditional)`,
    ]);
  });

  it('impersonating a named service-account user, or any group with some user, is certain', async () => {
    const { out } = await run([
      sa('app', 'a'), sa('app', 'b'),
      clusterRole('imp', [rule(['users'], ['impersonate'], ['system:serviceaccount:app:a']), rule(['groups'], ['impersonate'])]),
      crb('imp', 'imp', 'user:i'),
    ]);
    expect(out(id('User', 'i'))).toEqual([`${ADMIN} k8s-impersonate`, `${id('ServiceAccount', 'app/a')} k8s-impersonate`]);
  });

  it('a RoleBinding grants nothing cluster-scoped: no impersonating users, no ClusterRoleBindings', async () => {
    const { out } = await run([
      sa('app', 'a'),
      clusterRole('wide', [rule(['users', 'groups'], ['impersonate']), rule(['clusterrolebindings'], ['create'], undefined, ['rbac.authorization.k8s.io']), rule(['clusterroles'], ['escalate', 'update'], undefined, ['rbac.authorization.k8s.io'])]),
      rb('app', 'wide', 'ClusterRole', 'wide', 'user:w'),
    ]);
    expect(out(id('User', 'w'))).toEqual([]);
  });

  it('many targets become one identity set, reached member by member', async () => {
    const sas = Array.from({ length: 12 }, (_, i) => sa('big', `s${i}`));
    const { s, out } = await run([...sas, clusterRole('creator', [rule(['pods'], ['create'])]), rb('big', 'c', 'ClusterRole', 'creator', 'user:c')]);
    const set = `set:kubernetes:${L}:serviceaccounts:big`;
    expect(out(id('User', 'c'))).toEqual([`${set} k8s-create-workload`]);
    expect(s.graph.getNodeAttributes(set)).toMatchObject({ kind: 'identitySet', name: `every service account of namespace big (cluster ${L})`, account: L });
    const a = await analyze(s.graph, { asOf: 0 });
    expect(blastRadius(a, id('User', 'c')).identities.filter((i) => i.kind === 'k8s.serviceAccount')).toHaveLength(12);
  });

  it('cluster-admin bound to system:serviceaccounts makes every service account an admin', async () => {
    const { s, k } = await run([sa('a', 'x'), sa('b', 'y'), clusterRole('cluster-admin', [rule(['*'], ['*'], undefined, ['*'])]), crb('oops', 'cluster-admin', 'group:system:serviceaccounts')]);
    expect([...k.admins.keys()].sort()).toEqual([id('Group', 'system:serviceaccounts'), id('ServiceAccount', 'a/x'), id('ServiceAccount', 'b/y')]);
    expect(s.graph.hasEdge(`k8s.inGroup|${id('ServiceAccount', 'a/x')}|${id('Group', 'system:serviceaccounts')}`)).toBe(true);
    expect(s.graph.getNodeAttribute(id('ServiceAccount', 'b/y'), 'attributes').admin).toBe(true);
  });

  it('a binding to cluster-admin that no export describes assumes its built-in rules, and says so', async () => {
    const { s, out } = await run([crb('ops', 'cluster-admin', 'group:ops')]);
    expect(out(id('Group', 'ops'))).toEqual([`${ADMIN} k8s-cluster-admin`]);
    expect(s.graph.getEdgeAttributes(`escalatesTo|${id('Group', 'ops')}|${ADMIN}|k8s-cluster-admin`).evidence[0]!.note).toMatch(/cluster-admin is not in the exports: its built-in rules are assumed/);
  });
});
