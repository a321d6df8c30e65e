/**
 * Every escalation technique on the prod-eks fixture, each with the false-positive probe that
 * must not fire, then the provider-neutral analyses (admins, blast radius, who-can) over it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze, type Analysis } from '../../analysis/analysis';
import { blastRadius } from '../../analysis/blast-radius';
import { whoCan } from '../../analysis/who-can';
import { adminReport } from '../../analysis/admins';
import { repoFile } from '../../test-support/public-corpus';
import type { K8sAnalysis } from './analyze';
import { K8S_TECHNIQUES } from './techniques';

const C = 'prod-eks';
const ADMIN = `admin:kubernetes:${C}`;
const sa = (x: string) => `k8s:${C}:ServiceAccount:${x}`;
const user = (x: string) => `k8s:${C}:User:${x}`;
const group = (x: string) => `k8s:${C}:Group:${x}`;
const secret = (x: string) => `k8s:${C}:Secret:${x}`;
const FILES = ['eks-describe-cluster.json', 'prod-eks.rbac.json', 'prod-eks.workloads.json', 'prod-eks.access-entry.platform-oncall.json', 'prod-eks.access-policies.break-glass.json'];

let a: Analysis;
let k8s: K8sAnalysis;
let s: ImportSession;

beforeAll(async () => {
  s = new ImportSession();
  s.addFiles(FILES.map((f) => repoFile(`kubernetes/${f}`)));
  a = await analyze(s.graph, { asOf: Date.parse('2026-06-01T00:00:00Z') });
  k8s = a.providers.get('kubernetes') as K8sAnalysis;
  // The aws-auth placeholders bring the AWS analysis (and its catalogue) in: allow for its load.
}, 60_000);

const edge = (src: string, tgt: string, technique: string) => s.graph.hasEdge(`escalatesTo|${src}|${tgt}|${technique}`) ? s.graph.getEdgeAttributes(`escalatesTo|${src}|${tgt}|${technique}`) : undefined;
const targets = (src: string) => s.graph.filterOutEdges(src, (_, e) => e.kind === 'escalatesTo').map((e) => `${s.graph.target(e)} ${s.graph.getEdgeAttribute(e, 'attributes').technique}`).sort();

/** [source, target, technique, conditional, evidence location]. */
const HOLDS: [string, string, string, boolean, string][] = [
  [group('ops-admins'), ADMIN, 'k8s-cluster-admin', false, 'ClusterRoleBinding ops-admins → ClusterRole cluster-admin rules[0]'],
  [group('system:masters'), ADMIN, 'k8s-cluster-admin', false, 'group system:masters'],
  [user('arn:aws:sts::111122223333:assumed-role/break-glass/{{SessionName}}'), ADMIN, 'k8s-cluster-admin', false, 'AccessPolicy access policy AmazonEKSClusterAdminPolicy → ClusterRole cluster-admin rules[0]'],
  [sa('ci/deployer'), sa('prod/web'), 'k8s-create-workload', false, 'RoleBinding prod/ci-deployer → ClusterRole deployer rules[0]'],
  [group('dev-team'), sa('dev/dev-runner'), 'k8s-create-workload', false, 'RoleBinding dev/dev-team-admin → ClusterRole cluster-admin rules[0]'],
  [group('system:serviceaccounts:ci'), sa('dev/dev-runner'), 'k8s-create-workload', false, 'RoleBinding dev/all-ci-sas-deploy → ClusterRole deployer rules[0]'],
  [group('oncall'), sa('prod/web'), 'k8s-pod-exec', false, 'RoleBinding prod/oncall-debug → Role prod/debugger rules[1]'],
  [user('carol@example.com'), sa('payments/payments-api'), 'k8s-pod-exec', false, 'RoleBinding payments/carol-exec → Role payments/exec-api-only rules[0]'],
  [user('bob@example.com'), sa('dev/dev-runner'), 'k8s-pod-exec', true, 'RoleBinding dev/bob-exec → Role dev/exec-viewer rules[1]'],
  [sa('monitoring/auditor'), secret('payments/legacy-batch-token-x7k2p'), 'k8s-read-secrets', false, 'RoleBinding payments/audit-secret-reader → ClusterRole secret-reader rules[0]'],
  [group('oncall'), secret('prod/web-token-legacy'), 'k8s-read-secrets', true, 'RoleBinding prod/oncall-secrets → ClusterRole secret-reader rules[0]'],
  [sa('ci/secret-syncer'), sa('dev/dev-runner'), 'k8s-read-secrets', false, 'RoleBinding dev/secret-sync → ClusterRole secret-writer rules[0]'],
  [sa('ci/token-broker'), sa('kube-system/ebs-csi-controller-sa'), 'k8s-token-request', false, 'RoleBinding kube-system/token-broker → Role kube-system/token-minter rules[0]'],
  [user('ci-bot'), sa('prod/db-migrator'), 'k8s-token-request', false, 'RoleBinding prod/ci-bot-tokens → ClusterRole token-issuer rules[0]'],
  [sa('kube-system/rbac-operator'), ADMIN, 'k8s-bind-escalate', false, 'ClusterRoleBinding rbac-manager → ClusterRole rbac-manager rules[1]'],
  [sa('ci/role-admin'), sa('ci/deployer'), 'k8s-bind-escalate', false, 'RoleBinding ci/role-escalator → ClusterRole role-escalator rules[0]'],
  [user('support@example.com'), ADMIN, 'k8s-impersonate', false, 'ClusterRoleBinding support-impersonation → ClusterRole impersonator rules[0]'],
  [user('support@example.com'), `set:kubernetes:${C}:serviceaccounts`, 'k8s-impersonate', false, 'ClusterRoleBinding support-impersonation → ClusterRole impersonator rules[0]'],
  [group('oncall'), sa('prod/web'), 'k8s-impersonate', false, 'RoleBinding prod/impersonate-web → ClusterRole sa-impersonator rules[0]'],
  [user('eve@example.com'), ADMIN, 'k8s-impersonate', true, 'ClusterRoleBinding eve-group-impersonation → ClusterRole group-impersonator rules[0]'],
];

/** [source, what must not hold, why]: each a trap that naive tools fall into. */
const PROBES: [string, (t: string[]) => boolean, string][] = [
  [group('dev-team'), (t) => t.some((x) => x.startsWith(ADMIN) || x.includes(':prod/') || x.includes('kube-system')), 'cluster-admin through a RoleBinding applies in its namespace only'],
  [sa('dev/dev-runner'), (t) => t.length > 0, 'create pods limited by resourceNames cannot create; create rolebindings without bind binds nothing'],
  [sa('monitoring/prometheus'), (t) => t.length > 0, 'read-only ClusterRole; bind limited to view gives only view'],
  [group('oncall'), (t) => t.some((x) => x.startsWith(sa('prod/db-migrator'))), 'the Job mounts no service-account token'],
  [group('oncall'), (t) => t.some((x) => x.startsWith(sa('prod/default'))), 'impersonate limited to web by resourceNames'],
  [user('carol@example.com'), (t) => t.some((x) => x.includes('legacy-batch')), 'exec limited to one pod by resourceNames'],
  [sa('payments/payments-api'), (t) => t.length > 0, 'get on one named Secret that is not a token'],
  [sa('ci/token-broker'), (t) => t.some((x) => x.startsWith(sa('kube-system/default')) || x.startsWith(sa('kube-system/aws-node'))), 'token requests limited by resourceNames'],
  [group('system:authenticated'), (t) => t.length > 0, 'view to everyone escalates nowhere'],
  [group('readers'), (t) => t.length > 0, 'view escalates nowhere'],
  [sa('kube-system/rbac-operator'), (t) => t.some((x) => x.startsWith('set:')), 'once admin, no namespace-wide duplicate'],
];

describe('Kubernetes escalation techniques (prod-eks fixture)', () => {
  it('covers every technique', () => {
    expect(new Set(HOLDS.map((h) => h[2]))).toEqual(new Set(K8S_TECHNIQUES.map((t) => t.id)));
  });

  it.each(HOLDS)('%s → %s by %s', (src, tgt, technique, conditional, location) => {
    const e = edge(src, tgt, technique);
    expect(e, targets(src).join('\n')).toBeDefined();
    expect(e!.attributes.conditional).toBe(conditional);
    expect(e!.attributes.techniqueName).toBe(K8S_TECHNIQUES.find((t) => t.id === technique)!.name);
    expect(e!.evidence.map((x) => x.location)).toContain(location);
    for (const ev of e!.evidence) expect(ev.file).toMatch(/^(prod-eks\.rbac\.json|prod-eks\.access-policies\.break-glass\.json|analysis)$/);
    expect((e!.attributes.permissions as unknown[]).length).toBeGreaterThan(0);
  });

  it.each(PROBES)('probe: %s (%s)', (src, bad, why) => {
    void why;
    expect(bad(targets(src)), targets(src).join('\n')).toBe(false);
  });

  it('explains the conditional ones', () => {
    expect(edge(user('bob@example.com'), sa('dev/dev-runner'), 'k8s-pod-exec')!.attributes.notes).toEqual([expect.stringMatching(/before Kubernetes 1\.31/)]);
    expect(edge(group('oncall'), secret('prod/web-token-legacy'), 'k8s-read-secrets')!.attributes.notes).toEqual(['the token was marked invalid on 2025-06-01']);
    expect(edge(user('eve@example.com'), ADMIN, 'k8s-impersonate')!.attributes.notes).toEqual([expect.stringMatching(/also needs impersonate on some user/)]);
  });

  it('writes evidence naming binding, role, rule and permission', () => {
    const e = edge(sa('ci/deployer'), sa('prod/web'), 'k8s-create-workload')!;
    expect(e.evidence[0]).toEqual({
      file: 'prod-eks.rbac.json',
      location: 'RoleBinding prod/ci-deployer → ClusterRole deployer rules[0]',
      policy: `k8s:${C}:ClusterRole:deployer`,
      statement: 'rules[0]',
      note: 'create deployments in namespace prod; binding at items[56].subjects[0]',
    });
    expect(e.attributes.permissions).toEqual([
      { action: 'create deployments', resource: 'in namespace prod', decision: 'allowed' },
      { action: 'create replicasets', resource: 'in namespace prod', decision: 'allowed' },
    ]);
  });

  it('lists the admins and marks them, and who escalates to admin', () => {
    expect([...k8s.admins.keys()].sort()).toEqual([group('ops-admins'), group('system:masters'), user('arn:aws:sts::111122223333:assumed-role/break-glass/{{SessionName}}')].sort());
    expect(s.graph.getNodeAttribute(group('ops-admins'), 'attributes').admin).toBe(true);
    const report = adminReport(a);
    const escalating = report.escalatesToAdmin.map((x) => x.principal);
    // (The aws-auth roles reach admin too, but are placeholders until the IAM export is imported.)
    expect(escalating.sort()).toEqual([sa('kube-system/rbac-operator'), user('eve@example.com'), user('support@example.com')]);
    expect(report.escalatesToAdmin[0]!.paths[0]!.steps[0]!.explanation).toBe('kube-system/rbac-operator → Administrator of cluster prod-eks by k8s-bind-escalate (Bind or escalate roles)');
    expect(escalating).not.toContain(sa('monitoring/prometheus'));
  });

  it('draws built-in group membership only for groups that lead somewhere', () => {
    const inGroup = s.graph.filterEdges((_, e) => e.kind === 'k8s.inGroup').map((e) => `${s.graph.source(e)} → ${s.graph.target(e)}`).sort();
    expect(inGroup).toEqual(['default', 'deployer', 'role-admin', 'secret-syncer', 'token-broker'].map((n) => `${sa(`ci/${n}`)} → ${group('system:serviceaccounts:ci')}`));
    // So a CI service account reaches dev through its namespace's group.
    const br = blastRadius(a, sa('ci/token-broker'));
    expect(br.identities.map((i) => i.id)).toEqual(expect.arrayContaining([sa('kube-system/ebs-csi-controller-sa'), group('system:serviceaccounts:ci'), sa('dev/dev-runner')]));
  });

  it('blast radius: a legacy token reader reaches the token, its service account and the Secrets', () => {
    const br = blastRadius(a, sa('monitoring/auditor'));
    expect(br.identities.map((i) => i.id)).toContain(sa('payments/legacy-batch'));
    const stripe = br.resources.find((r) => r.id === secret('payments/stripe-api-key'))!;
    expect(stripe).toMatchObject({ service: 'k8s secrets', hops: 1, levels: ['List', 'Read'].filter((l) => stripe.levels.includes(l as never)) });
    expect(stripe.access.allowed.Read).toEqual(['get secrets', 'list secrets', 'watch secrets']);
    expect(br.adminOf).toEqual([]);
  });

  it('blast radius: the aws-auth admin role reaches the cluster admin and every Secret', () => {
    const br = blastRadius(a, 'arn:aws:iam::111122223333:role/eks-admin');
    expect(br.adminOf).toEqual([C]);
    expect(br.resources.filter((r) => r.kind === 'k8s.secret').map((r) => r.id)).toEqual([secret('payments/stripe-api-key')]);
    expect(br.identities.map((i) => i.id)).toContain(sa('prod/web'));
  });

  it('who can read the Stripe key: direct readers, then those who can become them', () => {
    const w = whoCan(a, secret('payments/stripe-api-key'), 'get');
    expect(w.direct.sort()).toEqual([group('ops-admins'), group('system:masters'), sa('monitoring/auditor'), sa('payments/payments-api'), user('arn:aws:sts::111122223333:assumed-role/break-glass/{{SessionName}}')].sort());
    const reachers = w.reachers.map((r) => r.id);
    expect(reachers).toContain('arn:aws:iam::111122223333:role/eks-admin');
    expect(reachers).toContain(user('support@example.com'));
    // carol execs into the payments-api pod, whose service account may read the key.
    expect(w.reachers.find((r) => r.id === user('carol@example.com'))).toMatchObject({ through: sa('payments/payments-api'), hops: 2 });
    expect(reachers).not.toContain(user('bob@example.com'));
  });

  it('answers access questions per verb, namespace and name', () => {
    const stripe = secret('payments/stripe-api-key');
    expect(k8s.decide(sa('payments/payments-api'), 'get', stripe)).toBe('allowed');
    expect(k8s.decide(sa('payments/payments-api'), 'list secrets', stripe)).toBe('no');
    expect(k8s.decide(group('oncall'), 'get', stripe)).toBe('no');
    expect(k8s.accessOf(sa('payments/payments-api'), stripe)).toEqual({ allowed: { Read: ['get secrets'] }, conditional: {} });
    expect(k8s.scopeOf(stripe)).toBe(C);
    expect(k8s.serviceOf(`k8s:${C}:Deployment:prod/web`)).toBe('k8s workloads');
    expect(k8s.fullAccess(stripe).allowed.Write).toEqual(['create secrets', 'update secrets', 'patch secrets', 'delete secrets', 'deletecollection secrets']);
    expect(k8s.accessOf(group('ci-bot'), stripe)).toBeUndefined();
    expect(k8s.principals()).toEqual(expect.arrayContaining([sa('prod/web'), user('carol@example.com'), group('oncall'), group('system:masters')]));
  });

  it('is repeatable: a second analysis gives the same edges', async () => {
    const count = () => s.graph.filterEdges((_, e) => e.kind === 'escalatesTo' || e.kind === 'k8s.inGroup').length;
    const before = count();
    await analyze(s.graph, { asOf: Date.parse('2026-06-01T00:00:00Z') });
    expect(count()).toBe(before);
  });
});
