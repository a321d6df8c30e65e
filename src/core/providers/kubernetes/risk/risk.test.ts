/**
 * Kubernetes's NHI risk: users classified by name, its rules and metrics over the small cluster of
 * fixtures/risk/kubernetes (shop-gke), as of 2025-06-01: each rule fires where the fixture says
 * and not on its near miss; the neutral admin rule fires on a cluster-admin service account and
 * not on a person bound to cluster-admin; the metrics are counted by hand. Then the repository's
 * own Kubernetes fixtures (no workload counted twice through its ReplicaSet) and the public RBAC
 * bootstrap policy: the assessment completes and no person gets a finding.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportSession } from '../../../graph/session';
import { analyze } from '../../../analysis/analysis';
import { assessRisk, type RiskReport } from '../../../risk/assess';
import type { FileInput } from '../../../importers/import-file';
import { hasPublicCorpus, publicFile, REPO_FIXTURES, repoFile } from '../../../test-support/public-corpus';
import { k8sClassify } from './classify';
import { LEGACY_TOKEN, SECRETS_CLUSTER_READABLE, SHARED_SA } from './rules';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const dirFiles = (...dirs: string[]) => dirs.flatMap((d) => walk(join(REPO_FIXTURES, d))).filter((f) => !f.endsWith('.md')).map((f) => repoFile(relative(REPO_FIXTURES, f)));

async function assess(files: FileInput[], facts?: [string, string[]][]): Promise<RiskReport> {
  const session = new ImportSession();
  for (const [k, v] of facts ?? []) session.facts.set(k, new Set(v));
  const reports = session.addFiles(files);
  expect(reports.filter((r) => r.status !== 'imported').map((r) => r.file)).toEqual([]);
  return assessRisk(await analyze(session.graph, { asOf: AS_OF }));
}

const C = 'shop-gke';
const SA = (ns: string, name: string) => `k8s:${C}:ServiceAccount:${ns}/${name}`;
const SECRET = (ns: string, name: string) => `k8s:${C}:Secret:${ns}/${name}`;
const CROLE = (name: string) => `k8s:${C}:ClusterRole:${name}`;
const USER = (name: string) => `k8s:${C}:User:${name}`;

let report: RiskReport;
const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
const subjects = (rule: string) => of(rule).map((f) => f.subject).sort();

beforeAll(async () => {
  report = await assess(dirFiles('risk/kubernetes'));
});

describe('Kubernetes users: human or not', () => {
  const node = (name: string, kind = 'k8s.user') => ({ id: `k8s:c:User:${name}`, kind, provider: 'kubernetes', name, account: 'c', attributes: {}, placeholder: false });
  it.each([
    ['system:kube-scheduler', 'non-human', /Kubernetes component/],
    ['system:kube-controller-manager', 'non-human', /system: prefix/],
    ['system:node:ip-10-0-1-5.ec2.internal', 'non-human', /node's kubelet/],
    ['jane', 'human', /client certificate, an OIDC login/],
    ['dev@shop.example', 'human', /e-mail address/],
  ] as const)('%s is %s', (name, nature, reason) => {
    const c = k8sClassify(node(name), undefined as never)!;
    expect(c.nature).toBe(nature);
    expect(c.reason).toMatch(reason);
  });
  it('leaves every other kind to its trait', () => {
    expect(k8sClassify(node('system:serviceaccount:a:b', 'k8s.serviceAccount'), undefined as never)).toBeUndefined();
  });
  it('classifies the fixture\'s users', () => {
    const nature = new Map(report.classification.map((c) => [c.id, c.nature]));
    expect([USER('jane'), USER('dev@shop.example'), USER('system:kube-scheduler'), USER('system:node:ip-10-0-1-5.ec2.internal')].map((u) => nature.get(u))).toEqual(['human', 'human', 'non-human', 'non-human']);
  });
});

describe('Kubernetes risk rules', () => {
  const TABLE: { rule: string; fires: string[]; nearMiss: string; why: string }[] = [
    { rule: LEGACY_TOKEN.id, fires: [SECRET('shop', 'api-token-legacy')], nearMiss: SECRET('shop', 'worker-token-old'), why: 'the cleaner marked it invalid on 2025-04-01' },
    { rule: SECRETS_CLUSTER_READABLE.id, fires: [CROLE('secret-reader')], nearMiss: CROLE('namespace-secret-reader'), why: 'bound to system:authenticated only in namespace shop (configmap-reader reads no Secrets)' },
    { rule: SHARED_SA.id, fires: [SA('shop', 'default')], nearMiss: SA('shop', 'api'), why: 'one Deployment, its ReplicaSet and Pods (one of a ReplicaSet not exported)' },
    { rule: 'nhi.admin', fires: [SA('ops', 'deployer')], nearMiss: SA('ops', 'ns-admin'), why: 'cluster-admin bound in namespace ops only; the person jane is not judged' },
    { rule: 'nhi.credential-old', fires: [SECRET('shop', 'api-token-legacy')], nearMiss: SECRET('shop', 'worker-token-old'), why: 'an invalidated token is inactive' },
  ];
  it.each(TABLE)('$rule fires on its subjects, not on the near miss ($why)', ({ rule, fires, nearMiss }) => {
    expect(subjects(rule)).toEqual([...fires].sort());
    expect(subjects(rule)).not.toContain(nearMiss);
    for (const f of of(rule)) expect(f.evidence[0]!.file).toMatch(/^shop-gke\.(rbac|workloads)\.json$/);
  });

  it('describes a legacy token and how to remove it', () => {
    const [f] = of(LEGACY_TOKEN.id);
    expect(f).toMatchObject({ identity: SA('shop', 'api'), owasp: 'NHI4', detail: 'shop/api-token-legacy: a never-expiring token of service account shop/api, last used 2025-05-20.' });
    expect(f!.evidence[0]).toMatchObject({ location: 'items[5].metadata.annotations["kubernetes.io/service-account.name"]' });
    expect(f!.remediation).toMatch(/^Delete Secret api-token-legacy in namespace shop \(kubectl -n shop delete secret api-token-legacy\)/);
    // The invalidated token is kept as inactive: no neutral finding either.
    expect(report.findings.filter((x) => x.subject === SECRET('shop', 'worker-token-old'))).toEqual([]);
  });

  it('cites the binding that opens every Secret to system:authenticated', () => {
    const [f] = of(SECRETS_CLUSTER_READABLE.id);
    expect(f).toMatchObject({ owasp: 'NHI2', severity: 'high', detail: 'ClusterRole secret-reader (cluster shop-gke) allows get, list on every Secret, bound cluster-wide to system:authenticated by all-read-secrets.' });
    expect(f!.evidence[0]).toEqual({ file: 'shop-gke.rbac.json', location: 'items[12].subjects[0]', policy: 'ClusterRoleBinding all-read-secrets', note: 'binds secret-reader to system:authenticated' });
  });

  it('names the workloads sharing the default service account', () => {
    const [f] = of(SHARED_SA.id);
    expect(f).toMatchObject({ owasp: 'NHI9', detail: 'shop/default is used by 2 workloads: shop/cart, shop/web.' });
    expect(f!.remediation).toMatch(/automountServiceAccountToken: false on the default service account/);
  });

  it('gives a person bound to cluster-admin no finding, and reads owner labels', () => {
    expect(report.findings.filter((f) => f.identity === USER('jane'))).toEqual([]);
    expect(subjects('nhi.no-owner')).not.toContain(SA('shop', 'api'));
    expect(subjects('nhi.no-owner')).toContain(SA('shop', 'worker'));
  });

  it('counts the lifecycle metrics (by hand)', () => {
    expect(report.metrics.kubernetes).toEqual({
      // shop/default, shop/api, shop/worker, ops/deployer, ops/ns-admin
      serviceAccountsTotal: 5,
      // shop/api-token-legacy, shop/worker-token-old
      legacyTokenSecrets: 2,
      // worker-token-old: last used 2024-10-01, 243 days before (api-token-legacy: 2025-05-20, 12 days)
      legacyTokenSecretsUnused: 1,
      // ops/deployer (ClusterRoleBinding ops-deployer-admin); ops/ns-admin's is a RoleBinding
      serviceAccountsWithClusterAdmin: 1,
      // web and cart run as shop/default; api (Deployment, ReplicaSet, 2 Pods) and report (CronJob, Job) once each
      workloadsSharingServiceAccount: 2,
    });
  });
});

describe('Kubernetes risk over the repository fixtures', () => {
  it('counts a Deployment and the Pod of its ReplicaSet as one workload, and judges no person', async () => {
    const r = await assess(dirFiles('kubernetes'));
    expect(r.findings.filter((f) => f.rule === SHARED_SA.id)).toEqual([]);
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(humans.has('k8s:prod-eks:User:arn:aws:sts::111122223333:assumed-role/break-glass/{{SessionName}}')).toBe(true);
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    // prod/web-token-legacy was marked invalid on 2025-06-01: inactive, judged by nothing.
    expect(r.findings.filter((f) => f.subject === 'k8s:prod-eks:Secret:prod/web-token-legacy')).toEqual([]);
    expect(r.metrics.kubernetes!.legacyTokenSecrets).toBe(3);
  });
});

const T = 'kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/';
describe.skipIf(!hasPublicCorpus)('Kubernetes risk over the public bootstrap policy', () => {
  it('completes, classifies the system: users as components, and gives no person a finding', async () => {
    const files = ['cluster-roles-featuregates.yaml', 'cluster-role-bindings.yaml', 'namespace-role-bindings.yaml'].map((f) => publicFile(T + f));
    const r = await assess(files, [['k8s.cluster', ['bootstrappolicy']]]);
    const users = r.classification.filter((c) => c.id.includes(':User:'));
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u.nature).toBe(u.id.includes(':User:system:') ? 'non-human' : 'human');
    const humans = new Set(r.classification.filter((c) => c.nature === 'human').map((c) => c.id));
    expect(r.findings.filter((f) => humans.has(f.identity))).toEqual([]);
    expect(r.metrics.kubernetes).toBeDefined();
  });
});
