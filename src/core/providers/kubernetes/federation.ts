/**
 * The tokens a cluster mints for its service accounts, and the cloud identities the service
 * accounts' annotations name: EKS IRSA (`eks.amazonaws.com/role-arn`: the role's trust must admit
 * the cluster's issuer, `sub` = `system:serviceaccount:NS:NAME` and `aud`) and GKE workload
 * identity (`iam.gke.io/gcp-service-account`: the GCP side must grant
 * `roles/iam.workloadIdentityUser` to `serviceAccount:POOL[NS/NAME]`). The federation module checks
 * the other side; an annotation alone never links.
 */
import type { BlastGraph } from '../../graph/graph';
import type { IssuedToken } from '../types';
import type { K8sModel } from './model';
import { clusterId } from './ids';

const IRSA = 'eks.amazonaws.com/role-arn';
const IRSA_AUDIENCE = 'eks.amazonaws.com/audience';
const GKE = 'iam.gke.io/gcp-service-account';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** How to draw an IAM role no export describes: its name and account, from its ARN. */
function rolePlaceholder(arn: string): IssuedToken['names'][number]['placeholder'] {
  const m = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { provider: 'aws', kind: 'role', name: m[2]!, account: m[1] } : undefined;
}

export function issuedTokens(graph: BlastGraph, model: K8sModel): IssuedToken[] {
  const out: IssuedToken[] = [];
  for (const sa of model.serviceAccounts.values()) {
    const a = graph.getNodeAttributes(sa.id);
    const annotations = (a.attributes.annotations ?? {}) as Record<string, unknown>;
    const role = str(annotations[IRSA]);
    const gsa = str(annotations[GKE]);
    const podIdentity = a.attributes.podIdentity as { roleArn?: unknown; file?: unknown; location?: unknown } | undefined;
    const podRole = str(podIdentity?.roleArn);
    if (!role && !gsa && !podRole) continue;
    const cluster = a.account ? graph.hasNode(clusterId(a.account)) ? graph.getNodeAttributes(clusterId(a.account)).attributes : undefined : undefined;
    const file = str(a.attributes.sourceFile) ?? 'kubectl export';
    const at = (key: string) => ({ file, location: `ServiceAccount ${sa.namespace}/${sa.name} metadata.annotations["${key}"]` });
    const names: IssuedToken['names'][number][] = [];
    if (role) names.push({ via: 'web-identity', target: role, technique: 'eks-irsa', evidence: at(IRSA), placeholder: rolePlaceholder(role) });
    const pool = str(cluster?.workloadPool);
    if (podRole) {
      const evidence = { file: str(podIdentity?.file) ?? file, location: str(podIdentity?.location) ?? 'association.roleArn' };
      names.push({ via: 'service', service: 'pods.eks.amazonaws.com', target: podRole, technique: 'eks-pod-identity', evidence, placeholder: rolePlaceholder(podRole) });
    }
    const project = /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(gsa ?? '')?.[1];
    if (gsa) names.push({ via: 'iam-member', target: `serviceAccount:${gsa}`, member: pool ? `serviceAccount:${pool}[${sa.namespace}/${sa.name}]` : undefined, technique: 'gke-workload-identity', evidence: at(GKE), placeholder: { provider: 'gcp', kind: 'gcp.serviceAccount', name: gsa, account: project } });
    out.push({
      from: sa.id,
      issuer: str(cluster?.oidcIssuer),
      claims: { sub: `system:serviceaccount:${sa.namespace}:${sa.name}`, aud: str(annotations[IRSA_AUDIENCE]) ?? 'sts.amazonaws.com' },
      names,
    });
  }
  return out;
}
