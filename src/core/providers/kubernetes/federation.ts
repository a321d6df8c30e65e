/**
 * The tokens a cluster mints for its service accounts, and the cloud identities the service
 * accounts' annotations name: EKS IRSA (`eks.amazonaws.com/role-arn`: the role's trust must admit
 * the cluster's issuer, `sub` = `system:serviceaccount:NS:NAME` and `aud`) and GKE workload
 * identity (`iam.gke.io/gcp-service-account`: the GCP side must grant
 * `roles/iam.workloadIdentityUser` to `serviceAccount:POOL[NS/NAME]`) and AKS workload identity
 * (`azure.workload.identity/client-id`: a federated credential of the Azure identity with that
 * client id must admit the cluster's issuer, `sub` and the webhook's audience
 * `api://AzureADTokenExchange`). The federation module checks the other side; an annotation alone
 * never links.
 */
import type { BlastGraph } from '../../graph/graph';
import type { IssuedToken } from '../types';
import type { K8sModel } from './model';
import { clusterId } from './ids';

const IRSA = 'eks.amazonaws.com/role-arn';
const IRSA_AUDIENCE = 'eks.amazonaws.com/audience';
const GKE = 'iam.gke.io/gcp-service-account';
const AKS = 'azure.workload.identity/client-id';
/** The audience the Azure workload identity webhook projects tokens for. */
const AKS_AUDIENCE = 'api://AzureADTokenExchange';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** How to draw an IAM role no export describes: its name and account, from its ARN. */
function rolePlaceholder(arn: string): IssuedToken['names'][number]['placeholder'] {
  const m = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { provider: 'aws', kind: 'role', name: m[2]!, account: m[1] } : undefined;
}

/**
 * Azure identities by client id: an annotation names a managed identity or application by client
 * id, Azure keys its nodes by object id, so the node is found by its `clientId` (a service
 * principal or managed identity) or `appId` (an application) attribute; one pass, on first use.
 */
function azureClients(graph: BlastGraph): (clientId: string) => string {
  let byClient: Map<string, string> | undefined;
  return (clientId) => {
    if (!byClient) {
      const found = new Map<string, string>();
      const apps = new Map<string, string>();
      graph.forEachNode((id, a) => {
        if (a.provider !== 'azure' || a.placeholder) return;
        if (typeof a.attributes.clientId === 'string' && !found.has(a.attributes.clientId)) found.set(a.attributes.clientId, id);
        else if (a.kind === 'azure.application' && typeof a.attributes.appId === 'string') apps.set(a.attributes.appId, id);
      });
      for (const [appId, id] of apps) if (!found.has(appId)) found.set(appId, id);
      byClient = found;
    }
    const key = clientId.toLowerCase();
    return byClient.get(key) ?? `azure:client:${key}`;
  };
}

export function issuedTokens(graph: BlastGraph, model: K8sModel): IssuedToken[] {
  const out: IssuedToken[] = [];
  const azureTarget = azureClients(graph);
  for (const sa of model.serviceAccounts.values()) {
    const a = graph.getNodeAttributes(sa.id);
    const annotations = (a.attributes.annotations ?? {}) as Record<string, unknown>;
    const role = str(annotations[IRSA]);
    const gsa = str(annotations[GKE]);
    const podIdentity = a.attributes.podIdentity as { roleArn?: unknown; file?: unknown; location?: unknown } | undefined;
    const podRole = str(podIdentity?.roleArn);
    const azureClient = str(annotations[AKS]);
    if (!role && !gsa && !podRole && !azureClient) continue;
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
    const sub = `system:serviceaccount:${sa.namespace}:${sa.name}`;
    if (names.length) out.push({ from: sa.id, issuer: str(cluster?.oidcIssuer), claims: { sub, aud: str(annotations[IRSA_AUDIENCE]) ?? 'sts.amazonaws.com' }, names });
    // The Azure webhook projects its own token, with its own audience: a token of its own.
    if (azureClient) {
      const target = azureTarget(azureClient);
      out.push({
        from: sa.id,
        issuer: str(cluster?.oidcIssuer),
        claims: { sub, aud: AKS_AUDIENCE },
        names: [{ via: 'web-identity', target, technique: 'aks-workload-identity', evidence: at(AKS), placeholder: { provider: 'azure', kind: 'azure.managedIdentity', name: `client id ${azureClient}` } }],
      });
    }
  }
  return out;
}
