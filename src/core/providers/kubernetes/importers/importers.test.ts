/**
 * The Kubernetes fixtures (fixtures/kubernetes): what each export becomes, cluster naming, and
 * that no secret value survives the import anywhere in the fragment.
 */
import { describe, expect, it } from 'vitest';
import { importFile, prescanFacts } from '../../../importers/import-file';
import { repoFile, textFile } from '../../../test-support/public-corpus';
import type { Fragment } from '../../../model/fragment';
import { PROVIDERS } from '../../index';
import { expectCleanImport } from '../../../test-support/clean-import';

const C = 'prod-eks';
const FACTS = new Map([['k8s.cluster', new Set([C])]]);
const TOKEN = 'ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkluQnliMlF0WldzdGRHVnpkQ0o5';
const id = (kind: string, rest: string) => `k8s:${C}:${kind}:${rest}`;

const serialize = (f: Fragment) => JSON.stringify({ nodes: [...f.nodes.values()], edges: [...f.edges.values()], refs: f.nameRefs });

const TABLE: { file: string; format: string; counts: Record<string, number>; dropped: number }[] = [
  {
    file: 'prod-eks.rbac.json', format: 'k8s.kubectl', dropped: 6,
    counts: { 'k8s.serviceAccount': 21, 'k8s.serviceAccountToken': 3, 'k8s.secret': 1, 'k8s.clusterRole': 15, 'k8s.role': 7, 'k8s.group': 9, 'k8s.user': 10, 'k8s.clusterRoleBinding': 8, 'k8s.roleBinding': 18, 'aws-auth mappings': 5 },
  },
  { file: 'prod-eks.workloads.json', format: 'k8s.kubectl', dropped: 0, counts: { 'k8s.workload': 9 } },
  { file: 'eks-describe-cluster.json', format: 'k8s.eks.describe-cluster', dropped: 0, counts: { 'k8s.cluster': 1 } },
  { file: 'gke-describe-cluster.json', format: 'k8s.gke.describe-cluster', dropped: 1, counts: { 'k8s.cluster': 1 } },
  { file: 'aks-show.json', format: 'k8s.aks.show', dropped: 0, counts: { 'k8s.cluster': 1 } },
  { file: 'prod-eks.access-entry.platform-oncall.json', format: 'k8s.eks.describe-access-entry', dropped: 0, counts: { 'k8s.user': 1, 'k8s.group': 1, 'access entries': 1 } },
  { file: 'prod-eks.access-policies.break-glass.json', format: 'k8s.eks.list-associated-access-policies', dropped: 0, counts: { 'k8s.user': 1, 'access policies': 1 } },
  { file: 'staging.rbac.yaml', format: 'k8s.kubectl-yaml', dropped: 2, counts: { 'k8s.serviceAccount': 2, 'k8s.role': 1, 'k8s.roleBinding': 1, 'k8s.group': 1, 'k8s.secret': 1 } },
];

describe('Kubernetes fixtures', () => {
  it.each(TABLE)('$file imports as $format', ({ file, format, counts, dropped }) => {
    const { report } = importFile(repoFile(`kubernetes/${file}`), undefined, FACTS);
    expectCleanImport(report, format);
    expect(report.counts).toEqual(counts);
    expect(report.droppedSecrets).toBe(dropped);
  });

  it('never keeps a secret value: Secret data, stringData, last-applied copies, env values, GKE client keys', () => {
    for (const t of TABLE) {
      const text = serialize(importFile(repoFile(`kubernetes/${t.file}`), undefined, FACTS).fragment);
      for (const needle of [TOKEN, 'c2tfbGl2ZV9CTEFTVE1BUF9GQUtFX1NUUklQRV9LRVk', 'hunter2', 'staging-session-signing-key', 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk', 'last-applied-configuration', 'managedFields', 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0t']) {
        expect(text, `${t.file} holds ${needle}`).not.toContain(needle);
      }
    }
    const { report } = importFile(repoFile('kubernetes/prod-eks.rbac.json'), undefined, FACTS);
    expect(report.notes).toContain('dropped 4 value(s) of 2 Secret(s) (data, stringData and last-applied annotations that repeat them); Blastmap never stores secret material');
  });

  it('reads service accounts with their cloud annotations, tokens and the secrets they name', () => {
    const { fragment } = importFile(repoFile('kubernetes/prod-eks.rbac.json'), undefined, FACTS);
    const web = fragment.nodes.get(id('ServiceAccount', 'prod/web'))!;
    expect(web).toMatchObject({ kind: 'k8s.serviceAccount', name: 'prod/web', account: C, provider: 'kubernetes', placeholder: false });
    expect(web.attributes.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/prod-web-s3' });
    expect(fragment.nodes.get(id('ServiceAccount', 'payments/legacy-batch'))!.attributes.tokenSecrets).toEqual(['legacy-batch-token-x7k2p']);
    const token = fragment.nodes.get(id('Secret', 'payments/legacy-batch-token-x7k2p'))!;
    expect(token.kind).toBe('k8s.serviceAccountToken');
    expect(token.attributes).toMatchObject({ serviceAccount: 'legacy-batch', lastUsed: '2026-01-10T00:00:00.000Z', created: '2022-05-03T08:00:00.000Z', type: 'kubernetes.io/service-account-token' });
    const cred = fragment.edges.get(`credentialOf|${token.id}|${id('ServiceAccount', 'payments/legacy-batch')}`)!;
    expect(cred.evidence[0]!.location).toBe('items[22].metadata.annotations["kubernetes.io/service-account.name"]');
    expect(fragment.nodes.get(id('Secret', 'prod/web-token-legacy'))!.attributes.invalidSince).toBe('2025-06-01T00:00:00.000Z');
    expect(fragment.nodes.get(id('Secret', 'payments/stripe-api-key'))).toMatchObject({ kind: 'k8s.secret', attributes: { type: 'Opaque', namespace: 'payments' } });
  });

  it('draws one binding edge per subject, scoped by the binding, with its location', () => {
    const { fragment } = importFile(repoFile('kubernetes/prod-eks.rbac.json'), undefined, FACTS);
    const rb = fragment.edges.get(`k8s.bindsRole|${id('Group', 'dev-team')}|${id('ClusterRole', 'cluster-admin')}|${id('RoleBinding', 'dev/dev-team-admin')}`)!;
    expect(rb.attributes).toEqual({ binding: 'dev/dev-team-admin', bindingKind: 'RoleBinding', bindingId: id('RoleBinding', 'dev/dev-team-admin'), namespace: 'dev' });
    expect(rb.evidence[0]).toEqual({ file: 'prod-eks.rbac.json', location: 'items[55].subjects[0]', policy: id('RoleBinding', 'dev/dev-team-admin'), note: 'RoleBinding dev/dev-team-admin binds ClusterRole cluster-admin in namespace dev' });
    const crb = fragment.edges.get(`k8s.bindsRole|${id('Group', 'ops-admins')}|${id('ClusterRole', 'cluster-admin')}|${id('ClusterRoleBinding', 'ops-admins')}`)!;
    expect(crb.attributes.namespace).toBeUndefined();
    // A service-account subject without namespace is the binding's; a User system:serviceaccount: is the service account.
    expect(fragment.edges.has(`k8s.bindsRole|${id('ServiceAccount', 'dev/dev-runner')}|${id('Role', 'dev/named-pod-creator')}|${id('RoleBinding', 'dev/dev-runner-pods')}`)).toBe(true);
    expect(fragment.edges.has(`k8s.bindsRole|${id('ServiceAccount', 'ci/role-admin')}|${id('Role', 'ci/ci-basic')}|${id('RoleBinding', 'ci/ci-basic')}`)).toBe(true);
    expect(fragment.nodes.has(id('User', 'system:serviceaccount:ci:role-admin'))).toBe(false);
  });

  it('maps AWS roles and users through aws-auth, with placeholders on the AWS side', () => {
    const { fragment } = importFile(repoFile('kubernetes/prod-eks.rbac.json'), undefined, FACTS);
    const admin = 'arn:aws:iam::111122223333:role/eks-admin';
    expect(fragment.nodes.get(admin)).toMatchObject({ kind: 'role', provider: 'aws', name: 'eks-admin', account: '111122223333', placeholder: true });
    const e = fragment.edges.get(`k8s.mapsTo|${admin}|${id('Group', 'system:masters')}`)!;
    expect(e.evidence[0]!.location).toBe('items[73].data.mapRoles[1]');
    expect(fragment.edges.has(`k8s.mapsTo|${admin}|${id('User', 'eks-admin')}`)).toBe(true);
    expect(fragment.edges.get(`k8s.mapsTo|arn:aws:iam::111122223333:role/prod-eks-node-role|${id('User', 'system:node:{{EC2PrivateDNSName}}')}`)!.attributes.templated).toBe(true);
    expect(fragment.nodes.get('arn:aws:iam::111122223333:user/alice')).toMatchObject({ kind: 'user', provider: 'aws' });
    expect(fragment.edges.has(`k8s.mapsTo|arn:aws:iam::111122223333:user/alice|${id('Group', 'readers')}`)).toBe(true);
  });

  it('reads workloads: the service account they run as, defaulting to default, and whether the token is mounted', () => {
    const { fragment } = importFile(repoFile('kubernetes/prod-eks.workloads.json'), undefined, FACTS);
    const job = fragment.nodes.get(id('Job', 'prod/db-migrate'))!;
    expect(job.attributes).toMatchObject({ workloadKind: 'Job', serviceAccount: 'db-migrator', automountServiceAccountToken: false, apiGroup: 'batch', resource: 'jobs' });
    const cron = fragment.edges.get(`runsAs|${id('CronJob', 'ci/nightly-report')}|${id('ServiceAccount', 'ci/default')}`)!;
    expect(cron.evidence[0]!.location).toBe('items[8].spec.jobTemplate.spec.template.spec');
    const ds = fragment.nodes.get(id('DaemonSet', 'kube-system/aws-node'))!;
    expect(ds.attributes).toMatchObject({ hostNetwork: true, privileged: true });
    const pod = fragment.nodes.get(id('Pod', 'prod/web-7d4b9c6f8-abcde'))!;
    expect(pod.attributes).toMatchObject({ owner: 'ReplicaSet/web-7d4b9c6f8', nodeName: 'ip-10-0-12-34.eu-west-1.compute.internal' });
    expect(fragment.nodes.get(id('ServiceAccount', 'prod/web'))!.placeholder).toBe(true);
  });

  it('reads cluster descriptions: platform, OIDC issuer, cloud ids', () => {
    const eks = importFile(repoFile('kubernetes/eks-describe-cluster.json')).fragment.nodes.get('k8s:prod-eks')!;
    expect(eks.attributes).toMatchObject({ platform: 'eks', arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod-eks', awsAccount: '111122223333', region: 'eu-west-1', oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9', authenticationMode: 'API_AND_CONFIG_MAP', endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] });
    const gke = importFile(repoFile('kubernetes/gke-describe-cluster.json')).fragment.nodes.get('k8s:staging')!;
    expect(gke.attributes).toMatchObject({ platform: 'gke', project: 'staging-project', location: 'europe-west1', workloadPool: 'staging-project.svc.id.goog', oidcIssuer: 'https://container.googleapis.com/v1/projects/staging-project/locations/europe-west1/clusters/staging' });
    const aks = importFile(repoFile('kubernetes/aks-show.json')).fragment.nodes.get('k8s:aks-payments')!;
    expect(aks.attributes).toMatchObject({ platform: 'aks', subscription: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', resourceGroup: 'rg-payments', workloadIdentity: true, oidcIssuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-0000-4000-8000-2d7cd011db47/4f506172-8394-4a5b-b6c7-d8e9f0011223/' });
    expect((aks.attributes.kubeletIdentity as Record<string, string>).clientId).toBe('2d3e4f50-6172-4839-94a5-b6c7d8e9f001');
  });

  it('reads EKS access entries and access policies', () => {
    const entry = importFile(repoFile('kubernetes/prod-eks.access-entry.platform-oncall.json')).fragment;
    const arn = 'arn:aws:iam::111122223333:role/platform-oncall';
    expect(entry.edges.has(`k8s.mapsTo|${arn}|${id('Group', 'oncall')}`)).toBe(true);
    expect(entry.edges.has(`k8s.mapsTo|${arn}|${id('User', 'arn:aws:sts::111122223333:assumed-role/platform-oncall/{{SessionName}}')}`)).toBe(true);
    const { fragment, report } = importFile(repoFile('kubernetes/prod-eks.access-policies.break-glass.json'));
    const user = id('User', 'arn:aws:sts::111122223333:assumed-role/break-glass/{{SessionName}}');
    const e = [...fragment.edges.values()].find((x) => x.kind === 'k8s.bindsRole')!;
    expect(e).toMatchObject({ source: user, target: id('ClusterRole', 'cluster-admin'), attributes: { bindingKind: 'AccessPolicy' } });
    expect(report.notes.some((n) => n.includes('AmazonEKSAdminViewPolicy'))).toBe(true);
  });

  it('names the cluster from the session (describe-cluster) or else from the file name, and says which', () => {
    const fromFacts = importFile({ ...repoFile('kubernetes/prod-eks.workloads.json'), name: 'workloads.json', path: '/exports/prod-eks/workloads.json' }, undefined, FACTS);
    expect(fromFacts.report.notes[0]).toBe('cluster "prod-eks": a cluster described by another file of the session, named in the folder name "prod-eks"');
    expect(fromFacts.fragment.nodes.has(id('Pod', 'prod/web-7d4b9c6f8-abcde'))).toBe(true);
    const fromName = importFile({ ...repoFile('kubernetes/prod-eks.workloads.json'), name: 'staging-workloads.json', path: 'staging-workloads.json' });
    expect(fromName.report.notes[0]).toMatch(/^cluster "staging": taken from the file name/);
    expect(fromName.fragment.nodes.has('k8s:staging:Pod:prod/web-7d4b9c6f8-abcde')).toBe(true);
    // The same namespace/name in two clusters is two nodes.
    expect(fromName.fragment.nodes.has(id('Pod', 'prod/web-7d4b9c6f8-abcde'))).toBe(false);
  });

  it('prescans cluster descriptions (and only them) for their names', () => {
    const facts = new Map<string, Set<string>>();
    prescanFacts(TABLE.map((t) => repoFile(`kubernetes/${t.file}`)), facts);
    expect([...(facts.get('k8s.cluster') ?? [])].sort()).toEqual(['aks-payments', 'prod-eks', 'staging']);
    const plugin = PROVIDERS.find((p) => p.id === 'kubernetes')!;
    expect([...plugin.prescan!('{"cluster": {"arn": "arn:aws:eks:us-east-1:123456789012:cluster/x\\"y"}}', 'a')]).toEqual([]);
    expect([...plugin.prescan!('not json at all', 'a')]).toEqual([]);
  });

  it('reads a single object, a typed list and a JSON array of objects alike', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'n' } };
    for (const text of [JSON.stringify(sa), JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccountList', items: [sa] }), JSON.stringify([sa, { ...sa, metadata: { name: 'y', namespace: 'n' } }])]) {
      const { report, fragment } = importFile(textFile('prod-eks.json', text));
      expect(report.status).toBe('imported');
      expect(fragment.nodes.has(id('ServiceAccount', 'n/x'))).toBe(true);
    }
  });
});

describe('az aks show versus az resource list', () => {
  it('an `az resource list` whose first entry is an AKS cluster is read as Azure resources, not as clusters', () => {
    const list = [
      { id: '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a', location: 'westeurope', name: 'aks-a', resourceGroup: 'rg', tags: {}, type: 'Microsoft.ContainerService/managedClusters' },
      { id: '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1', location: 'westeurope', name: 'vm-1', resourceGroup: 'rg', tags: {}, type: 'Microsoft.Compute/virtualMachines' },
    ];
    const { report, fragment } = importFile(textFile('resources.json', JSON.stringify(list)));
    expect(report.format).toBe('azure.resources');
    expect([...fragment.nodes.values()].some((n) => n.kind === 'k8s.cluster')).toBe(false);
  });
});
