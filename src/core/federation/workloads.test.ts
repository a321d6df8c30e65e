/**
 * Workload federations, each checked on both sides: EKS IRSA (annotation + role trust on issuer,
 * sub and aud), GKE workload identity (annotation + workloadIdentityUser binding for the pool
 * member), AWS role sessions in a GCP workload identity pool. One condition off rejects the link.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { repoFile } from '../test-support/public-corpus';
import { privilegePaths } from '../analysis/privilege-paths';

async function analysed(files: string[]): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files.map((f) => repoFile(f)));
  return analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
}

const federatesTo = (a: Analysis, from: string) =>
  a.graph.hasNode(from)
    ? a.graph
        .outEdges(from)
        .filter((e) => a.graph.getEdgeAttribute(e, 'kind') === 'federatesTo')
        .map((e) => ({ to: a.graph.target(e), ...a.graph.getEdgeAttributes(e) }))
    : [];

const SA = (cluster: string, ns: string, name: string) => `k8s:${cluster}:ServiceAccount:${ns}/${name}`;
const ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

describe('EKS IRSA', () => {
  const files = ['kubernetes/eks-describe-cluster.json', 'kubernetes/prod-eks.rbac.json', 'federation/prod-eks-irsa-roles.json', 'federation/prod-eks-oidc-provider.json'];

  it('links a service account to its annotated role when the trust admits issuer, sub and aud', async () => {
    const a = await analysed(files);
    const [edge] = federatesTo(a, SA('prod-eks', 'payments', 'payments-api'));
    expect(edge).toMatchObject({ to: ROLE('payments-api'), attributes: { technique: 'eks-irsa', conditional: false } });
    // Both sides are the evidence: the annotation, then the trust statement.
    expect(edge!.evidence[0]).toMatchObject({ file: 'prod-eks.rbac.json', location: 'ServiceAccount payments/payments-api metadata.annotations["eks.amazonaws.com/role-arn"]' });
    expect(edge!.evidence[1]).toMatchObject({ file: 'prod-eks-irsa-roles.json', location: 'RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]', statement: 'IRSA' });
    // and the service account becomes an AWS administrator through it.
    expect(privilegePaths(a, SA('prod-eks', 'payments', 'payments-api'), 'admin', 1)[0]!.steps.map((s) => s.kind)).toEqual(['federatesTo', 'escalatesTo']);
  });

  it.each([
    ['prod', 'web', 'prod-web-s3', /does not admit it .*sub=system:serviceaccount:prod:web, aud=sts.amazonaws.com/],
    ['kube-system', 'aws-node', 'prod-eks-vpc-cni', /does not admit it/],
  ])('refuses %s/%s: the trust of %s does not admit its token', async (ns, name, role, reason) => {
    const a = await analysed(files);
    expect(federatesTo(a, SA('prod-eks', ns, name))).toEqual([]);
    expect(a.federation.find((f) => f.from === SA('prod-eks', ns, name))).toMatchObject({ to: ROLE(role), status: 'rejected', reason: expect.stringMatching(reason) });
  });

  it('keeps an annotation whose role is not in the exports as an unverified, conditional edge', async () => {
    const a = await analysed(files);
    const [edge] = federatesTo(a, SA('prod-eks', 'kube-system', 'ebs-csi-controller-sa'));
    expect(edge).toMatchObject({ to: ROLE('AmazonEKS_EBS_CSI_DriverRole'), attributes: { conditional: true, unverified: true } });
    expect(a.federation.find((f) => f.from === SA('prod-eks', 'kube-system', 'ebs-csi-controller-sa'))).toMatchObject({ status: 'unverified' });
  });

  it('an annotation alone never links: without the IAM export the role is unverified, without the cluster description the issuer is unknown', async () => {
    const noAws = await analysed(files.slice(0, 2));
    expect(federatesTo(noAws, SA('prod-eks', 'payments', 'payments-api'))[0]).toMatchObject({ attributes: { unverified: true, conditional: true } });
    const noCluster = await analysed(files.slice(1));
    expect(federatesTo(noCluster, SA('prod-eks', 'payments', 'payments-api'))).toEqual([]);
    expect(noCluster.federation.find((f) => f.from === SA('prod-eks', 'payments', 'payments-api'))?.reason).toMatch(/issuer \(unknown: no cluster description imported\)/);
  });
});

describe('EKS Pod Identity', () => {
  const files = ['kubernetes/eks-describe-cluster.json', 'kubernetes/prod-eks.rbac.json', 'federation/prod-eks-irsa-roles.json', 'federation/prod-eks.pod-identity.ledger.json', 'federation/prod-eks.pod-identity.reports.json'];

  it('links the associated service account when the role trusts pods.eks.amazonaws.com for AssumeRole and TagSession', async () => {
    const a = await analysed(files);
    const [edge] = federatesTo(a, SA('prod-eks', 'payments', 'ledger'));
    expect(edge).toMatchObject({ to: ROLE('ledger-pod-identity'), attributes: { technique: 'eks-pod-identity', techniqueName: 'EKS Pod Identity', conditional: false } });
    expect(edge!.evidence.map((e) => [e.file, e.location])).toEqual([
      ['prod-eks.pod-identity.ledger.json', 'association.roleArn'],
      ['prod-eks-irsa-roles.json', 'RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]'],
    ]);
  });

  it('refuses the association whose role trust lacks sts:TagSession', async () => {
    const a = await analysed(files);
    expect(federatesTo(a, SA('prod-eks', 'payments', 'reports'))).toEqual([]);
    expect(a.federation.find((f) => f.from === SA('prod-eks', 'payments', 'reports'))).toMatchObject({ to: ROLE('reports-pod-identity'), status: 'rejected', reason: expect.stringMatching(/service pods\.eks\.amazonaws\.com/) });
  });
});

describe('GKE workload identity', () => {
  const files = ['federation/gke-describe-cluster.acme-gke.json', 'federation/acme-gke.rbac.json', 'gcp/service-accounts.json', 'gcp/app@acme-prod.iam.gserviceaccount.com.iam.json'];
  const GSA = 'serviceAccount:app@acme-prod.iam.gserviceaccount.com';

  it('links the annotated service account whose pool member holds roles/iam.workloadIdentityUser on the GSA', async () => {
    const a = await analysed(files);
    const [edge] = federatesTo(a, SA('acme-gke', 'payments', 'api'));
    expect(edge).toMatchObject({ to: GSA, attributes: { technique: 'gke-workload-identity', conditional: false } });
    expect(edge!.evidence.map((e) => e.file)).toEqual(['acme-gke.rbac.json', 'app@acme-prod.iam.gserviceaccount.com.iam.json']);
  });

  it('refuses the annotated service account the GSA does not trust', async () => {
    const a = await analysed(files);
    expect(federatesTo(a, SA('acme-gke', 'payments', 'worker'))).toEqual([]);
    expect(a.federation.find((f) => f.from === SA('acme-gke', 'payments', 'worker'))).toMatchObject({ to: GSA, status: 'rejected', reason: expect.stringMatching(/member serviceAccount:acme-prod\.svc\.id\.goog\[payments\/worker\]/) });
  });
});
